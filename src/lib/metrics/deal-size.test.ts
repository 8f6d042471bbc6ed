import { describe, expect, it } from 'vitest';
import { dealRows, useMetricFixture } from '../../../tests/unit/metric-fixture';

// Won in March 2024 with an amount: a 100 (Mar 1), b 400 (Mar 31), c 250, d 1,000.
const DEALS = dealRows`
	a,Ann,Paid,100,,2024-02-01,2024-03-01,Won,Won
	b,Ann,Paid,400,,2024-03-02,2024-03-31,Won,Won
	c,Bob,Paid,250,,2024-01-01,2024-03-10,Won,Won
	d,Bob,Paid,"1,000",,2024-01-01,2024-03-15,Won,Won
	e,Cy,Paid,,,2024-03-01,2024-03-20,Won,Won
	f,Cy,Paid,TBD,,2024-03-01,2024-03-20,Won,Won
	g,Cy,Paid,5000,,2024-03-01,2024-04-01,Won,Won
	h,Cy,Paid,7000,,2024-03-01,2024-03-05,Lost,Demo
`;

const fixture = useMetricFixture({ deals: DEALS });

describe('deal size', () => {
	it('avg_deal_size is the mean amount of deals won in the period that have one', async () => {
		const r = await fixture.report({ period: { from: '2024-03-01', to: '2024-03-31' } });
		expect(r.deals.won).toBe(6);
		expect(r.avg_deal_size).toBe((100 + 400 + 250 + 1000) / 4);
	});

	it('median_deal_size of an even count is the mean of the two middle values', async () => {
		const r = await fixture.report({ period: { from: '2024-03-01', to: '2024-03-31' } });
		// 100, 250, 400, 1000
		expect(r.median_deal_size).toBe((250 + 400) / 2);
	});

	it('median_deal_size of an odd count is the middle value', async () => {
		const r = await fixture.report({ period: { from: '2024-03-01', to: '2024-03-15' } });
		// a 100, c 250, d 1000; the lost deal h (7000) is not counted.
		expect(r.median_deal_size).toBe(250);
		expect(r.avg_deal_size).toBe(450);
	});

	it('avg_deal_size and median_deal_size are null when no won deal has an amount', async () => {
		const r = await fixture.report({ period: { from: '2024-03-20', to: '2024-03-20' } });
		expect(r.deals.won).toBe(2);
		expect(r.avg_deal_size).toBeNull();
		expect(r.median_deal_size).toBeNull();
		expect(r.sales_velocity_per_day).toBeNull();
	});

	it('an amount that cannot be read is null and named in the warnings with its line', async () => {
		const r = await fixture.report({ period: { from: '2024-03-01', to: '2024-03-31' } });
		expect(r.warnings.join('\n')).toMatch(
			/1 amount value in column "amount" could not be read \(first at line 7: "TBD"\)/
		);
	});
});
