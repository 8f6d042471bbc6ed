import { describe, expect, it } from 'vitest';
import { buildXlsx, type Cell } from '../../../tests/unit/xlsx-fixture';
import { startNodeDb } from '../db/node';
import { tableToCsv } from '../ingest/tabular';
import { loadDataset } from './load';

const s = (text: string): Cell => ({ s: text });

describe('warnings name the row the user sees in a workbook or an HTML table', () => {
	it('tableToCsv gives each line of its text the row it came from (empty rows left out)', () => {
		const out = tableToCsv([['Report'], [], ['id', 'stage'], ['', ''], ['1', 'Won']]);
		expect(out.text).toBe('"Report"\n"id","stage"\n"1","Won"\n');
		expect(out.sourceRows).toEqual([1, 3, 5]);
	});

	it('an .xlsx with a title, blank rows and a bad date: the warning names sheet row 7', async () => {
		// Sheet rows: 1 title, 2 blank, 3 header, 4–5 deals, 6 blank, 7 a deal with a bad date.
		const bytes = buildXlsx([
			[s('Deals report')],
			[],
			[s('Deal ID'), s('Stage'), s('Created Date'), s('Amount')],
			[s('A1'), s('Won'), s('2024-01-05'), { n: '100' }],
			[s('A2'), s('Lost'), s('2024-01-09'), { n: '50' }],
			[],
			[s('A3'), s('Won'), s('not a date'), { n: '70' }],
			[s('A4'), s('Demo'), s('2024-02-11'), { n: 'x' }]
		]);
		const db = await startNodeDb();
		try {
			const dataset = await loadDataset(db, [{ name: 'deals.xlsx', source: bytes }], {
				roles: { 'deals.xlsx': 'deals' },
				config: { columns: { id: 'Deal ID', stage: 'Stage', created: 'Created Date' } }
			});
			const text = dataset.warnings.join('\n');
			expect(text).toMatch(
				/created date value in column "Created Date" could not be read \(first at sheet row 7: "not a date"\)/
			);
			expect(text).toMatch(/without a readable created date left out \(first at sheet row 7\)/);
			expect(text).toMatch(/skipped 1 title line/);
		} finally {
			await db.close();
		}
	});

	it('an HTML table saved as .xls with an empty row: the warning names table row 4', async () => {
		const html =
			'<html><body><table>' +
			'<tr><th>Deal ID</th><th>Stage</th><th>Created Date</th></tr>' +
			'<tr><td>B1</td><td>Won</td><td>2024-03-01</td></tr>' +
			'<tr><td></td><td></td><td></td></tr>' +
			'<tr><td>B2</td><td>Lost</td><td>31/31/2024</td></tr>' +
			'</table></body></html>';
		const db = await startNodeDb();
		try {
			const dataset = await loadDataset(
				db,
				[{ name: 'deals.xls', source: new TextEncoder().encode(html) }],
				{
					roles: { 'deals.xls': 'deals' },
					config: { columns: { id: 'Deal ID', stage: 'Stage', created: 'Created Date' } }
				}
			);
			expect(dataset.warnings.join('\n')).toMatch(/first at table row 4: "31\/31\/2024"/);
		} finally {
			await db.close();
		}
	});
});
