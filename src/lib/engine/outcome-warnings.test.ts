import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csv, dealsConfig, tinyDataset } from '../../../tests/unit/tiny-dataset';
import { startNodeDb } from '../db/node';
import type { Db } from '../db/types';
import { outcomeWarnings } from './warnings';

let db: Db;
beforeAll(async () => {
	db = await startNodeDb();
});
afterAll(async () => {
	await db?.close();
});

const config = dealsConfig({
	columns: { owner: undefined, source: undefined, amount: undefined, probability: undefined }
});

describe('warnings for a file read wrong as a whole', () => {
	it('no deal is won while closed deals exist', async () => {
		// The export writes "Success" for won; the config says "Won", so both closed deals are lost.
		const deals = csv`
			id,status,stage,created,closed
			D1,Success,Proposal,2024-01-05,2024-02-01
			D2,Lost,Demo,2024-01-10,2024-02-10
			D3,Lost,Lead,2024-01-15,2024-03-01`;
		const lost = { ...config, lost: ['Lost', 'Success'] };
		const { dataset } = await tinyDataset({ deals, config: lost }, db);
		expect(dataset.warnings).toEqual([
			'deals.csv: no deal is won among 3 closed deals: check which labels mean won (stage editor) or the outcome column'
		]);
	});

	it('most closed deals closed before they were created', async () => {
		// The created column is the import date 2024-06-01; D1 and D2 closed before it, D3 after.
		const deals = csv`
			id,created,closed,status,stage
			D1,2024-06-01,2024-03-01,Won,Proposal
			D2,2024-06-01,2024-04-01,Lost,Demo
			D3,2024-06-01,2024-07-01,Won,Proposal
			D4,2024-06-01,,Open,Demo`;
		const { dataset } = await tinyDataset({ deals, config }, db);
		expect(dataset.warnings).toEqual([
			'deals.csv: 2 deals closed before they were created, left out of cycle times (first: id "D1" at line 2)',
			'deals.csv: 2 of 3 closed deals closed before they were created: the created column ("created") may hold another date (an import date); map another column as created, or set a period'
		]);
	});

	it('says nothing when a deal is won, or when at most half closed before they were created', () => {
		const file = { file: 'deals.csv' };
		const early = (n: number) => ({ n, id: 'D1', row: 1 });
		expect(outcomeWarnings(file, { won: 1, lost: 5, dated: 6, early: early(0) }, 'c')).toEqual([]);
		expect(outcomeWarnings(file, { won: 0, lost: 0, dated: 0, early: early(0) }, 'c')).toEqual([]);
		// Exactly half is not most.
		expect(outcomeWarnings(file, { won: 2, lost: 2, dated: 4, early: early(2) }, 'c')).toEqual([]);
		expect(outcomeWarnings(file, { won: 2, lost: 2, dated: 4, early: early(3) }, 'c')).toEqual([
			'deals.csv: 3 of 4 closed deals closed before they were created: the created column ("c") may hold another date (an import date); map another column as created, or set a period'
		]);
	});
});
