import { describe, expect, it } from 'vitest';
import { dealRows, historyRows, useMetricFixture } from '../../../tests/unit/metric-fixture';
import type { Filters, Period } from '../model/filters';
import { cohortFunnel, cohortMatrix, cohortQuery } from './cohort-matrix';
import type { CohortCell, CohortMatrix } from './cohort-matrix';
import { funnelQuery } from './funnel';
import { monthsOf } from './months';

// Stages Lead < Demo < Proposal. December has no deals.
const DEALS = dealRows`
	m1,Ann,Paid,1,,2023-11-02,2023-11-20,Won,Won
	m2,Ann,Paid,1,,2023-11-03,2023-11-21,Lost,Demo
	m3,Bob,Paid,1,,2023-11-04,,Open,Lead
	m4,Bob,Paid,1,,2023-11-05,2023-11-22,Lost,
	m5,Cy,Paid,1,,2024-01-10,2024-04-01,Won,Won
	m6,Cy,Paid,1,,2024-01-11,,Open,Proposal
	m7,Cy,Paid,1,,2024-02-01,,Open,Lead
`;
// Events lift m3 (open at Lead) to Proposal.
const HISTORY = historyRows`
	m3: Lead 2023-11-04T00:00:00, Proposal 2023-11-10T00:00:00, Lead 2023-11-12T00:00:00
`;
const NOV_TO_JAN = { from: '2023-11-01', to: '2024-01-31' };

const fixture = useMetricFixture({ deals: DEALS, history: HISTORY });

async function run(period: Period, filters: Filters = {}): Promise<CohortMatrix> {
	const ctx = fixture.context(period, filters);
	const cells = await fixture.db.query<CohortCell & Record<string, string | number>>(
		cohortQuery(ctx)
	);
	return cohortMatrix(ctx.stages, monthsOf(period), cells);
}

describe('cohort matrix', () => {
	it('cohortMatrix: rows are the created months of the period, columns the stages then won', async () => {
		const m = await run(NOV_TO_JAN);
		expect(m.columns).toEqual(['Lead', 'Demo', 'Proposal', 'won']);
		expect(m.rows.map((r) => r.month)).toEqual(['2023-11', '2023-12', '2024-01']);
	});

	it('each cell is the share of the month’s cohort whose furthest stage is at least the column', async () => {
		const [nov, , jan] = (await run(NOV_TO_JAN)).rows;
		// m1 won (4), m2 lost at Demo (2), m3 lifted to Proposal by its events (3), m4 lost, unknown (1).
		expect(nov.created).toBe(4);
		expect(nov.reached).toEqual([4, 3, 2, 1]);
		expect(nov.share).toEqual([1, 0.75, 0.5, 0.25]);
		// m5 won after the period still counts as won; m6 at Proposal.
		expect(jan.reached).toEqual([2, 2, 2, 1]);
		expect(jan.share).toEqual([1, 1, 1, 0.5]);
	});

	it('a month without deals has zero counts and null shares', async () => {
		const dec = (await run(NOV_TO_JAN)).rows[1];
		expect(dec).toEqual({
			month: '2023-12',
			from: '2023-12-01',
			to: '2023-12-31',
			created: 0,
			reached: [0, 0, 0, 0],
			share: [null, null, null, null]
		});
	});

	it('the cohort is clipped to the period and filtered', async () => {
		const m = await run({ from: '2023-11-04', to: '2024-01-10' }, { owner: ['Bob', 'Cy'] });
		expect(m.rows.map((r) => [r.month, r.created, r.reached])).toEqual([
			['2023-11', 2, [2, 1, 1, 0]],
			['2023-12', 0, [0, 0, 0, 0]],
			['2024-01', 1, [1, 1, 1, 1]]
		]);
	});

	it('cohortFunnel sums the months: the report funnel of the same view', async () => {
		const ctx = fixture.context(NOV_TO_JAN);
		const cells = await fixture.db.query<CohortCell & Record<string, string | number>>(
			cohortQuery(ctx)
		);
		const funnel = await fixture.db.query<{ reached: number }>(funnelQuery(ctx));
		expect(cohortFunnel(ctx.stages.length, cells)).toEqual(funnel.map((r) => r.reached));
		expect(cohortFunnel(2, [])).toEqual([0, 0, 0]);
		const monthCells = [
			{ month: '2023-11', i: 1, created: 3, reached: 3 },
			{ month: '2023-11', i: 3, created: 3, reached: 1 },
			{ month: '2024-01', i: 1, created: 2, reached: 2 }
		];
		expect(cohortFunnel(2, monthCells)).toEqual([5, 0, 1]);
	});
});
