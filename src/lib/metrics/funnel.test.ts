import { describe, expect, it } from 'vitest';
import { useNodeDb } from '../../../tests/unit/node-db';
import { dealRows, fixtureConfig, historyRows } from '../../../tests/unit/metric-fixture';
import { csv, dealsConfig, STAGES, tinyDataset } from '../../../tests/unit/tiny-dataset';
import { runReport } from '../engine/report';
import { funnelRows } from './funnel';

// Stages Lead < Demo < Proposal, then Won / Lost. January 2024.
const DEALS = dealRows`
	1,Ann,Paid,100,,2024-01-01,2024-01-31,Won,Won
	2,Ann,Paid,200,,2024-01-31,2024-01-20,Open,Proposal
	3,Bob,Organic,300,,2023-12-31,2024-01-01,Lost,Demo
	4,Bob,Organic,400,,2024-01-15,2024-02-01,Won,Won
	5,Cy,Paid,500,,2024-01-10,2024-01-20,Lost,
	6,Cy,Organic,600,,2024-01-05,,Open,Negotiation
	7,Ann,Paid,700,,2024-02-01,2024-02-02,Won,Won
	8,Bob,Paid,800,,2024-01-12,2024-01-25,Lost,proposal
	9,Cy,Paid,900,,2024-01-20,,Open,Negotiation
`;
// Furthest stage f without history: 1→won, 2→3, 4→won, 5→1 (lost, stage unknown), 6→1, 8→3, 9→1.
// Deals 3 (Dec 31) and 7 (Feb 1) are outside the January cohort.

const HISTORY = historyRows`
	5: Lead 2024-01-10T09:00:00, Demo 2024-01-12T09:00:00, Lost 2024-01-20T10:00:00
	6: Lead 2024-01-05T00:00:00, Proposal 2024-01-08T00:00:00
`;
const JANUARY = { from: '2024-01-01', to: '2024-01-31' };
const config = fixtureConfig({ deals: DEALS, history: HISTORY });

const db = useNodeDb();

describe('funnelRows', () => {
	it('funnelRows(stages, reached) labels S1…Sk then won, from_previous null on the first row', () => {
		expect(funnelRows(['A', 'B'], [4, 2, 1])).toEqual([
			{ stage: 'A', reached: 4, from_previous: null, from_first: 1 },
			{ stage: 'B', reached: 2, from_previous: 0.5, from_first: 0.5 },
			{ stage: 'won', reached: 1, from_previous: 0.5, from_first: 0.25 }
		]);
	});

	it('funnelRows gives null ratios on a zero denominator, 0 on a zero numerator', () => {
		expect(funnelRows(['A', 'B'], [3, 0, 0])).toEqual([
			{ stage: 'A', reached: 3, from_previous: null, from_first: 1 },
			{ stage: 'B', reached: 0, from_previous: 0, from_first: 0 },
			{ stage: 'won', reached: 0, from_previous: null, from_first: 0 }
		]);
		expect(funnelRows(['A'], [0, 0]).map((r) => [r.from_previous, r.from_first])).toEqual([
			[null, null],
			[null, null]
		]);
	});
});

describe('funnel', () => {
	it('funnel counts cohort deals by furthest stage: skipped stages count as passed', async () => {
		const { dataset } = await tinyDataset({ deals: DEALS, config }, db);
		const r = await runReport(db, dataset, { period: JANUARY });
		expect(r.deals.created).toBe(7);
		expect(r.funnel.map((f) => [f.stage, f.reached])).toEqual([
			['Lead', 7],
			['Demo', 4],
			['Proposal', 4],
			['won', 2]
		]);
		expect(r.funnel[0].from_previous).toBeNull();
		expect(r.funnel[1].from_previous).toBeCloseTo(4 / 7, 12);
		expect(r.funnel[2].from_previous).toBe(1);
		expect(r.funnel[3].from_previous).toBe(0.5);
		expect(r.funnel.map((f) => f.from_first)).toEqual([1, 4 / 7, 4 / 7, 2 / 7]);
	});

	it('funnel: won counts cohort deals won whenever they closed', async () => {
		const { dataset } = await tinyDataset({ deals: DEALS, config }, db);
		// Deal 4 was won on Feb 1, after the period: in the cohort's won row, not in deals.won.
		const r = await runReport(db, dataset, { period: JANUARY });
		expect(r.funnel[3].reached).toBe(2);
		expect(r.deals.won).toBe(1);
		expect(r.deals.lost).toBe(3);
		expect(r.win_rate).toBe(0.25);
	});

	it('funnel: a lost deal at an unknown stage counts at stage 1 unless its events say more', async () => {
		const { dataset } = await tinyDataset({ deals: DEALS, history: HISTORY, config }, db);
		// Events lift deal 5 (lost, stage unknown) to Demo and deal 6 (open, unknown stage) to Proposal.
		const r = await runReport(db, dataset, { period: JANUARY });
		expect(r.funnel.map((f) => f.reached)).toEqual([7, 6, 5, 2]);
		expect(r.funnel[1].from_previous).toBeCloseTo(6 / 7, 12);
		expect(r.funnel[2].from_previous).toBeCloseTo(5 / 6, 12);
		expect(r.funnel[3].from_previous).toBeCloseTo(2 / 5, 12);
	});

	it('an open deal at a stage not in the list stays open at stage 1, and a warning names the label and count', async () => {
		const { dataset } = await tinyDataset({ deals: DEALS, config }, db);
		const r = await runReport(db, dataset, { period: JANUARY });
		const unknown = r.warnings.filter((w) => w.includes('Negotiation'));
		expect(unknown).toHaveLength(1);
		expect(unknown[0]).toMatch(/stage "Negotiation" \(2 deals\)/);
		// Both are open deals in the pipeline.
		expect(r.pipeline.open_deals).toBe(3);
		// A label in another case ("proposal") is a known stage: no warning.
		expect(r.warnings.join('\n')).not.toMatch(/proposal/i);
	});

	it('without an outcome column, a stage none of the labels know makes an open deal at stage 1', async () => {
		const deals = csv`
			id,owner,source,amount,probability,created,closed,stage
			a,Ann,Paid,1,,2024-01-02,,Negotiation
			b,Ann,Paid,1,,2024-01-03,2024-01-09,Demo
			c,Ann,Paid,1,,2024-01-04,2024-01-10,Won
			d,Ann,Paid,1,,2024-01-05,2024-01-11,LOST
		`;
		const { dataset } = await tinyDataset(
			{ deals, config: dealsConfig({ columns: { outcome: undefined } }) },
			db
		);
		const r = await runReport(db, dataset, { period: JANUARY });
		expect(r.deals).toEqual({ created: 4, won: 1, lost: 1 });
		expect(r.pipeline.open_deals).toBe(2);
		// a → 1, b → 2, c → won (4), d → lost at an unknown stage (1).
		expect(r.funnel.map((f) => f.reached)).toEqual([4, 2, 1, 1]);
		expect(r.warnings.join('\n')).toMatch(/stage "Negotiation" \(1 deal\)/);
	});

	it('funnel: from_previous is null after a stage nobody reached', async () => {
		const { dataset } = await tinyDataset({ deals: DEALS, config }, db);
		// Cy's January deals: 5, 6 and 9, all at stage 1.
		const r = await runReport(db, dataset, { period: JANUARY, filters: { owner: ['Cy'] } });
		expect(r.funnel).toEqual([
			{ stage: 'Lead', reached: 3, from_previous: null, from_first: 1 },
			{ stage: 'Demo', reached: 0, from_previous: 0, from_first: 0 },
			{ stage: 'Proposal', reached: 0, from_previous: null, from_first: 0 },
			{ stage: 'won', reached: 0, from_previous: null, from_first: 0 }
		]);
	});

	it('funnel: an empty cohort has one zero row per stage and null ratios; win_rate is null', async () => {
		const { dataset } = await tinyDataset({ deals: DEALS, config }, db);
		const r = await runReport(db, dataset, { period: { from: '2030-01-01', to: '2030-01-31' } });
		expect(r.funnel).toEqual(
			[...STAGES, 'won'].map((stage) => ({
				stage,
				reached: 0,
				from_previous: null,
				from_first: null
			}))
		);
		expect(r.win_rate).toBeNull();
	});
});
