import { describe, expect, it } from 'vitest';
import { dealRows, useMetricFixture } from '../../../tests/unit/metric-fixture';
import { salesVelocity } from './velocity';

describe('salesVelocity', () => {
	it('salesVelocity(created, winRate, avgDealSize, cycleDays) is created × winRate × avg ÷ cycle', () => {
		expect(salesVelocity(10, 0.5, 200, 20)).toBe(50);
		expect(salesVelocity(0, 0.5, 200, 20)).toBe(0);
	});

	it('salesVelocity is null when a factor is null or the cycle is 0', () => {
		expect(salesVelocity(10, null, 200, 20)).toBeNull();
		expect(salesVelocity(10, 0.5, null, 20)).toBeNull();
		expect(salesVelocity(10, 0.5, 200, null)).toBeNull();
		expect(salesVelocity(10, 0.5, 200, 0)).toBeNull();
	});
});

// June: 4 created; won v1 (300, 10 days) and v2 (500, 20 days), lost v3.
// July: v5 won the day it was created (cycle 0).
const DEALS = dealRows`
	v1,Ann,Paid,300,,2024-06-01,2024-06-11,Won,Won
	v2,Ann,Paid,500,,2024-06-02,2024-06-22,Won,Won
	v3,Bob,Paid,100,,2024-06-03,2024-06-10,Lost,Lead
	v4,Bob,Paid,100,,2024-06-04,,Open,Demo
	v5,Bob,Paid,100,,2024-07-01,2024-07-01,Won,Won
`;
const fixture = useMetricFixture({ deals: DEALS });

describe('sales_velocity_per_day', () => {
	it('sales_velocity_per_day multiplies the cohort size, win rate and deal size, divided by the cycle', async () => {
		const r = await fixture.report({ period: { from: '2024-06-01', to: '2024-06-30' } });
		expect(r.deals).toEqual({ created: 4, won: 2, lost: 1 });
		expect(r.avg_deal_size).toBe(400);
		expect(r.sales_cycle_days).toBe(15);
		expect(r.sales_velocity_per_day).toBeCloseTo((4 * (2 / 3) * 400) / 15, 9);
	});

	it('sales_velocity_per_day is null when the cycle is 0 days', async () => {
		const r = await fixture.report({ period: { from: '2024-07-01', to: '2024-07-31' } });
		expect(r.sales_cycle_days).toBe(0);
		expect(r.win_rate).toBe(1);
		expect(r.sales_velocity_per_day).toBeNull();
	});

	it('sales_velocity_per_day is null when nothing closed (no win rate)', async () => {
		const r = await fixture.report({ period: { from: '2024-06-01', to: '2024-06-05' } });
		expect(r.deals.created).toBe(4);
		expect(r.win_rate).toBeNull();
		expect(r.sales_velocity_per_day).toBeNull();
	});
});
