import { describe, expect, it } from 'vitest';
import { useNodeDb } from '../../../tests/unit/node-db';
import { filesRead, hasDataset, loadDatasetFiles } from '../../../tests/unit/dataset-files';
import { runReport } from '../engine/report';
import { SALESFORCE_STAGES } from './salesforce';

// Row counts from SOURCE.md; the hand-checked numbers were computed from the CSVs with a
// separate script.
const NAME = 'salesforce-sample-org';

describe.skipIf(!hasDataset(NAME))('dataset: Salesforce Developer-Edition sample org', () => {
	const db = useNodeDb();

	it('the Data Export: Opportunity, OpportunityHistory and Campaign (as spend); Lead and Account set aside', async () => {
		const sideTables = ['lead.csv', 'account.csv'];
		const dataset = await loadDatasetFiles(db, NAME, [
			'opportunity.csv',
			'OpportunityHistory.csv',
			'campaign.csv',
			...sideTables
		]);
		expect(filesRead(dataset)).toEqual([
			['opportunity.csv', 'salesforce', 'deals', 31],
			['OpportunityHistory.csv', 'salesforce', 'history', 62],
			['campaign.csv', 'salesforce', 'spend', 4]
		]);
		for (const side of sideTables) {
			expect(dataset.warnings.some((w) => w.startsWith(`${side}: not used`))).toBe(true);
		}
		expect(dataset.dealCount).toBe(31);
		// Each opportunity has two history rows, the second repeating the stage (From = StageName).
		expect(dataset.eventCount).toBe(31);
		expect(dataset.stages).toEqual(SALESFORCE_STAGES);
		expect(dataset.deals.flags).toEqual({ won: 'IsWon', closed: 'IsClosed' });

		// 13 open opportunities (IsClosed 0): 2,115,000, weighted by Probability 1,094,500.
		const whole = await runReport(db, dataset, { period: null, filters: {} });
		expect(whole.pipeline).toEqual({
			open_deals: 13,
			open_value: 2115000,
			weighted_value: 1094500
		});
		// All 31 were created on 2023-10-28 (the org's load); 18 won, all closing before that,
		// so every cycle is negative and left out.
		const y2023 = await runReport(db, dataset, {
			period: { from: '2023-01-01', to: '2023-12-31' },
			filters: {}
		});
		expect(y2023.deals).toEqual({ created: 31, won: 18, lost: 0 });
		expect(y2023.avg_deal_size).toBe(202500);
		expect(y2023.median_deal_size).toBe(120000);
		expect(y2023.sales_cycle_days).toBeNull();
		// Campaign actual costs in 2023: Webinar 11,400 + Direct Mail 23,500 (two are blank).
		expect(y2023.spend).toBe(34900);
		expect(y2023.cac).toBeCloseTo(34900 / 18, 9);

		// Lead source Partner: 5 won (120,000, 85,000, 270,000, 915,000, 30,000).
		const partner = await runReport(db, dataset, {
			period: { from: '2023-01-01', to: '2023-12-31' },
			filters: { source: ['Partner'] }
		});
		expect(partner.deals).toEqual({ created: 5, won: 5, lost: 0 });
		expect(partner.avg_deal_size).toBe(284000);
	});

	it('the Excel-resaved variant: MM/DD/YY dates, TRUE/FALSE flags, no FromOpportunityStageName', async () => {
		const variant = ['Opportunity.csv', 'OpportunityHistory.csv', 'Lead.csv'];
		const dataset = await loadDatasetFiles(
			db,
			NAME,
			variant.map((file) => `excel-resaved-variant/${file}`)
		);
		expect(filesRead(dataset)).toEqual([
			['Opportunity.csv', 'salesforce', 'deals', 36],
			['OpportunityHistory.csv', 'salesforce', 'history', 48]
		]);
		expect(dataset.warnings.some((w) => w.startsWith('Lead.csv: not used'))).toBe(true);
		expect(dataset.dealCount).toBe(36);
		// No row repeats its opportunity's previous stage: every row is a stage event.
		expect(dataset.eventCount).toBe(48);
		expect(dataset.stages).toEqual(SALESFORCE_STAGES);
		// CreatedDate 02/23/26 and 02/24/26: 2026, not the year 26.
		expect(dataset.whole).toEqual({ from: '2026-02-23', to: '2026-03-31' });
		// 12 won and 6 lost close on 02/03/24; their amounts (mean 234,583.33, median 155,000).
		const y2024 = await runReport(db, dataset, {
			period: { from: '2024-01-01', to: '2024-12-31' },
			filters: {}
		});
		expect(y2024.deals).toEqual({ created: 0, won: 12, lost: 6 });
		expect(y2024.avg_deal_size).toBeCloseTo(2815000 / 12, 6);
		expect(y2024.median_deal_size).toBe(155000);
		const whole = await runReport(db, dataset, { period: null, filters: {} });
		expect(whole.pipeline).toEqual({
			open_deals: 16,
			open_value: 2115000,
			weighted_value: 1094500
		});
	});
});
