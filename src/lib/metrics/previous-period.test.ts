import { describe, expect, it } from 'vitest';
import { dealRows, useMetricFixture } from '../../../tests/unit/metric-fixture';
import { runDashboard } from '../engine/dashboard';
import { periodDays, previousPeriod } from './previous-period';

const between = (from: string, to: string) => ({ from, to });

describe('previousPeriod', () => {
	it.each([
		[
			'a month of 31 days',
			between('2024-01-01', '2024-01-31'),
			between('2023-12-01', '2023-12-31')
		],
		[
			'31 days before March, across a leap day',
			between('2024-03-01', '2024-03-31'),
			between('2024-01-30', '2024-02-29')
		],
		['a single day', between('2024-01-01', '2024-01-01'), between('2023-12-31', '2023-12-31')],
		[
			'a year of 365 days',
			between('2024-04-01', '2025-03-31'),
			between('2023-04-02', '2024-03-31')
		],
		[
			'a quarter of 91 days, after a leap-year first quarter of 91',
			between('2024-04-01', '2024-06-30'),
			between('2024-01-01', '2024-03-31')
		]
	])('previousPeriod(period): %s', (_, period, expected) => {
		expect(previousPeriod(period)).toEqual(expected);
		expect(periodDays(previousPeriod(period))).toBe(periodDays(period));
	});
});

const DEALS = dealRows`
	p1,Ann,Paid,100,,2024-01-05,2024-01-20,Won,Won
	p2,Ann,Paid,200,,2024-02-05,2024-02-20,Lost,Lead
	p3,Bob,Paid,300,,2024-02-06,,Open,Lead
`;

const fixture = useMetricFixture({ deals: DEALS });

describe('the previous period in the dashboard', () => {
	it('runDashboard: `previous` is the report for the period before, same filters', async () => {
		const view = await runDashboard(fixture.db, fixture.dataset, {
			period: { from: '2024-02-01', to: '2024-02-29' },
			filters: { owner: ['Ann'] }
		});
		expect(view.previousPeriod).toEqual({ from: '2024-01-03', to: '2024-01-31' });
		expect(view.previous?.period).toEqual(view.previousPeriod);
		expect(view.previous?.deals).toEqual({ created: 1, won: 1, lost: 0 });
		expect(view.report.deals).toEqual({ created: 1, won: 0, lost: 1 });
	});

	it('`previous` is null when the previous period ends before the data begins', async () => {
		const view = await runDashboard(fixture.db, fixture.dataset, {
			period: { from: '2024-01-05', to: '2024-01-31' }
		});
		expect(view.previousPeriod.to).toBe('2024-01-04');
		expect(view.previous).toBeNull();
	});
});
