import { describe, expect, it } from 'vitest';
import { dealRows } from '../../../tests/unit/metric-fixture';
import { csv, dealsConfig, tinyDataset, useTinyDataset } from '../../../tests/unit/tiny-dataset';
import { runDashboard } from '../engine/dashboard';
import { runReport } from '../engine/report';
import { cac, costPerStage } from './cac';
import { funnelRows } from './funnel';

describe('cac and costPerStage', () => {
	it('cac(spend, won) is spend / won, null without spend or without a won deal', () => {
		expect(cac(600, 4)).toBe(150);
		expect(cac(600, 0)).toBeNull();
		expect(cac(null, 4)).toBeNull();
		expect(cac(0, 4)).toBe(0);
		// Spend rows of 0 are spend; no spend row at all is no spend.
		expect(cac(0, 4, 2)).toBe(0);
		expect(cac(0, 4, 0)).toBeNull();
	});

	it('costPerStage(spend, funnel) divides spend by every row’s reached, null on 0', () => {
		expect(costPerStage(120, funnelRows(['A', 'B'], [4, 0, 0]))).toEqual([
			{ stage: 'A', cost: 30 },
			{ stage: 'B', cost: null },
			{ stage: 'won', cost: null }
		]);
		expect(costPerStage(null, funnelRows(['A'], [4, 1]))).toBeNull();
	});
});

// Q1 2024. Deal sources match spend channels.
const DEALS = dealRows`
	s1,Ann,Paid,1,,2024-01-10,2024-02-01,Won,Won
	s2,Ann,Organic,1,,2024-01-15,2024-03-31,Won,Won
	s3,Bob,Paid,1,,2024-02-01,2024-02-20,Lost,Lead
	s4,Bob,Paid,1,,2024-03-01,,Open,Demo
`;
// A month is its first day: 2024-01 is in Q1, 2023-12 and 2024-04 are not; 2024-03-31 is.
const SPEND = csv`
	month,channel,amount
	2023-12,Paid,999
	2024-01,Paid,100
	2024-01,Organic,50
	2024-02-15,Paid,200
	2024-03-31,Paid,300
	2024-04,Paid,1000
`;
const Q1 = { from: '2024-01-01', to: '2024-03-31' };
const config = dealsConfig({ spend: { date: 'month', channel: 'channel', amount: 'amount' } });

const fixture = useTinyDataset({ deals: DEALS, spend: SPEND, config });

describe('spend, cac, cost_per_stage', () => {
	it('spend sums spend rows dated in the period, both ends inclusive', async () => {
		const r = await fixture.report({ period: Q1 });
		expect(r.spend).toBe(100 + 50 + 200 + 300);
	});

	it('cac is spend / deals won in the period', async () => {
		const r = await fixture.report({ period: Q1 });
		expect(r.deals.won).toBe(2);
		expect(r.cac).toBe(650 / 2);
	});

	it('cost_per_stage divides spend by each funnel row’s reached', async () => {
		const r = await fixture.report({ period: Q1 });
		// Cohort: s1 won, s2 won, s3 lost at Lead, s4 open at Demo → reached 4, 3, 2, 2.
		expect(r.funnel.map((f) => f.reached)).toEqual([4, 3, 2, 2]);
		expect(r.cost_per_stage).toEqual([
			{ stage: 'Lead', cost: 650 / 4 },
			{ stage: 'Demo', cost: 650 / 3 },
			{ stage: 'Proposal', cost: 650 / 2 },
			{ stage: 'won', cost: 650 / 2 }
		]);
	});

	it('filtering deals by source filters spend by channel', async () => {
		const r = await fixture.report({ period: Q1, filters: { source: ['Paid'] } });
		expect(r.spend).toBe(100 + 200 + 300);
		// Paid deals: s1 won, s3 lost at Lead, s4 open at Demo.
		expect(r.deals.won).toBe(1);
		expect(r.cac).toBe(600);
		expect(r.cost_per_stage?.map((c) => c.cost)).toEqual([600 / 3, 600 / 2, 600, 600]);
	});

	it('filtering by another dimension leaves spend whole; cac is null with no won deal, cost null on reached 0', async () => {
		const r = await fixture.report({ period: Q1, filters: { owner: ['Bob'] } });
		expect(r.spend).toBe(650);
		expect(r.deals.won).toBe(0);
		expect(r.cac).toBeNull();
		// Bob: s3 at Lead, s4 at Demo.
		expect(r.cost_per_stage?.map((c) => c.cost)).toEqual([650 / 2, 650, null, null]);
	});

	it('spend is 0, not null, for a period without spend rows when there is a spend file', async () => {
		const r = await fixture.report({ period: { from: '2024-05-01', to: '2024-05-31' } });
		expect(r.spend).toBe(0);
	});

	it('spend, cac and cost_per_stage are null without a spend file', async () => {
		const { dataset } = await tinyDataset({ deals: DEALS, config }, fixture.db);
		const r = await runReport(fixture.db, dataset, { period: Q1 });
		await fixture.reload();
		expect(r.deals.won).toBe(2);
		expect(r.spend).toBeNull();
		expect(r.cac).toBeNull();
		expect(r.cost_per_stage).toBeNull();
	});
});

describe('a source filter with no matching spend channel', () => {
	// Spend only for Web; Ads deals are won too.
	const deals = csv`
		id,source,status,stage,created,closed
		D1,Web,Won,Won,2024-01-05,2024-02-01
		D2,Ads,Won,Won,2024-01-10,2024-02-10
		D3,Ads,Lost,Demo,2024-01-15,2024-03-01
		D4,Web,Open,Demo,2024-02-01,`;
	const spend = 'month,channel,amount\n2024-01,Web,1000\n2024-02,Web,500\n';
	const unmapped = { owner: undefined, amount: undefined, probability: undefined };
	const config = dealsConfig({
		columns: unmapped,
		spend: { date: 'month', channel: 'channel', amount: 'amount' }
	});
	const period = { from: '2024-01-01', to: '2024-12-31' };
	const note =
		'no spend for the sources in view ("Ads"): no spend row of the period has their channel, so CAC and cost per stage are not computed';

	it('gives CAC and cost per stage null with a note, not 0; a matching source keeps its CAC', async () => {
		const { dataset } = await tinyDataset({ deals, spend, config }, fixture.db);
		try {
			const ads = await runReport(fixture.db, dataset, { period, filters: { source: ['Ads'] } });
			// Ads: D2 won, D3 lost at Demo (reached Lead, Demo); no spend row for Ads.
			expect(ads.deals.won).toBe(1);
			expect(ads.spend).toBe(0);
			expect(ads.cac).toBeNull();
			expect(ads.cost_per_stage?.map((c) => c.cost)).toEqual([null, null, null, null]);
			expect(ads.warnings).toContain(note);
			const web = await runReport(fixture.db, dataset, { period, filters: { source: ['Web'] } });
			// Web: 1000 + 500 spent, D1 won; D1 reached every row, D4 Lead and Demo.
			expect(web.cac).toBe(1500);
			expect(web.cost_per_stage?.map((c) => c.cost)).toEqual([750, 750, 1500, 1500]);
			expect(web.warnings).not.toContain(note);
			const all = await runReport(fixture.db, dataset, { period });
			expect(all.cac).toBe(1500 / 2);
			// The dashboard's report (spend from the breakdown's totals row) says the same.
			const view = await runDashboard(fixture.db, dataset, {
				period,
				filters: { source: ['Ads'] },
				breakdown: 'source'
			});
			expect(view.report.cac).toBeNull();
			expect(view.report.warnings).toContain(note);
			expect(view.breakdown.total.cac).toBeNull();
			// By source, unfiltered: Ads has no spend row, Web has 1500 for one won deal.
			const bySource = await runDashboard(fixture.db, dataset, { period, breakdown: 'source' });
			const row = (v: string) => bySource.breakdown.rows.find((r) => r.value === v);
			expect(row('Ads')?.cac).toBeNull();
			expect(row('Web')?.cac).toBe(1500);
			expect(bySource.breakdown.total.cac).toBe(750);
		} finally {
			await fixture.reload();
		}
	});
});
