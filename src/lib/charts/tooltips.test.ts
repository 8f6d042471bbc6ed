import { describe, expect, it } from 'vitest';
import { formatsFor } from '../i18n/format';
import { translate, type Lang, type MessageKey } from '../i18n/messages';
import type { SeriesRow } from '../metrics/series';
import {
	cacTooltip,
	cohortTooltip,
	durationTooltip,
	funnelTooltip,
	monthTooltip,
	stageCostTooltip,
	type Speech,
	type Trend
} from './tooltips';

const speech = (lang: Lang): Speech => ({
	fmt: formatsFor(lang),
	t: (key: MessageKey, vars?: Record<string, string | number>) => translate(lang, key, vars)
});
const en = speech('en');

const march: SeriesRow = {
	month: '2024-03',
	from: '2024-03-01',
	to: '2024-03-31',
	created: 40,
	reached: [40, 20, 8],
	won: 6,
	lost: 18,
	win_rate: 0.25,
	avg_deal_size: 12500.5,
	median_deal_size: 11000,
	sales_cycle_days: 45.25,
	median_sales_cycle_days: 40,
	sales_velocity_per_day: (40 * 0.25 * 12500.5) / 45.25,
	spend: 30000,
	cac: 5000,
	open_deals: 14,
	open_value: 120000,
	weighted_value: 80000
};

describe('monthTooltip', () => {
	it.each<[Trend, string]>([
		['created', '2024-03: 40 deals created'],
		['win-rate', '2024-03: win rate 25.0% (6 won / 24 closed)'],
		['avg-deal', '2024-03: average deal 12,500.50, median 11,000 (6 won)'],
		['cycle', '2024-03: sales cycle 45.3\u00a0d, median 40.0\u00a0d (6 won)'],
		['velocity', '2024-03: 2,762.54 per day = 40 × 25.0% × 12,500.50 ÷ 45.3\u00a0d'],
		['cac', '2024-03: CAC 5,000 = spend 30,000 ÷ 6 won'],
		['pipeline', '2024-03: 120,000 open in 14 deals'],
		['weighted', '2024-03: weighted 80,000 of 120,000 open in 14 deals']
	])('%s: the month’s value and the counts behind it', (trend, text) => {
		expect(monthTooltip(trend, march, en)).toBe(text);
	});

	it('says there is no spend instead of a CAC of nothing', () => {
		expect(monthTooltip('cac', { ...march, spend: null, cac: null }, en)).toBe('2024-03: no spend');
	});

	it('a month without closed deals shows the dash, not 0%', () => {
		const empty = { ...march, won: 0, lost: 0, win_rate: null };
		expect(monthTooltip('win-rate', empty, en)).toBe('2024-03: win rate — (0 won / 0 closed)');
	});

	it('speaks Russian with Russian number formats', () => {
		expect(monthTooltip('win-rate', march, speech('ru'))).toBe(
			'2024-03: конверсия 25,0\u00a0% (выиграно 6 из 24 закрытых)'
		);
	});
});

describe('funnelTooltip', () => {
	it('gives both rates with their numerators and denominators, and the drop', () => {
		const bar = { stage: 'Demo', reached: 30, fromPrevious: 0.75, fromFirst: 0.3, dropped: 10 };
		expect(funnelTooltip(bar, 100, 'Demo', en)).toBe(
			'Demo: 30 reached; 75.0% of previous (30 / 40); 30.0% of first (30 / 100); 10 lost before this stage'
		);
	});

	it('the first bar has no previous and no drop', () => {
		const bar = { stage: 'Lead', reached: 100, fromPrevious: null, fromFirst: 1, dropped: null };
		expect(funnelTooltip(bar, 100, 'Lead', en)).toBe(
			'Lead: 100 reached; 100.0% of first (100 / 100)'
		);
	});
});

describe('cohortTooltip', () => {
	it('names the month, the stage and the counts behind the share', () => {
		expect(
			cohortTooltip({ month: '2024-03', stage: 'Demo', reached: 12, created: 40, share: 0.3 }, en)
		).toBe('2024-03 · Demo: 12 of 40 deals created that month (30.0%)');
	});
});

describe('durationTooltip', () => {
	it('gives every mark drawn: median, mean, box and whiskers, with the number of stays', () => {
		const d = {
			stage: 'Demo',
			n: 25,
			min: 0,
			p5: 1,
			p25: 3.5,
			median: 7,
			p75: 12,
			p95: 30,
			max: 44,
			mean: 9.2
		};
		expect(durationTooltip(d, 'Demo', en)).toBe(
			'Demo: median 7.0\u00a0d, mean 9.2\u00a0d over 25 stays; box p25 3.5\u00a0d – p75 12.0\u00a0d, whiskers p5 1.0\u00a0d – p95 30.0\u00a0d'
		);
	});
});

describe('cacTooltip', () => {
	it('shows CAC as the division it is', () => {
		expect(cacTooltip({ channel: 'Paid', spend: 12000, won: 8, cac: 1500 }, en)).toBe(
			'Paid: CAC 1,500 = spend 12,000 ÷ 8 won'
		);
	});

	it('says why a channel has no CAC', () => {
		expect(cacTooltip({ channel: 'Referral', spend: 0, won: 0, cac: null }, en)).toBe(
			'Referral: no CAC (spend 0, 0 won)'
		);
	});
});

describe('stageCostTooltip', () => {
	it('shows the cost per deal as spend ÷ deals reached', () => {
		expect(stageCostTooltip({ stage: 'Demo', cost: 250.5, spend: 10020, reached: 40 }, en)).toBe(
			'Demo: 250.50 per deal = spend 10,020 ÷ 40 deals reached'
		);
	});
});
