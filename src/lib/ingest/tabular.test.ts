import { describe, expect, it } from 'vitest';
import { rowsToCsv } from './tabular';

describe('rowsToCsv', () => {
	it('rowsToCsv(rows) quotes every field, doubles quotes and keeps line breaks inside fields', () => {
		expect(
			rowsToCsv([
				['id', 'name', 'note'],
				['1', 'Smith, "Ann"', 'line 1\nline 2']
			])
		).toBe('"id","name","note"\n"1","Smith, ""Ann""","line 1\nline 2"\n');
	});

	it('rowsToCsv(rows) pads table rows to one width, so a trailing empty cell stays a field', () => {
		expect(
			rowsToCsv([
				['id', 'name', 'amount'],
				['1', 'Ann'],
				['2', 'Bob', '5']
			])
		).toBe('"id","name","amount"\n"1","Ann",\n"2","Bob","5"\n');
	});

	it('rowsToCsv(rows) writes title and footer rows short and leaves out empty rows', () => {
		const csv = rowsToCsv([
			['Opportunity report', '', ''],
			['', '', ''],
			['Name', 'Stage', 'Amount'],
			['Opp A', '', '100'],
			['', '', ''],
			['Grand Totals (1 record)', '', '']
		]);
		expect(csv).toBe(
			'"Opportunity report"\n"Name","Stage","Amount"\n"Opp A",,"100"\n"Grand Totals (1 record)"\n'
		);
	});

	it('rowsToCsv(rows) keeps a one-column sheet and gives empty text for no rows', () => {
		expect(rowsToCsv([['id'], ['1'], ['2']])).toBe('"id"\n"1"\n"2"\n');
		expect(rowsToCsv([])).toBe('');
		expect(rowsToCsv([['', '']])).toBe('');
	});
});
