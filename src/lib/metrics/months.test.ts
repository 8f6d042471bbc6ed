import { describe, expect, it } from 'vitest';
import { useNodeDb } from '../../../tests/unit/node-db';
import { sql } from '../sql/sql';
import { monthsOf, monthsTable } from './months';

const CASES = [
	[
		'a period inside one month',
		{ from: '2024-02-10', to: '2024-02-20' },
		[{ month: '2024-02', from: '2024-02-10', to: '2024-02-20' }]
	],
	[
		'whole months, a leap February',
		{ from: '2024-01-01', to: '2024-02-29' },
		[
			{ month: '2024-01', from: '2024-01-01', to: '2024-01-31' },
			{ month: '2024-02', from: '2024-02-01', to: '2024-02-29' }
		]
	],
	[
		'across a year end, first and last months clipped',
		{ from: '2023-11-15', to: '2024-01-10' },
		[
			{ month: '2023-11', from: '2023-11-15', to: '2023-11-30' },
			{ month: '2023-12', from: '2023-12-01', to: '2023-12-31' },
			{ month: '2024-01', from: '2024-01-01', to: '2024-01-10' }
		]
	],
	[
		'a single day',
		{ from: '2023-02-28', to: '2023-02-28' },
		[{ month: '2023-02', from: '2023-02-28', to: '2023-02-28' }]
	],
	['an inverted period', { from: '2024-03-01', to: '2024-02-01' }, []]
] as const;

describe('monthsOf', () => {
	it.each(CASES)('monthsOf(period): %s', (_, period, expected) => {
		expect(monthsOf(period)).toEqual(expected);
	});
});

describe('monthsTable', () => {
	const db = useNodeDb();

	it.each(CASES)(
		'monthsTable(period) lists the months of monthsOf: %s',
		async (_, period, expected) => {
			const rows = await db.query(
				sql`SELECT month, CAST(month_from AS VARCHAR) AS "from", CAST(month_to AS VARCHAR) AS "to"
				FROM ${monthsTable({ period, filters: {} })} ORDER BY month`
			);
			expect(rows).toEqual(expected.map((m) => ({ ...m })));
		}
	);

	it('has the same text for every period, the dates bound', () => {
		const texts = new Set(CASES.map(([, period]) => monthsTable({ period, filters: {} }).text));
		expect(texts.size).toBe(1);
		expect(monthsTable({ period: CASES[0][1], filters: {} }).params).toEqual([
			'2024-02-10',
			'2024-02-20'
		]);
	});
});
