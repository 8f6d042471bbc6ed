import { HEAD_BYTES } from './source-bytes';

/** Text encodings we recognise. DuckDB only ever sees UTF-8: everything else is decoded here. */
export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1251' | 'windows-1252';

export const ENCODINGS: readonly Encoding[] = [
	'utf-8',
	'utf-16le',
	'utf-16be',
	'windows-1251',
	'windows-1252'
];

export interface EncodingGuess {
	encoding: Encoding;
	/** Byte order mark length at the start (0 when none). */
	bom: number;
}

export interface SniffOptions {
	/**
	 * The sample is the whole file. A sample cut from a longer file may end mid-character, which
	 * is forgiven; at the true end of a file an incomplete UTF-8 sequence is a windows-125x byte
	 * ("Café" ending in 0xE9).
	 */
	complete?: boolean;
}

/** Does `bytes` decode as strict UTF-8 (allowing a sequence cut off at the end of a partial sample)? */
export function isUtf8(bytes: Uint8Array, { complete = false }: SniffOptions = {}): boolean {
	let end = bytes.length;
	if (!complete) {
		// A sample may end mid-character: drop up to 3 trailing continuation/lead bytes.
		for (let back = 1; back <= 3 && end - back >= 0; back++) {
			const b = bytes[end - back];
			if (b >= 0xc0) {
				end -= back;
				break;
			}
			if (b < 0x80) break;
		}
	}
	try {
		new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end));
		return true;
	} catch {
		return false;
	}
}

/** The byte order mark of `encoding` at the start of `bytes`, if there is one. */
export function bomLength(bytes: Uint8Array, encoding: Encoding): number {
	if (encoding === 'utf-8' && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 3;
	if (encoding === 'utf-16le' && bytes[0] === 0xff && bytes[1] === 0xfe) return 2;
	if (encoding === 'utf-16be' && bytes[0] === 0xfe && bytes[1] === 0xff) return 2;
	return 0;
}

const ASCII_LETTER = /[A-Za-z]/;
const LETTERS = /\p{L}+/gu;
/** Russian letters: А…я, Ё, ё (the Cyrillic letters windows-1251 holds at 0xA8, 0xB8, 0xC0–0xFF). */
const RUSSIAN = /[\u0410-\u044f\u0401\u0451]/g;

/**
 * Windows-1251 or windows-1252 for bytes that are not UTF-8, by which reading gives plausible
 * words. Read as windows-1251, each word that holds Russian letters votes: a word of two or more
 * Russian letters and no Latin one is Russian ("Сделка"); a word that mixes them is a Western
 * word misread ("Díaz" → "Dнaz", "Müller" → "Mьller"). One-letter words do not vote: Russian
 * "и", "в" read in windows-1252 are French/Spanish "è", "â", just as plausible. Bytes that are
 * not letters in both (`€`, `£`, `°`, NBSP) do not vote; with no votes, windows-1252.
 */
export function guessSingleByte(bytes: Uint8Array): 'windows-1251' | 'windows-1252' {
	const text = new TextDecoder('windows-1251').decode(bytes);
	let votes = 0;
	for (const [word] of text.matchAll(LETTERS)) {
		const russian = word.match(RUSSIAN)?.length ?? 0;
		if (russian === 0) continue;
		if (ASCII_LETTER.test(word)) votes -= russian;
		else if (russian >= 2) votes += russian;
	}
	return votes > 0 ? 'windows-1251' : 'windows-1252';
}

/** Guess the encoding from a sample of the first bytes (or the whole file, see `complete`). */
export function sniffEncoding(sample: Uint8Array, options: SniffOptions = {}): EncodingGuess {
	if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf)
		return { encoding: 'utf-8', bom: 3 };
	if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
	if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
	const utf16 = utf16WithoutBom(sample);
	if (utf16) return { encoding: utf16, bom: 0 };
	if (isUtf8(sample, options)) return { encoding: 'utf-8', bom: 0 };
	return { encoding: guessSingleByte(sample), bom: 0 };
}

/**
 * UTF-16 written without a byte-order mark: text of mostly ASCII characters has a NUL in every
 * other byte (the second of each pair in little-endian, the first in big-endian) and hardly
 * any in the others. Without this the NULs read as a binary file.
 */
function utf16WithoutBom(sample: Uint8Array): 'utf-16le' | 'utf-16be' | null {
	const pairs = Math.min(sample.length >> 1, 4096);
	if (pairs < 4) return null;
	let even = 0;
	let odd = 0;
	for (let i = 0; i < pairs; i++) {
		if (sample[2 * i] === 0) even++;
		if (sample[2 * i + 1] === 0) odd++;
	}
	if (odd >= pairs * 0.7 && even <= pairs * 0.05) return 'utf-16le';
	if (even >= pairs * 0.7 && odd <= pairs * 0.05) return 'utf-16be';
	return null;
}

/** Windows-1252 characters for the bytes 0x80–0x9F (the five unassigned ones stay as C1 codes). */
const CP1252_C1 =
	'\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
	'\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** The windows-1252 character for a byte (or a `&#128;`-style reference) 0x80–0x9F. */
export function cp1252Char(code: number): string {
	return CP1252_C1[code - 0x80];
}

/** Decode bytes to a JS string in the given encoding, dropping the BOM. */
export function decodeBytes(bytes: Uint8Array, guess: EncodingGuess): string {
	const text = new TextDecoder(guess.encoding).decode(bytes.subarray(guess.bom));
	// Node's TextDecoder (before v23) reads windows-1252 as ISO-8859-1, leaving 0x80–0x9F as C1
	// control codes: map them as browsers do (`€`, curly quotes, dashes).
	if (guess.encoding !== 'windows-1252') return text;
	return text.replace(/[\u0080-\u009f]/g, (ch) => cp1252Char(ch.charCodeAt(0)));
}

/**
 * Bytes that are mostly UTF-8 with a few bytes that are not (a file cut and pasted together, a
 * damaged export): more valid multi-byte characters than bad bytes. A windows-125x file has
 * accented letters but almost never a valid UTF-8 sequence.
 */
export function mostlyUtf8(bytes: Uint8Array): boolean {
	let valid = 0;
	let bad = 0;
	for (let i = 0; i < bytes.length; i++) {
		const b = bytes[i];
		if (b < 0x80) continue;
		const need = b >= 0xf0 && b < 0xf5 ? 3 : b >= 0xe0 ? 2 : b >= 0xc2 && b < 0xe0 ? 1 : -1;
		let ok = need > 0 && i + need < bytes.length + 1;
		for (let k = 1; ok && k <= need; k++) ok = (bytes[i + k] ?? 0) >> 6 === 2;
		if (ok) {
			valid++;
			i += need;
		} else bad++;
	}
	return valid > 0 && bad <= valid;
}

/**
 * Bytes around the non-ASCII bytes of a file (up to `max`): what tells windows-1251 from 1252
 * when the first part of a file was plain ASCII.
 */
export function nonAsciiSample(bytes: Uint8Array, max = HEAD_BYTES): Uint8Array {
	const parts: number[] = [];
	let i = 0;
	while (i < bytes.length && parts.length < max) {
		if (bytes[i] < 0x80) {
			i++;
			continue;
		}
		const from = Math.max(0, i - 40);
		const to = Math.min(bytes.length, i + 40);
		for (let k = from; k < to; k++) parts.push(bytes[k]);
		parts.push(0x0a);
		i = to;
	}
	return Uint8Array.from(parts);
}
