import { describe, expect, it } from 'vitest';
import { expectClose } from '../../../tests/unit/expect-close';
import { dealRows, spendRows, useMetricFixture } from '../../../tests/unit/metric-fixture';
import { dealsConfig, tinyDataset } from '../../../tests/unit/tiny-dataset';
import type { Filters, Period } from '../model/filters';
import { cohortQuery, type CohortCell } from './cohort-matrix';
import { series, seriesQuery, type Series, type SeriesCells } from './series';

// The period runs from 15 January to 10 March 2024: January and March are clipped, February empty.
const DEALS = dealRows`
	s1,Ann,Paid,100,,2024-01-20,2024-03-01,Won,Won
	s2,Ann,Paid,200,,2024-01-10,2024-01-25,Won,Won
	s3,Bob,Paid,300,,2024-01-16,2024-01-30,Lost,Demo
	s4,Bob,Paid,,50,2024-03-05,,Open,Proposal
	s5,Cy,Paid,500,,2024-03-02,2024-03-09,Won,Won
	s6,Cy,Paid,600,,2024-03-03,2024-03-20,Won,Won
	s7,Cy,Paid,700,,2023-12-01,,Open,Lead
`;
const SPEND = spendRows`
	Paid: 2024-01-14 1000, 2024-01-15 100
	Ads: 2024-01-31 50
	Paid: 2024-03-10 30, 2024-03-11 999
`;
const PERIOD = { from: '2024-01-15', to: '2024-03-10' };

const fixture = useMetricFixture({ deals: DEALS, spend: SPEND });

async function run(period: Period, filters: Filters = {}, data = fixture.dataset): Promise<Series> {
	const ctx = { period, filters, stages: data.stages };
	const [cells, cohort] = await Promise.all([
		fixture.db.query<SeriesCells & Record<string, string | number | null>>(seriesQuery(ctx)),
		fixture.db.query<CohortCell & Record<string, string | number>>(cohortQuery(ctx))
	]);
	return series(ctx, cells, cohort, { hasSpend: data.hasSpend });
}

describe('series', () => {
	it('series has every calendar month of the period, clipped to it', async () => {
		const s = await run(PERIOD);
		expect(s.stages).toEqual(['Lead', 'Demo', 'Proposal', 'won']);
		expect(s.months.map((m) => [m.month, m.from, m.to])).toEqual([
			['2024-01', '2024-01-15', '2024-01-31'],
			['2024-02', '2024-02-01', '2024-02-29'],
			['2024-03', '2024-03-01', '2024-03-10']
		]);
	});

	it('cohort metrics count by created month, closed metrics by closed month', async () => {
		const [jan, , mar] = (await run(PERIOD)).months;
		// January: s1 (won later) and s3 (lost at Demo) created; s2 (created before the period) won.
		expectClose(jan, {
			created: 2,
			reached: [2, 2, 1, 1],
			won: 1,
			lost: 1,
			win_rate: 0.5,
			avg_deal_size: 200,
			median_deal_size: 200,
			sales_cycle_days: 15,
			median_sales_cycle_days: 15,
			sales_velocity_per_day: (2 * 0.5 * 200) / 15
		});
		// March: s4, s5, s6 created (s6 is won after the period); s1 (41 d) and s5 (7 d) won.
		expectClose(mar, {
			created: 3,
			reached: [3, 3, 3, 2],
			won: 2,
			lost: 0,
			win_rate: 1,
			avg_deal_size: 300,
			median_deal_size: 300,
			sales_cycle_days: 24,
			median_sales_cycle_days: 24,
			sales_velocity_per_day: (3 * 1 * 300) / 24
		});
	});

	it('a month without deals has zeros and nulls', async () => {
		const feb = (await run(PERIOD)).months[1];
		expect(feb).toMatchObject({
			created: 0,
			reached: [0, 0, 0, 0],
			won: 0,
			lost: 0,
			win_rate: null,
			avg_deal_size: null,
			median_deal_size: null,
			sales_cycle_days: null,
			sales_velocity_per_day: null,
			spend: 0,
			cac: null
		});
	});

	it('spend by month counts rows dated inside the period only; cac is the month’s spend / won', async () => {
		const s = await run(PERIOD);
		expect(s.months.map((m) => [m.spend, m.cac])).toEqual([
			[150, 150],
			[0, null],
			[30, 15]
		]);
		const paid = await run(PERIOD, { source: ['Paid'] });
		expect(paid.months.map((m) => m.spend)).toEqual([100, 0, 30]);
	});

	it('the pipeline of a month is the open deals created on or before its last day', async () => {
		const s = await run(PERIOD);
		expect(s.months.map((m) => [m.open_deals, m.open_value, m.weighted_value])).toEqual([
			[1, 700, null],
			[1, 700, null],
			[2, 700, 0]
		]);
	});

	it('the months add up to the report', async () => {
		const s = await run(PERIOD);
		const r = await fixture.report({ period: PERIOD });
		const total = (pick: (m: Series['months'][number]) => number) =>
			s.months.reduce((a, m) => a + pick(m), 0);
		expect(total((m) => m.created)).toBe(r.deals.created);
		expect(total((m) => m.won)).toBe(r.deals.won);
		expect(total((m) => m.lost)).toBe(r.deals.lost);
		expect(total((m) => m.spend ?? 0)).toBe(r.spend);
		expect(r.funnel.map((f, i) => total((m) => m.reached[i]) === f.reached)).toEqual(
			r.funnel.map(() => true)
		);
	});

	it('without a spend file, spend and cac are null in every month', async () => {
		const { dataset: plain } = await tinyDataset(
			{ deals: DEALS, config: dealsConfig() },
			fixture.db
		);
		const s = await run(PERIOD, {}, plain);
		expect(s.months.every((m) => m.spend === null && m.cac === null)).toBe(true);
		await fixture.reload();
	});
});
