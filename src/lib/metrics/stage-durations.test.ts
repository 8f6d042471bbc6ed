import { describe, expect, it } from 'vitest';
import { dealRows, historyRows, useMetricFixture } from '../../../tests/unit/metric-fixture';
import type { Period } from '../model/filters';
import { stageDurations, stageDurationsQuery, type StageDuration } from './stage-durations';

const DEALS = dealRows`
	d1,Ann,Paid,1,,2024-01-01,2024-01-04,Won,Won
	d2,Ann,Paid,1,,2024-01-01,2024-01-03,Won,Won
	d3,Bob,Paid,1,,2024-01-01,2024-01-04,Lost,Lead
	d4,Bob,Paid,1,,2024-01-01,2024-01-05,Won,Won
	d5,Cy,Paid,1,,2024-01-01,,Open,Demo
	d6,Cy,Paid,1,,2024-01-01,,Open,Lead
`;
// Lead stays: d1 1 d, d2 2 d (until Won), d3 3 d (until Lost), d4 4 d (until closed at 00:00),
// d5 10 d. d6's current stay is not counted. Demo: d1 2 d until closed; d5 is still there.
const HISTORY = historyRows`
	d1: Lead 2024-01-01T00:00:00, Demo 2024-01-02T00:00:00
	d2: Lead 2024-01-01T00:00:00, Won 2024-01-03T00:00:00
	d3: Lead 2024-01-01T00:00:00, Lost 2024-01-04T00:00:00
	d4: Lead 2024-01-01T00:00:00
	d5: Lead 2024-01-01T00:00:00, Demo 2024-01-11T00:00:00
	d6: Lead 2024-01-01T00:00:00
`;
const JANUARY = { from: '2024-01-01', to: '2024-01-31' };

const fixture = useMetricFixture({ deals: DEALS, history: HISTORY });

async function run(period: Period): Promise<StageDuration[]> {
	const ctx = fixture.context(period);
	return stageDurations(ctx.stages, await fixture.db.query(stageDurationsQuery(ctx)));
}

describe('stage durations', () => {
	it('stageDurations: box-plot statistics of the stays in each open stage (continuous quantiles)', async () => {
		const [lead] = await run(JANUARY);
		// Stays 1, 2, 3, 4, 10: the p-quantile sits at position 4p between the sorted values.
		expect(lead.stage).toBe('Lead');
		expect(lead.n).toBe(5);
		expect(lead.min).toBe(1);
		expect(lead.p5).toBeCloseTo(1.2, 9);
		expect(lead.p25).toBe(2);
		expect(lead.median).toBe(3);
		expect(lead.p75).toBe(4);
		expect(lead.p95).toBeCloseTo(8.8, 9);
		expect(lead.max).toBe(10);
		expect(lead.mean).toBe(4);
	});

	it('one stay gives every statistic its length; no stay gives n 0 and nulls', async () => {
		const [, demo, proposal] = await run(JANUARY);
		expect(demo).toEqual({
			stage: 'Demo',
			n: 1,
			min: 2,
			p5: 2,
			p25: 2,
			median: 2,
			p75: 2,
			p95: 2,
			max: 2,
			mean: 2
		});
		expect(proposal).toEqual({
			stage: 'Proposal',
			n: 0,
			min: null,
			p5: null,
			p25: null,
			median: null,
			p75: null,
			p95: null,
			max: null,
			mean: null
		});
	});

	it('the stays are time in stage’s: same n, mean and median per stage', async () => {
		for (const period of [JANUARY, { from: '2023-12-01', to: '2023-12-31' }]) {
			const durations = await run(period);
			const r = await fixture.report({ period });
			expect(durations.map((d) => [d.stage, d.n, d.mean, d.median])).toEqual(
				r.time_in_stage?.map((t) => [t.stage, t.n, t.mean_days, t.median_days])
			);
		}
	});
});
