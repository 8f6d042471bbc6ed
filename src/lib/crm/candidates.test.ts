import { describe, expect, it } from 'vitest';
import { rankColumns } from './candidates';

const SAMPLE = {
	name: 'deals.csv',
	columns: ['deal_id', 'company', 'revenue_usd', 'deal_size_usd', 'created_date', 'date_reviewed'],
	rows: [
		['D1', 'Acme', '510000', '1200', '2024-01-03', '2024-01-20'],
		['D2', 'Bolt', '220000', 'NA', '2024-01-05', '2024-01-22']
	]
};

describe('rankColumns', () => {
	it('ranks a header naming the field first, then columns of its kind, then the rest', () => {
		const ranked = rankColumns(SAMPLE, 'deals');
		// `size` names the amount; revenue holds numbers too; the rest in file order.
		expect(ranked.amount.map((c) => [c.column, c.score])).toEqual([
			['deal_size_usd', 2],
			['revenue_usd', 1],
			['deal_id', 0],
			['company', 0],
			['created_date', 0],
			['date_reviewed', 0]
		]);
		expect(ranked.created.slice(0, 2).map((c) => c.column)).toEqual([
			'created_date',
			'date_reviewed'
		]);
		expect(ranked.id[0]).toEqual({ column: 'deal_id', score: 2 });
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
