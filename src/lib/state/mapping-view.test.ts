import { describe, expect, it } from 'vitest';
import { startNodeDb } from '../db/node';
import { buildDataset, readFiles } from '../engine/load';
import { runReport } from '../engine/report';
import { quickPreview } from '../ingest/quick-preview';
import { viewOfDataset, viewOfPreviews, viewOfRead, sampleValues } from './mapping-view';

// Headers nobody could recognise, over a deal's id, created date, stage code and amount (no word
// in it says "stage" or "won": detection by values finds nothing either).
const UNKNOWN = [
	'a,b,c,d',
	'D1,05.01.2024,30,100',
	'D2,09.01.2024,20,50',
	'D3,01.02.2024,10,70',
	'D4,11.02.2024,30,30'
].join('\n');

describe('the mapping editor’s view of files', () => {
	it('shows detection’s columns with sample values from the quick preview', async () => {
		const csv = 'Deal ID,Stage,Created Date,Amount\nX1,Demo,2024-01-01,10\nX2,Won,2024-01-02,20\n';
		const preview = await quickPreview({ name: 'deals.csv', source: csv });
		const view = viewOfPreviews(preview ? [preview] : [], {});
		expect(view.preview).toBe(true);
		expect(view.files[0]).toMatchObject({ name: 'deals.csv', role: 'deals', rows: null });
		expect(view.deals?.columns).toMatchObject({ stage: 'Stage', created: 'Created Date' });
		expect(sampleValues(view.files[0], 'Stage')).toEqual(['Demo', 'Won']);
	});

	it('keeps an unrecognised file with its columns, and builds it once given a role and a mapping', async () => {
		const db = await startNodeDb();
		try {
			const inputs = [{ name: 'abc.csv', source: UNKNOWN }];
			const read = await readFiles(db, inputs, { blankWhenUnknown: true });
			expect(read.files).toEqual([]);
			const first = viewOfRead(read, {}, {});
			expect(first.deals).toBeNull();
			expect(first.files[0]).toMatchObject({ name: 'abc.csv', role: null, rows: 4 });
			expect(first.files[0].columns).toEqual(['a', 'b', 'c', 'd']);
			await expect(buildDataset(db, read)).rejects.toThrow(/no deals file/);

			// The user says it is the deals file: an empty mapping, and what is missing is named.
			const roles = { 'abc.csv': 'deals' as const };
			const asDeals = await readFiles(db, inputs, { roles, blankWhenUnknown: true });
			expect(viewOfRead(asDeals, {}, {}).deals).toEqual({
				file: 'abc.csv',
				columns: {},
				meddic: {}
			});
			await expect(buildDataset(db, asDeals)).rejects.toThrow(/map "created"/);
			// Without the page's option (the CLI), a file that is not a deals file is an error.
			await expect(readFiles(db, inputs, { roles })).rejects.toThrow(/so this is not a deals file/);

			const config = {
				columns: { id: 'a', created: 'b', stage: 'c', amount: 'd' },
				stages: ['10', '20', '30']
			};
			const again = await readFiles(db, inputs, { roles, config, blankWhenUnknown: true });
			const dataset = await buildDataset(db, again, { config });
			expect(viewOfDataset(dataset).deals?.columns).toMatchObject(config.columns);
			const report = await runReport(db, dataset);
			expect(report.deals).toEqual({ created: 4, won: 0, lost: 0 });
			expect(report.funnel.map((r) => r.reached)).toEqual([4, 3, 2, 0]);
			expect(report.pipeline.open_value).toBe(250);
		} finally {
			await db.close();
		}
	});

	it('shows each file’s fields by role, and a file the user ignores as ignored', async () => {
		const db = await startNodeDb();
		try {
			const deals =
				'Deal ID,Stage,Created Date,Amount\nX1,Demo,2024-01-01,10\nX2,Won,2024-01-02,20\n';
			const spend = 'month,channel,spend\n2024-01,Ads,100\n';
			const inputs = [
				{ name: 'deals.csv', source: deals },
				{ name: 'spend.csv', source: spend }
			];
			const read = await readFiles(db, inputs, {});
			const view = viewOfRead(read, { spend: { amount: 'spend' } }, {});
			expect(view.files.map((f) => [f.name, f.role])).toEqual([
				['deals.csv', 'deals'],
				['spend.csv', 'spend']
			]);
			expect(view.files[1].fields).toEqual({ date: 'month', channel: 'channel', amount: 'spend' });
			const roles = { 'spend.csv': 'ignore' as const };
			const ignored = await readFiles(db, inputs, { roles });
			const dataset = await buildDataset(db, ignored);
			const shown = viewOfDataset(dataset, ignored.setAside, roles);
			expect(shown.files.map((f) => [f.name, f.role])).toEqual([
				['deals.csv', 'deals'],
				['spend.csv', 'ignore']
			]);
			expect(shown.files[0].fields).toMatchObject({ stage: 'Stage', created: 'Created Date' });
		} finally {
			await db.close();
		}
	});
});
