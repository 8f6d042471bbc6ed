import { describe, expect, it } from 'vitest';
import { rankColumns } from './candidates';

const SAMPLE = {
	name: 'deals.csv',
	columns: ['deal_id', 'company', 'revenue_usd', 'deal_size_usd', 'created_date', 'date_reviewed'],
	rows: [
		['D1', 'Acme', '510000', '1200', '2024-01-03', '2024-01-20'],
		['D2', 'Bolt', '220000', 'NA', '2024-01-05', '2024-01-22'],
		['D3', 'Core', '930000', '800', '2024-01-09', '2024-02-01']
	]
};

describe('rankColumns (the mapping editor’s choices)', () => {
	it('offers the scored candidates best first, then every other column in file order', () => {
		const ranked = rankColumns(SAMPLE, 'deals');
		// The deal's size before the company's revenue; the rest follow with score 0.
		const amount = ranked.amount.map((c) => c.column);
		expect(amount.slice(0, 2)).toEqual(['deal_size_usd', 'revenue_usd']);
		expect(ranked.amount[0].score).toBeGreaterThan(ranked.amount[1].score);
		expect([...amount].sort()).toEqual([...SAMPLE.columns].sort());
		expect(ranked.amount.slice(2).every((c) => c.score === 0)).toBe(true);
		expect(ranked.created[0].column).toBe('created_date');
		expect(ranked.id[0].column).toBe('deal_id');
		// A review date is never offered as the close date ahead of the others: it scores 0.
		expect(ranked.closed.find((c) => c.column === 'date_reviewed')?.score).toBe(0);
	});

	it('ranks for each role its own fields, with Russian headers', () => {
		const spend = rankColumns(
			{
				name: 's.csv',
				columns: ['Месяц', 'Источник', 'Расход, руб.'],
				rows: [['2024-01', 'Яндекс', '1500']]
			},
			'spend'
		);
		expect(Object.keys(spend)).toEqual(['date', 'channel', 'amount']);
		expect([spend.date[0].column, spend.channel[0].column, spend.amount[0].column]).toEqual([
			'Месяц',
			'Источник',
			'Расход, руб.'
		]);
		expect(Object.keys(rankColumns(SAMPLE, 'history'))).toEqual(['id', 'stage', 'at', 'from']);
	});
});
