import { describe, expect, it } from 'vitest';
import { opportunityTable } from '../../../tests/generators/analyst.mjs';
import { useNodeDb } from '../../../tests/unit/node-db';
import { csv } from '../../../tests/unit/tiny-dataset';
import { sql } from '../sql/sql';
import { loadDataset } from './load';
import { runReport } from './report';

const db = useNodeDb();

// Deals 1 … 4 created 2024-01-01 … 04; deals 2 and 3 won, deal 4 lost (closed 2024-03-02 … 04).
const deals = opportunityTable([['open', 'Prospecting'], ['won'], ['won'], ['lost', 'Proposal']]);

const spend = csv`
	Месяц;Источник;Расход, руб.
	январь 2024;Яндекс;1 000
	янв. 2024;VK;500
	Февраль 2024;Яндекс;2 000
	Март-24;Яндекс;300
	мая 2024;VK;7 000
	апр 24;Яндекс;5 000
`;

describe('Russian month names in the spend file', () => {
	it('read as months: январь 2024, янв. 2024, Март-24, мая 2024, апр 24', async () => {
		const dataset = await loadDataset(db, [
			{ name: 'deals.csv', source: deals },
			{ name: 'расходы.csv', source: spend }
		]);
		expect(dataset.spend?.columns).toEqual({
			date: 'Месяц',
			channel: 'Источник',
			amount: 'Расход, руб.'
		});
		const rows = await db.query<{ d: string }>(
			sql`SELECT strftime(date, '%Y-%m-%d') AS d FROM spend ORDER BY row`
		);
		expect(rows.map((r) => r.d)).toEqual([
			'2024-01-01',
			'2024-01-01',
			'2024-02-01',
			'2024-03-01',
			'2024-05-01',
			'2024-04-01'
		]);
		expect(dataset.warnings.filter((w) => /spend date|расходы/.test(w))).toEqual([]);
		// The whole data: 2024-01-01 … 2024-03-04 (the last close). January 1 000 + 500, February
		// 2 000, March 300; April and May are after it. CAC: 3 800 over 2 won deals.
		const r = await runReport(db, dataset, { period: null, filters: {} });
		expect(r.spend).toBe(3800);
		expect(r.cac).toBe(1900);
	});
});
