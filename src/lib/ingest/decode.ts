/** Text encodings we recognise. DuckDB only ever sees UTF-8: everything else is decoded here. */
export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1251' | 'windows-1252';

export interface EncodingGuess {
	encoding: Encoding;
	/** Byte order mark length at the start (0 when none). */
	bom: number;
}

/** Does `bytes` decode as strict UTF-8, allowing a sequence cut off at the end of the sample? */
function isUtf8(bytes: Uint8Array): boolean {
	// A sample may end mid-character: drop up to 3 trailing continuation/lead bytes.
	let end = bytes.length;
	for (let back = 1; back <= 3 && end - back >= 0; back++) {
		const b = bytes[end - back];
		if (b >= 0xc0) {
			end -= back;
			break;
		}
		if (b < 0x80) break;
	}
	try {
		new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end));
		return true;
	} catch {
		return false;
	}
}

/** A letter byte in windows-1251 (А…я, Ё, ё); windows-1252 has its accented letters at 0xC0–0xFF too. */
function isHighLetter(b: number | undefined): boolean {
	return b !== undefined && (b >= 0xc0 || b === 0xa8 || b === 0xb8);
}

/** Share of letters that are Cyrillic when the bytes are read as windows-1251. */
function cyrillicShare(bytes: Uint8Array): number {
	let high = 0;
	let cyr = 0;
	for (const b of bytes) {
		if (b < 0x80) continue;
		high++;
		if (isHighLetter(b)) cyr++;
	}
	return high === 0 ? 0 : cyr / high;
}

/**
 * Share of high letter bytes next to another one. Russian words are runs of them; Western text
 * has a lone accented letter between ASCII letters ("D\xEDaz", "M\xFCller").
 */
function runShare(bytes: Uint8Array): number {
	let letters = 0;
	let inRuns = 0;
	for (let i = 0; i < bytes.length; i++) {
		if (!isHighLetter(bytes[i])) continue;
		letters++;
		if (isHighLetter(bytes[i - 1]) || isHighLetter(bytes[i + 1])) inRuns++;
	}
	return letters === 0 ? 0 : inRuns / letters;
}

/** Guess the encoding from a sample of the first bytes. */
export function sniffEncoding(sample: Uint8Array): EncodingGuess {
	if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf)
		return { encoding: 'utf-8', bom: 3 };
	if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
	if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
	if (isUtf8(sample)) return { encoding: 'utf-8', bom: 0 };
	// Windows-1251 text is mostly Cyrillic letters (0xC0–0xFF) in whole words; Western text has few
	// high bytes, scattered over accented letters and punctuation.
	const encoding =
		cyrillicShare(sample) > 0.8 && runShare(sample) > 0.5 ? 'windows-1251' : 'windows-1252';
	return { encoding, bom: 0 };
}

/** Decode bytes to a JS string in the given encoding, dropping the BOM. */
export function decodeBytes(bytes: Uint8Array, guess: EncodingGuess): string {
	return new TextDecoder(guess.encoding).decode(bytes.subarray(guess.bom));
}
