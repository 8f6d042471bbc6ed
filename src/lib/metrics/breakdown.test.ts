import { describe, expect, it } from 'vitest';
import { expectClose } from '../../../tests/unit/expect-close';
import { dealRows, spendRows, useMetricFixture } from '../../../tests/unit/metric-fixture';
import { dealsConfig, tinyDataset } from '../../../tests/unit/tiny-dataset';
import type { Dataset } from '../engine/dataset';
import type { Dimension } from '../model/config';
import type { Filters } from '../model/filters';
import { breakdown, breakdownQuery, type Breakdown, type BreakdownCells } from './breakdown';

// January 2024. b7 (closed and created long before) and b8 (created after January) have no
// activity in the period, so Cy, Dee and Events get no row.
const DEALS = dealRows`
	b1,Ann,Paid,100,,2024-01-02,2024-01-12,Won,Won
	b2,Ann,Paid,500,,2024-01-03,2024-01-23,Won,Won
	b3,Ann,Organic,,50,2024-01-04,,Open,Demo
	b4,Bob,Paid,200,,2023-12-20,2024-01-05,Won,Won
	b5,Bob,Organic,400,,2024-01-10,2024-01-20,Lost,Demo
	b6,Bob,Organic,500,20,2023-11-01,,Open,Lead
	b7,Cy,Events,600,,2023-10-01,2023-11-01,Won,Won
	b8,Dee,Paid,700,,2024-02-05,,Open,Lead
`;
const SPEND = spendRows`
	Paid: 2024-01-01 1000, 2024-01-31 500
	Radio: 2024-01-15 300
	Paid: 2024-02-01 999
	Organic: 2023-12-31 50
`;
const JANUARY = { from: '2024-01-01', to: '2024-01-31' };

const fixture = useMetricFixture({ deals: DEALS, spend: SPEND });

async function run(
	dataset: Dataset,
	dimension: Dimension,
	filters: Filters = {}
): Promise<Breakdown> {
	const ctx = { period: JANUARY, filters, stages: dataset.stages };
	const cells = await fixture.db.query<BreakdownCells & Record<string, string | number | null>>(
		breakdownQuery(ctx, dimension)
	);
	return breakdown(dimension, cells, { hasSpend: dataset.hasSpend });
}

describe('breakdown', () => {
	it('breakdown by owner: the metric set per value with activity in the period, most created first', async () => {
		const b = await run(fixture.dataset, 'owner');
		expect(b.dimension).toBe('owner');
		expect(b.rows.map((r) => r.value)).toEqual(['Ann', 'Bob']);
		// Ann: b1, b2, b3 created; b1 (10 d) and b2 (20 d) won; b3 open without an amount.
		expectClose(b.rows[0], {
			created: 3,
			won: 2,
			lost: 0,
			win_rate: 1,
			avg_deal_size: 300,
			median_deal_size: 300,
			sales_cycle_days: 15,
			median_sales_cycle_days: 15,
			sales_velocity_per_day: (3 * 1 * 300) / 15,
			open_deals: 1,
			open_value: 0,
			weighted_value: 0,
			spend: null,
			cac: null
		});
		// Bob: b5 created and lost; b4 created in December, won in January (16 d); b6 open.
		expectClose(b.rows[1], {
			created: 1,
			won: 1,
			lost: 1,
			win_rate: 0.5,
			avg_deal_size: 200,
			sales_cycle_days: 16,
			sales_velocity_per_day: (1 * 0.5 * 200) / 16,
			open_deals: 1,
			open_value: 500,
			weighted_value: 100
		});
	});

	it('the totals row is the overall report, spend and CAC included', async () => {
		const b = await run(fixture.dataset, 'owner');
		const r = await fixture.report({ period: JANUARY });
		expect(b.total.value).toBe('total');
		expectClose(b.total, {
			created: 4,
			won: 3,
			lost: 1,
			win_rate: 0.75,
			avg_deal_size: 800 / 3,
			median_deal_size: 200,
			sales_cycle_days: 46 / 3,
			median_sales_cycle_days: 16,
			sales_velocity_per_day: (4 * 0.75 * (800 / 3)) / (46 / 3),
			open_deals: 2,
			open_value: 500,
			weighted_value: 100,
			spend: 1800,
			cac: 600
		});
		expectClose(b.total, {
			created: r.deals.created,
			won: r.deals.won,
			avg_deal_size: r.avg_deal_size,
			median_deal_size: r.median_deal_size,
			sales_cycle_days: r.sales_cycle_days,
			sales_velocity_per_day: r.sales_velocity_per_day,
			open_value: r.pipeline.open_value,
			weighted_value: r.pipeline.weighted_value,
			spend: r.spend,
			cac: r.cac
		});
	});

	it('breakdown by source joins spend by channel = source; a channel with spend only gets a row', async () => {
		const b = await run(fixture.dataset, 'source');
		expect(b.rows.map((r) => [r.value, r.created, r.won, r.spend, r.cac])).toEqual([
			['Paid', 2, 3, 1500, 500],
			// Organic's only spend row is dated in December: 0 in January, and no deal won.
			['Organic', 2, 0, 0, null],
			['Radio', 0, 0, 300, null]
		]);
		expect(b.rows[1]).toMatchObject({ win_rate: 0, avg_deal_size: null, open_deals: 2 });
		expect(b.total).toMatchObject({ spend: 1800, cac: 600 });
	});

	it('a filter on the broken-down dimension keeps only the selected values, spend included', async () => {
		const b = await run(fixture.dataset, 'source', { source: ['Paid', 'Radio'] });
		expect(b.rows.map((r) => r.value)).toEqual(['Paid', 'Radio']);
		expect(b.total).toMatchObject({ created: 2, won: 3, lost: 0, spend: 1800, cac: 600 });
	});

	it('a filter on another dimension applies to the deals; spend stays whole', async () => {
		const b = await run(fixture.dataset, 'source', { owner: ['Bob'] });
		expect(b.rows.map((r) => [r.value, r.created, r.won, r.lost, r.open_deals, r.spend])).toEqual([
			['Organic', 1, 0, 1, 1, 0],
			['Paid', 0, 1, 0, 0, 1500],
			['Radio', 0, 0, 0, 0, 300]
		]);
		const r = await fixture.report({ period: JANUARY, filters: { owner: ['Bob'] } });
		expectClose(b.total, {
			created: r.deals.created,
			won: r.deals.won,
			spend: r.spend,
			cac: r.cac
		});
	});

	it('without a spend file, spend and CAC are null everywhere', async () => {
		const { dataset: withoutSpend } = await tinyDataset(
			{ deals: DEALS, config: dealsConfig() },
			fixture.db
		);
		const b = await run(withoutSpend, 'source');
		expect(b.rows.map((r) => r.value)).toEqual(['Paid', 'Organic']);
		expect([...b.rows, b.total].every((r) => r.spend === null && r.cac === null)).toBe(true);
	});

	it('an empty view has no rows and a totals row of zeros and nulls', async () => {
		const { dataset: withoutSpend } = await tinyDataset(
			{ deals: DEALS, config: dealsConfig() },
			fixture.db
		);
		const b = await run(withoutSpend, 'segment', { owner: [] });
		expect(b.rows).toEqual([]);
		expect(b.total).toMatchObject({
			created: 0,
			won: 0,
			win_rate: null,
			avg_deal_size: null,
			sales_velocity_per_day: null,
			open_deals: 0,
			open_value: 0,
			weighted_value: null
		});
	});
});
