import { describe, expect, it } from 'vitest';
import { CLOSE_CALL_DEALS } from '../../../tests/generators/close-call.mjs';
import { useNodeDb } from '../../../tests/unit/node-db';
import { loadDataset } from './load';
import { unsureGuesses } from './unsure-guesses';

const db = useNodeDb();

// Two created dates: `created_date` (1) and `creation_date` (0.95 by its `creat*` word).
const deals = CLOSE_CALL_DEALS;

describe('unsureGuesses(dataset)', () => {
	it('names the field whose two best columns were a close call, the guess first', async () => {
		const dataset = await loadDataset(db, [{ name: 'deals.csv', source: deals }]);
		expect(dataset.deals.columns.created).toBe('created_date');
		expect(unsureGuesses(dataset)).toEqual([
			{
				file: 'deals.csv',
				role: 'deals',
				field: 'created',
				columns: ['created_date', 'creation_date']
			}
		]);
	});

	it('says nothing once the config (the mapping editor) names the column', async () => {
		for (const created of ['created_date', 'creation_date']) {
			const dataset = await loadDataset(db, [{ name: 'deals.csv', source: deals }], {
				config: { columns: { created } }
			});
			expect(dataset.deals.columns.created).toBe(created);
			expect(unsureGuesses(dataset)).toEqual([]);
		}
	});
});
