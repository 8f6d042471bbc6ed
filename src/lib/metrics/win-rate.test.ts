import { describe, expect, it } from 'vitest';
import { dealRows, useMetricFixture } from '../../../tests/unit/metric-fixture';
import { winRate } from './win-rate';

describe('winRate', () => {
	it('winRate(won, lost) is won / (won + lost)', () => {
		expect(winRate(1, 3)).toBe(0.25);
		expect(winRate(2, 0)).toBe(1);
		expect(winRate(0, 2)).toBe(0);
	});

	it('winRate(0, 0) is null: nothing closed', () => {
		expect(winRate(0, 0)).toBeNull();
	});
});

describe('win_rate', () => {
	// Created in May, closed in June (two won, one lost) or still open.
	const DEALS = dealRows`
		a,Ann,Paid,10,,2024-05-02,2024-06-01,Won,Won
		b,Ann,Paid,10,,2024-05-03,2024-06-30,Won,Won
		c,Bob,Paid,10,,2024-05-04,2024-06-15,Lost,Demo
		d,Bob,Paid,10,,2024-05-05,,Open,Demo
	`;
	const fixture = useMetricFixture({ deals: DEALS });

	it('win_rate counts deals closed in the period, not the cohort', async () => {
		const june = await fixture.report({ period: { from: '2024-06-01', to: '2024-06-30' } });
		expect(june.deals.created).toBe(0);
		expect(june.win_rate).toBeCloseTo(2 / 3, 12);
	});

	it('win_rate is null when nothing closed in the period', async () => {
		const may = await fixture.report({ period: { from: '2024-05-01', to: '2024-05-31' } });
		expect(may.deals.created).toBe(4);
		expect(may.win_rate).toBeNull();
	});

	it('win_rate follows the filters', async () => {
		const june = { from: '2024-06-01', to: '2024-06-30' };
		expect((await fixture.report({ period: june, filters: { owner: ['Bob'] } })).win_rate).toBe(0);
		expect((await fixture.report({ period: june, filters: { owner: ['Ann'] } })).win_rate).toBe(1);
	});
});
