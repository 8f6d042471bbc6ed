import { describe, expect, it } from 'vitest';
import { useNodeDb } from '../../../tests/unit/node-db';
import { filesRead, hasDataset, loadDatasetFiles } from '../../../tests/unit/dataset-files';
import type { Dataset } from '../engine/dataset';
import { runReport } from '../engine/report';
import { SALESFORCE_STAGES } from './salesforce';

// Row counts and the outcome mix from SOURCE.md; deal counts and the hand-checked views were
// computed from the CSVs with a separate script.
const NAME = 'synthetic-hubspot-salesforce-stage-history';
const CUSTOM = ['Discovery', 'Qualified', 'Demo', 'Proposal', 'Negotiation'];

describe.skipIf(!hasDataset(NAME))('dataset: synthetic HubSpot / Salesforce stage history', () => {
	const db = useNodeDb();

	// March 2025: 42 deals created, of which 23 reached Qualified, 17 Demo, 12 Proposal,
	// 6 Negotiation and 5 were won; closed in March: 5 won (mean 50,420, median 36,700; 45.2
	// days), 34 lost.
	const march = { period: { from: '2025-03-01', to: '2025-03-31' }, filters: {} };
	const expectMarch = async (dataset: Dataset) => {
		const r = await runReport(db, dataset, march);
		expect(r.deals).toEqual({ created: 42, won: 5, lost: 34 });
		expect(r.funnel.map((f) => f.reached)).toEqual([42, 23, 17, 12, 6, 5]);
		expect(r.avg_deal_size).toBe(50420);
		expect(r.median_deal_size).toBe(36700);
		expect(r.sales_cycle_days).toBeCloseTo(45.2, 9);
	};

	/** `file` loaded alone, checked to be read as `crm`'s `role` file of `rows` rows. */
	const loadAlone = async (file: string, crm: string, role: string, rows: number) => {
		const dataset = await loadDatasetFiles(db, NAME, [file]);
		expect(filesRead(dataset)).toEqual([[file, crm, role, rows]]);
		return dataset;
	};

	it('sample_hubspot_deals.csv: HubSpot, stage order from the Date entered columns', async () => {
		const dataset = await loadAlone('sample_hubspot_deals.csv', 'hubspot', 'deals', 1600);
		expect(dataset.dealCount).toBe(1600);
		expect(dataset.stages).toEqual(CUSTOM);
		expect(dataset.warnings).toEqual([]);
		const whole = await runReport(db, dataset, { period: null, filters: {} });
		expect(whole.deals).toEqual({ created: 1600, won: 175, lost: 1384 });
		expect(whole.pipeline.open_deals).toBe(41);
		expect(whole.pipeline.open_value).toBe(1611600);
		await expectMarch(dataset);
	});

	it('sample_salesforce_history.csv alone: the same 1,600 deals from the Opportunity History report', async () => {
		const dataset = await loadAlone('sample_salesforce_history.csv', 'salesforce', 'history', 5931);
		expect(dataset.dealCount).toBe(1600);
		// Custom stage names: the order comes from the history (which stage deals enter first).
		expect(dataset.stages).toEqual(CUSTOM);
		const whole = await runReport(db, dataset, { period: null, filters: {} });
		expect(whole.deals).toEqual({ created: 1600, won: 175, lost: 1384 });
		await expectMarch(dataset);
	});

	it('test2_salesforce_history.csv alone: Salesforce default stage names keep the default order', async () => {
		const dataset = await loadAlone('test2_salesforce_history.csv', 'salesforce', 'history', 5823);
		expect(dataset.dealCount).toBe(1600);
		expect(dataset.stages).toEqual(SALESFORCE_STAGES);
		const whole = await runReport(db, dataset, { period: null, filters: {} });
		// Current stages of the 1,600: 180 Closed Won, 1,394 Closed Lost, 26 open.
		expect(whole.deals).toEqual({ created: 1600, won: 180, lost: 1394 });
		expect(whole.pipeline.open_deals).toBe(26);
	});

	it('test3_hubspot_messy.csv: duplicates, text amounts, a second pipeline with its own stages', async () => {
		const dataset = await loadAlone('test3_hubspot_messy.csv', 'hubspot', 'deals', 1231);
		expect(dataset.dealCount).toBe(1225);
		// Pipeline by pipeline, in column order; the Renewals pipeline's last stage is its won one.
		expect(dataset.stages).toEqual([...CUSTOM, 'Renewal Review']);
		expect(dataset.deals.won).toEqual(['Closed Won', 'Renewed']);
		const w = dataset.warnings;
		expect(w.some((x) => x.includes('6 duplicate deal rows left out'))).toBe(true);
		expect(w.some((x) => x.includes('amount values in column "Amount" could not be read'))).toBe(
			true
		);
		const whole = await runReport(db, dataset, { period: null, filters: {} });
		// 110 `Closed Won`, 10 `closed won ` and 25 `Renewed`.
		expect(whole.deals.won).toBe(145);
		// The 25 renewals: created 2025-06-01, renewed 2025-07-01, 650,000 in all.
		const renewals = await runReport(db, dataset, {
			period: { from: '2025-06-01', to: '2025-07-31' },
			filters: { pipeline: ['Renewals Pipeline'] }
		});
		expect(renewals.deals).toEqual({ created: 25, won: 25, lost: 0 });
		expect(renewals.avg_deal_size).toBe(26000);
		expect(renewals.sales_cycle_days).toBe(30);
		// The Renewals pipeline has its own stage order: its funnel is its one stage, then won.
		expect(renewals.funnel.map((r) => [r.stage, r.reached])).toEqual([
			['Renewal Review', 25],
			['won', 25]
		]);
		expect(dataset.pipelines?.pipelines.map((p) => p.pipeline)).toEqual([
			'Sales Pipeline',
			'Renewals Pipeline'
		]);
	});

	it('test4_salesforce_field_history.csv alone: Stage rows and Created. rows', async () => {
		const dataset = await loadAlone(
			'test4_salesforce_field_history.csv',
			'salesforce',
			'history',
			2029
		);
		expect(dataset.dealCount).toBe(600);
		// 1,429 stage changes and 600 creations (each entering the first stage).
		expect(dataset.eventCount).toBe(2029);
		expect(dataset.stages).toEqual(SALESFORCE_STAGES);
		const whole = await runReport(db, dataset, { period: null, filters: {} });
		// Current stages: 65 Closed Won, 521 Closed Lost.
		expect(whole.deals).toEqual({ created: 600, won: 65, lost: 521 });
		// Every deal entered Prospecting at creation; 2 never left it and are still open.
		expect(whole.time_in_stage?.[0]).toMatchObject({ stage: 'Prospecting', n: 598 });
	});

	it('test6_stage_log.csv alone: the log stands in for the deals, Signed is won and Dead lost', async () => {
		const dataset = await loadDatasetFiles(db, NAME, ['test6_stage_log.csv']);
		expect(dataset.dealCount).toBe(500);
		expect(dataset.eventCount).toBe(1726);
		expect(dataset.stages).toEqual(['Discovery', 'Qualified', 'Demo', 'Proposal', 'Negotiation']);
		expect(dataset.deals.won).toContain('Signed');
		expect(dataset.deals.lost).toContain('Dead');
		const report = await runReport(db, dataset);
		// Counted from the CSV with a short script: the last stage of each deal, the furthest
		// stage any of its rows reached (Signed counting as every stage).
		expect(report.funnel.map((f) => f.reached)).toEqual([500, 321, 235, 119, 73, 55]);
		expect(report.avg_deal_size).toBeCloseTo(35796.363636, 4);
		expect(report.deals.won).toBe(55);
		expect(report.deals.lost).toBe(439);
	});
});
