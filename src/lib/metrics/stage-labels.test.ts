import { afterAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/types';
import { csv, dealsConfig, HISTORY_COLUMNS, tinyDataset } from '../../../tests/unit/tiny-dataset';
import { stageLabelsQuery } from './stage-labels';

describe('stageLabelsQuery', () => {
	let db: Db | undefined;
	afterAll(async () => db?.close());

	it('counts every stage label in deals and history, most frequent first', async () => {
		const loaded = await tinyDataset({
			deals: csv`
				id,owner,source,amount,probability,created,closed,status,stage
				1,A,x,10,,2024-01-01,,open,Lead
				2,A,x,10,,2024-01-02,,open,Lead
				3,A,x,10,,2024-01-03,,open,Mystery
			`,
			history: csv`
				id,stage,at
				1,Lead,2024-01-01
				2,Lead,2024-01-02
				2,Demo,2024-01-05
			`,
			config: dealsConfig({ history: HISTORY_COLUMNS })
		});
		db = loaded.db;
		const rows = await db.query(stageLabelsQuery);
		expect(rows).toEqual([
			{ label: 'Lead', deals: 2, events: 2 },
			{ label: 'Demo', deals: 0, events: 1 },
			{ label: 'Mystery', deals: 1, events: 0 }
		]);
	});
});
