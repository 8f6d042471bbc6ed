import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { escapeCell, toCsv } from './csv';

describe('escapeCell', () => {
	it('prefixes text that a spreadsheet would run as a formula', () => {
		for (const bad of ['=SUM(A1)', '+1', '-2+3', '@cmd', '\tx', '\rx'])
			expect(escapeCell(bad)).toBe(`'${bad}`);
	});

	it('leaves numbers, plain text and empty cells alone', () => {
		expect(escapeCell(-12.5)).toBe(-12.5);
		expect(escapeCell('Bob Ito')).toBe('Bob Ito');
		expect(escapeCell(null)).toBeNull();
	});
});

describe('toCsv', () => {
	it('writes a header and rows that parse back, with formulas defused', () => {
		const text = toCsv(
			['stage', 'reached'],
			[
				['=HYPERLINK("http://x")', 5],
				['Demo, "big"', 3]
			]
		);
		const parsed = Papa.parse<string[]>(text).data;
		expect(parsed[0]).toEqual(['stage', 'reached']);
		expect(parsed[1]).toEqual(['\'=HYPERLINK("http://x")', '5']);
		expect(parsed[2]).toEqual(['Demo, "big"', '3']);
	});

	it('escapes header cells too', () => {
		expect(toCsv(['=evil'], []).startsWith("'=evil")).toBe(true);
	});
});
