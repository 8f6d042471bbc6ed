import { describe, expect, it } from 'vitest';
import { useNodeDb } from '../../../tests/unit/node-db';
import { filesRead, hasDataset, loadDatasetFiles } from '../../../tests/unit/dataset-files';
import { runReport } from '../engine/report';

// Row counts from SOURCE.md; the hand-checked numbers were computed from the CSVs with a
// separate script.
const NAME = 'saas-pipeline-marketing-spend';

describe.skipIf(!hasDataset(NAME))('dataset: SaaS pipeline + marketing spend', () => {
	const db = useNodeDb();

	it('opportunities and spend load as generic deals and spend; accounts, reps and cac_summary are set aside', async () => {
		const sideTables = ['accounts.csv', 'reps.csv', 'cac_summary.csv'];
		const dataset = await loadDatasetFiles(db, NAME, [
			'opportunities.csv',
			'marketing_spend.csv',
			...sideTables
		]);
		expect(filesRead(dataset)).toEqual([
			['opportunities.csv', 'generic', 'deals', 2266],
			['marketing_spend.csv', 'spend', 'spend', 360]
		]);
		for (const side of sideTables) {
			expect(dataset.warnings.some((w) => w.startsWith(`${side}: not used`))).toBe(true);
		}
		expect(dataset.dealCount).toBe(2266);
		// Salesforce-like names, ordered by the probability each stage carries (10, 25, 40, 60, 80).
		expect(dataset.stages).toEqual([
			'Prospecting',
			'Qualification',
			'Needs Analysis',
			'Proposal',
			'Negotiation'
		]);
		expect(dataset.deals.flags).toEqual({ won: 'is_won', closed: 'is_closed' });
		expect(dataset.deals.columns).toMatchObject({
			id: 'opp_id',
			owner: 'rep_id',
			pipeline: 'division',
			segment: 'segment',
			created: 'created_date',
			closed: 'close_date'
		});
		expect(dataset.spend?.columns).toEqual({ date: 'month', channel: 'channel', amount: 'spend' });

		const whole = await runReport(db, dataset, { period: null, filters: {} });
		expect(whole.deals).toEqual({ created: 2266, won: 789, lost: 1338 });

		// Rep 1004, Q2 2025: 6 deals created; closed in the quarter 4 won (mean 75,281.59, 77.75
		// days), 3 lost. Spend is not filtered by owner: the quarter's total, 780,491.81.
		const q2 = await runReport(db, dataset, {
			period: { from: '2025-04-01', to: '2025-06-30' },
			filters: { owner: ['1004'] }
		});
		expect(q2.deals).toEqual({ created: 6, won: 4, lost: 3 });
		expect(q2.avg_deal_size).toBeCloseTo(75281.59, 6);
		expect(q2.sales_cycle_days).toBeCloseTo(77.75, 9);
		expect(q2.spend).toBeCloseTo(780491.81, 4);

		// Rep 1004's open deals (Negotiation ×3, Proposal ×2, Needs Analysis): 475,093.81, weighted
		// by their probabilities 318,652.20.
		const open = await runReport(db, dataset, { period: null, filters: { owner: ['1004'] } });
		expect(open.pipeline.open_deals).toBe(6);
		expect(open.pipeline.open_value).toBeCloseTo(475093.81, 4);
		expect(open.pipeline.weighted_value).toBeCloseTo(318652.2, 4);
	});
});
