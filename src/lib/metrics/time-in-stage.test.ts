import { describe, expect, it } from 'vitest';
import { dealRows, historyRows, useMetricFixture } from '../../../tests/unit/metric-fixture';
import { tinyDataset } from '../../../tests/unit/tiny-dataset';
import { runReport } from '../engine/report';
import type { TimeInStage } from './time-in-stage';

const DEALS = dealRows`
	t1,Ann,Paid,1,,2024-01-01,2024-01-20,Won,Won
	t2,Ann,Paid,1,,2024-02-01,2024-02-10,Lost,Demo
	t3,Bob,Paid,1,,2024-03-01,2024-03-05,Open,Demo
	t4,Bob,Paid,1,,2024-04-01,2024-04-02,Won,Won
	t5,Cy,Paid,1,,2023-12-01,2024-01-05,Won,Won
	t6,Cy,Paid,1,,2024-05-01,2024-05-11,Lost,
	t7,Cy,Paid,1,,2024-06-01,2024-06-05,Won,Won
`;
// t1: Lead 2.5 d, Demo 6.5 d, Proposal until Won 10.375 d.
// t2: Lead and Demo at the same time (listed Demo first): Lead 0 d, then Demo until closed 00:00, 9 d.
// t3: open, Lead 3 d; its current Demo stay is not counted (the "close date" is an expectation).
// t4: Lead until Won 1 d; Demo after the close, so its stay until closed is negative.
// t5: created 2023, outside a 2024 cohort: Lead 35 d.
// t6: Lead until an unknown stage, 2 d.
// t7: Won and Proposal at the same time (Won listed first): Lead 4 d 10 h, Proposal 0 d.
const HISTORY = historyRows`
	t1: Lead 2024-01-01T00:00:00, Demo 2024-01-03T12:00:00, Proposal 2024-01-10T00:00:00, Won 2024-01-20T09:00:00
	t2: Demo 2024-02-01T00:00:00, Lead 2024-02-01T00:00:00
	t3: Lead 2024-03-01T00:00:00, Demo 2024-03-04T00:00:00
	t4: Lead 2024-04-01T00:00:00, Demo 2024-04-05T00:00:00, Won 2024-04-02T00:00:00
	t5: Lead 2023-12-01T00:00:00, Won 2024-01-05T00:00:00
	t6: Lead 2024-05-01T00:00:00, Negotiation 2024-05-03T00:00:00, Lost 2024-05-11T00:00:00
	t7: Won 2024-06-05T10:00:00, Proposal 2024-06-05T10:00:00, Lead 2024-06-01T00:00:00
`;
const YEAR_2024 = { from: '2024-01-01', to: '2024-12-31' };

function stage(rows: TimeInStage[] | null, name: string): TimeInStage {
	const row = rows?.find((r) => r.stage === name);
	if (!row) throw new Error(`no time_in_stage row for ${name}`);
	return row;
}

const fixture = useMetricFixture(
	{ deals: DEALS, history: HISTORY },
	{ stages: ['Lead', 'Demo', 'Proposal', 'Contract'] }
);

describe('time in stage', () => {
	it('time_in_stage has one row per open stage, in order', async () => {
		const r = await fixture.report({ period: YEAR_2024 });
		expect(r.time_in_stage?.map((t) => t.stage)).toEqual(['Lead', 'Demo', 'Proposal', 'Contract']);
	});

	it('a stay lasts until the next event of any stage; ties are broken by stage order', async () => {
		const r = await fixture.report({ period: YEAR_2024 });
		const lead = [2.5, 0, 3, 1, 2, 4 + 10 / 24];
		const sum = lead.reduce((a, b) => a + b, 0);
		expect(stage(r.time_in_stage, 'Lead').n).toBe(6);
		expect(stage(r.time_in_stage, 'Lead').mean_days).toBeCloseTo(sum / 6, 9);
		// 0, 1, 2, 2.5, 3, 4.42: the mean of the two middle values.
		expect(stage(r.time_in_stage, 'Lead').median_days).toBeCloseTo(2.25, 9);
	});

	it.each([
		// t1 until Won 10.375 d; t7 Proposal then Won at the same instant: 0 d.
		[
			'a won or lost event sorts after an open stage entered at the same time',
			'Proposal',
			2,
			10.375 / 2
		],
		// t1 6.5 and t2 9; not t3 (open, still in Demo) nor t4 (negative).
		[
			'the last stay of a closed deal lasts until closed at 00:00; open deals’ current stays and negative stays are not counted',
			'Demo',
			2,
			7.75
		],
		['a stage nobody stayed in has n 0 and null mean and median', 'Contract', 0, null]
	] as const)('%s', async (_name, name, n, days) => {
		const r = await fixture.report({ period: YEAR_2024 });
		expect(stage(r.time_in_stage, name)).toEqual({
			stage: name,
			n,
			mean_days: days,
			median_days: days
		});
	});

	it('time_in_stage counts the cohort’s events only', async () => {
		const december = await fixture.report({
			period: { from: '2023-12-01', to: '2023-12-31' }
		});
		expect(stage(december.time_in_stage, 'Lead')).toEqual({
			stage: 'Lead',
			n: 1,
			mean_days: 35,
			median_days: 35
		});
		const bob = await fixture.report({ period: YEAR_2024, filters: { owner: ['Bob'] } });
		// t3 Lead 3 d, t4 Lead 1 d.
		expect(stage(bob.time_in_stage, 'Lead')).toEqual({
			stage: 'Lead',
			n: 2,
			mean_days: 2,
			median_days: 2
		});
		expect(stage(bob.time_in_stage, 'Demo').n).toBe(0);
	});

	it('an unknown stage in the history ends the stay before it and is named in the warnings', async () => {
		const r = await fixture.report({ period: YEAR_2024 });
		expect(r.warnings.join('\n')).toMatch(/stage "Negotiation" in the history \(1 event\)/);
	});

	it('time_in_stage is null when there are no stage events at all', async () => {
		const { dataset } = await tinyDataset({ deals: DEALS, config: fixture.config }, fixture.db);
		expect(dataset.eventCount).toBe(0);
		const r = await runReport(fixture.db, dataset, { period: YEAR_2024 });
		expect(r.time_in_stage).toBeNull();
		await fixture.reload();
	});
});
