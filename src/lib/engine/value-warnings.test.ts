import { describe, expect, it } from 'vitest';
import { useNodeDb } from '../../../tests/unit/node-db';
import { csv, dealsConfig, tinyDataset } from '../../../tests/unit/tiny-dataset';

const db = useNodeDb();

describe('warnings for values that read but look wrong', () => {
	it('negative amounts, a missing owner, source or currency, and letter-case variants are warned about', async () => {
		const { dataset } = await tinyDataset(
			{
				deals: csv`
					id,owner,source,amount,currency,created,closed,status,stage
					D1,Ann,Avito,100,RUB,2024-01-01,,open,Lead
					D2,,avito,-50,RUB,2024-01-02,,open,Lead
					D3,Bob,,70,,2024-01-03,,open,Demo
					D4,ann,AVITO,80,RUB,2024-01-04,,open,Demo`,
				spend: csv`
					month,channel,spend
					2024-01,avito,10
					2024-01,AVITO,20`,
				config: {
					...dealsConfig({ columns: { probability: undefined, currency: 'currency' } }),
					spend: { date: 'month', channel: 'channel', amount: 'spend' }
				}
			},
			db
		);
		expect(dataset.warnings).toEqual([
			'spend.csv: channel values that differ only in letter case are counted apart ("AVITO", "avito"); a source filter takes spend of the exact channel',
			'deals.csv: 1 deal with a negative amount, added as it is (first: id "D2" at line 3)',
			'deals.csv: 1 deal without an owner, shown as "(none)" (first: id "D2" at line 3)',
			'deals.csv: 1 deal without a source, shown as "(none)" (first: id "D3" at line 4)',
			'deals.csv: 1 deal without a currency, added with the others (first: id "D3" at line 4)',
			'deals.csv: owner values that differ only in letter case are counted apart ("Ann", "ann")',
			'deals.csv: source values that differ only in letter case are counted apart ("AVITO", "Avito", "avito")'
		]);
	});

	it('a stage event repeated (same deal, stage, time) counts once, with a warning', async () => {
		const { db: engine, dataset } = await tinyDataset(
			{
				deals: csv`
					id,created,closed,status,stage
					D1,2024-01-01,,open,Demo`,
				history: csv`
					id,stage,at
					D1,Lead,2024-01-01 10:00
					D1,Demo,2024-01-03 10:00
					D1,Demo,2024-01-03 10:00`,
				config: {
					...dealsConfig({
						columns: {
							owner: undefined,
							source: undefined,
							amount: undefined,
							probability: undefined
						}
					}),
					history: { id: 'id', stage: 'stage', at: 'at' }
				}
			},
			db
		);
		expect(engine).toBe(db);
		expect(dataset.eventCount).toBe(2);
		expect(dataset.warnings).toEqual([
			'history.csv: 1 stage event repeated (same deal, stage and time) counted once (for example id "D1")'
		]);
	});
});
