import { describe, expect, it } from 'vitest';
import { dealRows, useMetricFixture } from '../../../tests/unit/metric-fixture';

const MAY = { from: '2024-05-01', to: '2024-05-31' };

// Won in May 2024: c1 30 days (calendar dates, whatever the times), c2 10, c3 11, c7 28;
// c4 was "closed" 20 days before it was created.
const DEALS = dealRows`
	c1,Ann,Paid,100,,2024-04-01 23:30,2024-05-01 00:10,Won,Won
	c2,Ann,Paid,100,,2024-05-01,2024-05-11,Won,Won
	c3,Bob,Paid,100,,2024-05-20,2024-05-31,Won,Won
	c4,Bob,Paid,100,,2024-05-25,2024-05-05,Won,Won
	c5,Cy,Paid,100,,2024-03-01,2024-05-15,Lost,Demo
	c6,Cy,Paid,100,,2024-05-10,2024-06-01,Won,Won
	c7,Cy,Paid,100,,2024-05-02,2024-05-30,Won,Won
`;

const fixture = useMetricFixture({ deals: DEALS });

describe('sales cycle', () => {
	it('sales_cycle_days is the mean of closed − created calendar days over deals won in the period', async () => {
		const r = await fixture.report({ period: MAY });
		expect(r.sales_cycle_days).toBe((30 + 10 + 11 + 28) / 4);
	});

	it('median_sales_cycle_days of an even count is the mean of the two middle values', async () => {
		const r = await fixture.report({ period: MAY });
		// 10, 11, 28, 30
		expect(r.median_sales_cycle_days).toBe((11 + 28) / 2);
	});

	it('a negative cycle is left out, with a warning', async () => {
		const r = await fixture.report({ period: MAY });
		// c4 still counts as won.
		expect(r.deals.won).toBe(5);
		expect(r.warnings).toContain(
			'1 won deal was closed before it was created; left out of the sales cycle'
		);
	});

	it('a period whose only won deal has a negative cycle has a null cycle', async () => {
		const r = await fixture.report({ period: { from: '2024-05-05', to: '2024-05-05' } });
		expect(r.deals.won).toBe(1);
		expect(r.sales_cycle_days).toBeNull();
		expect(r.median_sales_cycle_days).toBeNull();
	});

	it('sales_cycle_days is null when nothing was won in the period', async () => {
		const r = await fixture.report({ period: { from: '2024-05-15', to: '2024-05-15' } });
		expect(r.deals).toMatchObject({ won: 0, lost: 1 });
		expect(r.sales_cycle_days).toBeNull();
		expect(r.median_sales_cycle_days).toBeNull();
		// The period's own warning is absent (the file's, naming c4's line, stays for every view).
		expect(r.warnings.join('\n')).not.toMatch(/won deal was closed before/);
	});
});
