import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { escapeCell, toCsv } from './csv';

describe('escapeCell', () => {
	it('prefixes text that a spreadsheet would run as a formula', () => {
		for (const bad of ['=SUM(A1)', '+1', '-2+3', '@cmd', '\tx', '\rx'])
			expect(escapeCell(bad)).toBe(`'${bad}`);
	});

	it('prefixes the full-width formula leaders and leaders after spaces', () => {
		for (const bad of ['＝1+1', '＋1', '－2', '＠SUM(A1)', ' =1+1', '\u3000＝1', '\nx'])
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

	it('quotes a field holding a semicolon or a tab, so a spreadsheet splitting on either keeps it one cell', () => {
		const text = toCsv(
			['Deal', 'Note'],
			[
				['x;=1+1', 'a\t=2+2'],
				['plain', 'b,c']
			]
		);
		expect(text).toBe('Deal,Note\r\n"x;=1+1","a\t=2+2"\r\nplain,"b,c"');
		for (const delimiter of [',', ';', '\t']) {
			const parsed = Papa.parse<string[]>(text, { delimiter }).data;
			// Read with any of the separators, no cell starts with a formula leader.
			for (const cell of parsed.flat()) expect(cell).not.toMatch(/^[=+\-@]/);
		}
		expect(Papa.parse<string[]>(text).data[1]).toEqual(['x;=1+1', 'a\t=2+2']);
	});

	it('escapes header cells too (quoted, as papaparse quotes every escaped cell)', () => {
		expect(toCsv(['=evil'], [])).toBe(`"'=evil"\r\n`);
		expect(Papa.parse<string[]>(toCsv(['=evil'], [])).data[0]).toEqual(["'=evil"]);
	});

	it('writes a text cell starting with =, +, - or @ behind a quote, and leaves negative numbers alone', () => {
		const text = toCsv(['cell'], [['=1+1'], ['+1'], ['-2'], ['@SUM(A1)'], [-2]]);
		expect(text).toBe(`cell\r\n"'=1+1"\r\n"'+1"\r\n"'-2"\r\n"'@SUM(A1)"\r\n-2`);
		expect(Papa.parse<string[]>(text).data.slice(1)).toEqual([
			["'=1+1"],
			["'+1"],
			["'-2"],
			["'@SUM(A1)"],
			['-2']
		]);
	});
});
