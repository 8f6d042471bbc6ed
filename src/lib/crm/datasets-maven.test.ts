import { describe, expect, it } from 'vitest';
import { useNodeDb } from '../../../tests/unit/node-db';
import { hasDataset, loadDatasetFiles } from '../../../tests/unit/dataset-files';
import { runReport } from '../engine/report';

// Expected counts from SOURCE.md (8,800 rows: Prospecting 500, Engaging 1,589, Won 4,238, Lost
// 2,473); the hand-checked view was computed from the CSV with a separate script.
const NAME = 'maven-crm-sales-opportunities';

describe.skipIf(!hasDataset(NAME))('dataset: Maven CRM sales opportunities', () => {
	const db = useNodeDb();

	// Garret Kinder, July 2017: 10 deals engaged; closed in July: 5 won (950, 62, 4682, 483,
	// 4895; 9, 9, 8, 1, 7 days from engaging), 2 lost; 7 of the 10 were won at some point.
	const view = {
		period: { from: '2017-07-01', to: '2017-07-31' },
		filters: { owner: ['Garret Kinder'] }
	};

	it('sales_pipeline.csv with its side tables: Maven deals, side tables set aside, Prospecting deals counted out', async () => {
		const sideTables = ['accounts.csv', 'products.csv', 'sales_teams.csv', 'data_dictionary.csv'];
		const dataset = await loadDatasetFiles(db, NAME, ['sales_pipeline.csv', ...sideTables]);
		expect(dataset.files.map((f) => [f.raw.file, f.crm, f.role])).toEqual([
			['sales_pipeline.csv', 'maven', 'deals']
		]);
		expect(dataset.files[0].raw.rowsLoaded).toBe(8800);
		// No create date: created := engage_date; the 500 Prospecting deals have no date at all.
		expect(dataset.dealCount).toBe(8300);
		expect(dataset.warnings).toContain(
			'sales_pipeline.csv: 500 deals without a readable created date left out (first at line 8302)'
		);
		for (const side of sideTables) {
			expect(dataset.warnings.some((w) => w.startsWith(`${side}: not used`))).toBe(true);
		}
		expect(dataset.stages).toEqual(['Prospecting', 'Engaging']);
		expect(dataset.deals.columns).toMatchObject({
			owner: 'sales_agent',
			segment: 'product',
			created: 'engage_date',
			amount: 'close_value'
		});
		const whole = await runReport(db, dataset, { period: null, filters: {} });
		expect(whole.deals).toEqual({ created: 8300, won: 4238, lost: 2473 });
		expect(whole.pipeline.open_deals).toBe(1589);

		const r = await runReport(db, dataset, view);
		expect(r.deals).toEqual({ created: 10, won: 5, lost: 2 });
		expect(r.funnel.at(-1)?.reached).toBe(7);
		expect(r.avg_deal_size).toBeCloseTo(2214.4, 6);
		expect(r.median_deal_size).toBe(950);
		expect(r.sales_cycle_days).toBeCloseTo(6.8, 6);
		expect(r.win_rate).toBeCloseTo(5 / 7, 9);
	});

	it('the Excel-resaved M/D/YYYY variant gives the same numbers', async () => {
		const dataset = await loadDatasetFiles(db, NAME, ['variant_sales_pipeline_mdy_dates.csv']);
		expect(dataset.files[0].crm).toBe('maven');
		expect(dataset.files[0].raw.rowsLoaded).toBe(8800);
		expect(dataset.dealCount).toBe(8300);
		const r = await runReport(db, dataset, view);
		expect(r.deals).toEqual({ created: 10, won: 5, lost: 2 });
		expect(r.avg_deal_size).toBeCloseTo(2214.4, 6);
		expect(r.sales_cycle_days).toBeCloseTo(6.8, 6);
	});
});
