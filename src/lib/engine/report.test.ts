import { describe, expect, it } from 'vitest';
import { dealRows, useMetricFixture } from '../../../tests/unit/metric-fixture';
import { resolvePeriod } from './report';

// April 2024: Ann 2 created (1 won), Bob 1 created (lost), Cy 1 created (won), Dee with no owner.
const DEALS = dealRows`
	r1,Ann,Paid,100,,2024-04-01,2024-04-10,Won,Won
	r2,Ann,Organic,200,,2024-04-02,,Open,Demo
	r3,Bob,Paid,300,,2024-04-03,2024-04-11,Lost,Lead
	r4,Cy,Events,400,,2024-04-04,2024-04-12,Won,Won
	r5,,Events,500,,2024-04-05,,Open,Lead
`;
const APRIL = { from: '2024-04-01', to: '2024-04-30' };

const fixture = useMetricFixture({ deals: DEALS });

describe('runReport', () => {
	it('runReport with two values of one dimension counts deals with any of them', async () => {
		const both = await fixture.report({ period: APRIL, filters: { owner: ['Ann', 'Cy'] } });
		expect(both.deals).toEqual({ created: 3, won: 2, lost: 0 });
		expect(both.avg_deal_size).toBe(250);
		expect(both.pipeline.open_deals).toBe(1);
	});

	it('runReport with filters on two dimensions keeps deals matching both', async () => {
		const r = await fixture.report({
			period: APRIL,
			filters: { owner: ['Ann', 'Bob'], source: ['Paid'] }
		});
		expect(r.deals).toEqual({ created: 2, won: 1, lost: 1 });
	});

	it('an empty owner is the value (none), which a filter can select', async () => {
		const r = await fixture.report({ period: APRIL, filters: { owner: ['(none)'] } });
		expect(r.deals.created).toBe(1);
		expect(r.pipeline).toMatchObject({ open_deals: 1, open_value: 500 });
	});

	it('runReport with an empty list of values matches no deal', async () => {
		const r = await fixture.report({ period: APRIL, filters: { owner: [] } });
		expect(r.deals).toEqual({ created: 0, won: 0, lost: 0 });
		expect(r.pipeline.open_deals).toBe(0);
	});

	it('resolvePeriod(fixture.dataset) is the given period, else the whole data', () => {
		expect(resolvePeriod(fixture.dataset, APRIL)).toEqual(APRIL);
		expect(resolvePeriod(fixture.dataset)).toEqual({ from: '2024-04-01', to: '2024-04-12' });
	});

	it('runReport returns the METRICS.md §4 keys', async () => {
		const r = await fixture.report({ period: APRIL });
		expect(Object.keys(r).sort()).toEqual(
			[
				'period',
				'deals',
				'funnel',
				'win_rate',
				'avg_deal_size',
				'median_deal_size',
				'sales_cycle_days',
				'median_sales_cycle_days',
				'sales_velocity_per_day',
				'time_in_stage',
				'spend',
				'cac',
				'cost_per_stage',
				'pipeline',
				'lost_reasons',
				'lost_by_stage',
				'forecast',
				'warnings'
			].sort()
		);
	});
});
