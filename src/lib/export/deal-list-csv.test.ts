import { describe, expect, it } from 'vitest';
import { dealListCsv } from './deal-list-csv';

describe('a list of deals as CSV', () => {
	it('writes every column, an empty cell for a missing value, and defuses formulas', () => {
		const text = dealListCsv([
			{
				id: '7',
				name: '=HYPERLINK("x")',
				owner: 'Ann; Bob',
				stage: 'Won',
				amount: 700.5,
				created: '2024-01-07',
				closed: '2024-01-10',
				expected_close: null,
				outcome: 'won'
			}
		]);
		expect(text.split('\r\n')).toEqual([
			'id,name,owner,stage,amount,created,closed,expected_close,outcome',
			`7,"'=HYPERLINK(""x"")","Ann; Bob",Won,700.5,2024-01-07,2024-01-10,,won`
		]);
	});
});
