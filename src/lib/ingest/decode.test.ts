import { describe, expect, it } from 'vitest';
import { encodeCp1251 } from '../../../tests/generators/cp1251.mjs';
import { bomLength, decodeBytes, guessSingleByte, isUtf8, sniffEncoding } from './decode';

/** Windows-1252 bytes for ASCII and Latin-1 text (U+00A0…U+00FF are the same bytes). */
function cp1252(text: string): Uint8Array {
	return Uint8Array.from([...text], (ch) => {
		const c = ch.codePointAt(0)!;
		if (c < 0x80 || (c >= 0xa0 && c <= 0xff)) return c;
		if (c === 0x20ac) return 0x80; // €
		throw new Error(`no windows-1252 byte for ${ch}`);
	});
}

function utf16(text: string, order: 'le' | 'be'): Uint8Array {
	const out: number[] = [];
	for (let i = 0; i < text.length; i++) {
		const u = text.charCodeAt(i);
		out.push(...(order === 'le' ? [u & 0xff, u >> 8] : [u >> 8, u & 0xff]));
	}
	return Uint8Array.from(out);
}

const utf8 = (text: string) => new TextEncoder().encode(text);

function roundTrip(bytes: Uint8Array): string {
	return decodeBytes(bytes, sniffEncoding(bytes));
}

describe('sniffEncoding', () => {
	it('sniffEncoding(bytes) reads UTF-16 without a byte order mark by its NUL bytes, LE and BE', () => {
		const text = 'id,stage,owner\n1,Won,Zoë\n2,Lost,Анна\n';
		const le = new Uint8Array(text.length * 2);
		const be = new Uint8Array(text.length * 2);
		for (let i = 0; i < text.length; i++) {
			const c = text.charCodeAt(i);
			le.set([c & 0xff, c >> 8], 2 * i);
			be.set([c >> 8, c & 0xff], 2 * i);
		}
		expect(sniffEncoding(le)).toEqual({ encoding: 'utf-16le', bom: 0 });
		expect(sniffEncoding(be)).toEqual({ encoding: 'utf-16be', bom: 0 });
		expect(decodeBytes(le, sniffEncoding(le))).toBe(text);
		// Bytes with NULs in no such pattern are not taken for UTF-16.
		expect(sniffEncoding(new Uint8Array([0, 0, 0, 0, 1, 2, 0, 0, 0, 9])).encoding).not.toMatch(
			/utf-16/
		);
	});

	it('sniffEncoding(bytes) reads a UTF-8 byte order mark as utf-8 with a 3-byte BOM', () => {
		const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('id,Сделка\n')]);
		expect(sniffEncoding(bytes)).toEqual({ encoding: 'utf-8', bom: 3 });
		expect(roundTrip(bytes)).toBe('id,Сделка\n');
	});

	it('sniffEncoding(bytes) reads FF FE as UTF-16 LE and FE FF as UTF-16 BE', () => {
		const le = Uint8Array.from([0xff, 0xfe, ...utf16('Día,Сделка\n', 'le')]);
		const be = Uint8Array.from([0xfe, 0xff, ...utf16('Día,Сделка\n', 'be')]);
		expect(sniffEncoding(le)).toEqual({ encoding: 'utf-16le', bom: 2 });
		expect(sniffEncoding(be)).toEqual({ encoding: 'utf-16be', bom: 2 });
		expect(roundTrip(le)).toBe('Día,Сделка\n');
		expect(roundTrip(be)).toBe('Día,Сделка\n');
	});

	it('sniffEncoding(bytes) takes plain ASCII and BOM-less UTF-8 as utf-8', () => {
		expect(sniffEncoding(utf8('id,owner\n1,Ann\n'))).toEqual({ encoding: 'utf-8', bom: 0 });
		expect(sniffEncoding(utf8('id,owner\n1,José Díaz\n2,Иванов\n'))).toEqual({
			encoding: 'utf-8',
			bom: 0
		});
	});

	it('sniffEncoding(bytes) reads Russian text without a BOM as windows-1251', () => {
		const bytes = encodeCp1251('id,Сделка,Ответственный\n1,Покупка,Иванов\n');
		expect(Array.from(encodeCp1251('Сделка'))).toEqual([0xd1, 0xe4, 0xe5, 0xeb, 0xea, 0xe0]);
		expect(sniffEncoding(bytes)).toEqual({ encoding: 'windows-1251', bom: 0 });
		expect(roundTrip(bytes)).toBe('id,Сделка,Ответственный\n1,Покупка,Иванов\n');
	});

	it('sniffEncoding(bytes) reads Western accents without a BOM as windows-1252 ("Díaz" with 0xED)', () => {
		const diaz = Uint8Array.from([0x44, 0xed, 0x61, 0x7a]);
		expect(sniffEncoding(diaz)).toEqual({ encoding: 'windows-1252', bom: 0 });
		expect(roundTrip(diaz)).toBe('Díaz');
		// é 0xE9, í 0xED, ü 0xFC, ç 0xE7.
		const file = cp1252('id,owner\n1,José Díaz\n2,Müller\n3,François\n');
		expect(sniffEncoding(file)).toEqual({ encoding: 'windows-1252', bom: 0 });
		expect(roundTrip(file)).toBe('id,owner\n1,José Díaz\n2,Müller\n3,François\n');
	});

	it('sniffEncoding(sample) still says utf-8 when the sample ends mid-character', () => {
		const text = utf8('id,owner\n1,Сделка €😀');
		// Cut inside the 4-byte emoji, the 3-byte euro sign and the 2-byte Cyrillic letter.
		for (const cut of [1, 2, 3, 5, 6, 10]) {
			expect(sniffEncoding(text.subarray(0, text.length - cut)), `cut ${cut}`).toEqual({
				encoding: 'utf-8',
				bom: 0
			});
		}
	});

	it('sniffEncoding(bytes) does not take invalid UTF-8 in the middle for a cut-off character', () => {
		// A lone lead byte followed by ASCII is not a cut-off character.
		const bytes = Uint8Array.from([...utf8('id\n'), 0xc3, ...utf8('x\n')]);
		expect(sniffEncoding(bytes).encoding).not.toBe('utf-8');
	});

	it('sniffEncoding(bytes) reads a windows-1251 file whose only non-ASCII bytes are in the header', () => {
		const text =
			'ID;Стадия сделки;Сумма;Дата создания\n1;NEW;1200;01.02.2024\n2;WON;300;03.02.2024\n';
		const bytes = encodeCp1251(text);
		expect(sniffEncoding(bytes, { complete: true })).toEqual({ encoding: 'windows-1251', bom: 0 });
		expect(decodeBytes(bytes, sniffEncoding(bytes))).toBe(text);
	});

	it('sniffEncoding(bytes, {complete: true}) reads a last byte 0xE9 as windows-1252 "é", not a cut-off character', () => {
		const bytes = cp1252('id,name\n1,Ann\n2,Café');
		expect(bytes[bytes.length - 1]).toBe(0xe9);
		// As the whole file, the lone lead byte at the end cannot be UTF-8.
		expect(sniffEncoding(bytes, { complete: true })).toEqual({ encoding: 'windows-1252', bom: 0 });
		expect(decodeBytes(bytes, sniffEncoding(bytes, { complete: true }))).toBe(
			'id,name\n1,Ann\n2,Café'
		);
		// As the first part of a longer file it may be the start of a character cut by the sample.
		expect(sniffEncoding(bytes).encoding).toBe('utf-8');
		expect(isUtf8(bytes)).toBe(true);
		expect(isUtf8(bytes, { complete: true })).toBe(false);
	});

	it('sniffEncoding(bytes) keeps Russian text windows-1251 among NBSP thousands, № and one-letter words', () => {
		const text = '№;Сделка;Сумма\n1;Окна и двери в дом;1\u00a0200\u00a0000\n2;Ремонт;35\u00a0000\n';
		expect(sniffEncoding(encodeCp1251(text), { complete: true }).encoding).toBe('windows-1251');
	});

	it('sniffEncoding(bytes) keeps Western text windows-1252 with only €, £ or a lone "à"', () => {
		expect(sniffEncoding(cp1252('id,price\n1,100€\n'), { complete: true }).encoding).toBe(
			'windows-1252'
		);
		expect(sniffEncoding(cp1252('id,price\n1,£100\n'), { complete: true }).encoding).toBe(
			'windows-1252'
		);
		expect(
			sniffEncoding(cp1252('id,note\n1,Livraison à Paris\n2,Ça va\n'), { complete: true }).encoding
		).toBe('windows-1252');
	});

	it('guessSingleByte(bytes) weighs whole words: Russian words against Western words with accents', () => {
		expect(guessSingleByte(encodeCp1251('Иванов Пётр'))).toBe('windows-1251');
		expect(guessSingleByte(cp1252('Müller, Núñez'))).toBe('windows-1252');
		expect(guessSingleByte(cp1252('créé à Paris'))).toBe('windows-1252');
		// No letters to judge: windows-1252.
		expect(guessSingleByte(Uint8Array.from([0x31, 0xb0, 0x43]))).toBe('windows-1252');
	});

	it('bomLength(bytes, encoding) finds the byte order mark of the encoding asked for only', () => {
		const bom8 = Uint8Array.from([0xef, 0xbb, 0xbf, 0x61]);
		expect(bomLength(bom8, 'utf-8')).toBe(3);
		expect(bomLength(bom8, 'windows-1251')).toBe(0);
		expect(bomLength(Uint8Array.from([0xff, 0xfe, 0x61, 0]), 'utf-16le')).toBe(2);
		expect(bomLength(Uint8Array.from([0xff, 0xfe, 0x61, 0]), 'utf-16be')).toBe(0);
	});

	it('decodeBytes(bytes, windows-1252) reads 0x80–0x9F as €, curly quotes and dashes (not C1 codes)', () => {
		const bytes = Uint8Array.from([0x80, 0x20, 0x93, 0x61, 0x94, 0x20, 0x96, 0x20, 0x8a, 0x9f]);
		expect(decodeBytes(bytes, { encoding: 'windows-1252', bom: 0 })).toBe('€ “a” – ŠŸ');
	});
});
