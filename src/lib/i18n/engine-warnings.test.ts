import { describe, expect, it } from 'vitest';
import { useNodeDb } from '../../../tests/unit/node-db';
import { csv, dealsConfig, tinyDataset } from '../../../tests/unit/tiny-dataset';
import { warningKey, warningText } from './engine-warnings';
import { translate } from './messages';

const db = useNodeDb();

describe('engine warnings in the page language', () => {
	it('each warning the engine wrote for messy deals is read back to its key and values, and said in Russian', async () => {
		const { dataset } = await tinyDataset(
			{
				deals: csv`
					id,owner,source,amount,currency,created,closed,status,stage
					D1,Ann,Web,100,RUB,2024-01-01,,open,Lead
					D1,Ann,Web,100,RUB,2024-01-01,,open,Lead
					D2,,Web,-50,RUB,2024-01-02,,open,Lead
					D3,Bob,,70,,2024-01-03,,open,Nowhere
					D4,Ann,Web,80,RUB,,,open,Lead
					D5,ann,Web,90,RUB,2024-02-10,2024-02-01,Lost,Lead`,
				config: dealsConfig({ columns: { probability: undefined, currency: 'currency' } })
			},
			db
		);
		const warnings = dataset.warnings;
		expect(warnings.length).toBeGreaterThan(6);
		for (const w of warnings) {
			const found = warningKey(w);
			expect(found, w).not.toBeNull();
			// The values read back give the engine's text again: nothing was misread.
			expect(translate('en', found!.key, found!.vars), w).toBe(w);
			expect(warningText('en', w)).toBe(w);
		}
		const ru = warnings.map((w) => warningText('ru', w));
		expect(ru).toContain(
			'deals.csv: сделки с отрицательной суммой складываются как есть: 1 (первая: ID «D2» — строка 4)'
		);
		expect(ru).toContain(
			'deals.csv: значения «Ответственный», различающиеся только регистром букв, считаются раздельно ("Ann", "ann")'
		);
		// Left in English: only the data's own words (ids, names, labels, file names).
		for (const text of ru)
			expect(text.replace(/"[^"]*"|«[^»]*»|\([^)]*"[^)]*\)|deals\.csv/g, ''), text).not.toMatch(
				/[A-Za-z]{3,}/
			);
	});

	it('a warning with no catalogue words is shown as the engine wrote it', () => {
		const text = 'deals.csv: something new happened';
		expect(warningKey(text)).toBeNull();
		expect(warningText('ru', text)).toBe(text);
	});

	it('numbers are read whether the engine grouped them or not', () => {
		const w = 'deals.csv: 1,200 rows without a deal id left out (first at sheet row 7)';
		expect(warningKey(w)).toEqual({
			key: 'warn.no-id',
			vars: { file: 'deals.csv', n: 1200, place: 'sheet row 7' }
		});
		expect(warningText('ru', w)).toBe(
			'deals.csv: строки без ID сделки не учтены: 1200 (первая — строка листа 7)'
		);
	});
});
