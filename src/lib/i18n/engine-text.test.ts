import { describe, expect, it } from 'vitest';
import { useNodeDb } from '../../../tests/unit/node-db';
import { checkRoles } from '../engine/files-by-role';
import { tooLarge } from '../engine/memory-budget';
import { outOfMemoryMessage } from '../engine/out-of-memory';
import { checkDealsColumns } from '../engine/required-columns';
import { InputError, type RawTable } from '../ingest/raw-table';
import type { DealsMapping } from '../model/mapping';
import { csv, dealsConfig, loadUnlabelled, tinyDataset } from '../../../tests/unit/tiny-dataset';
import { engineTextKey, engineText } from './engine-text';
import { translate } from './messages';

const db = useNodeDb();

/**
 * Deals with a repeated row, a negative amount, no owner, no source, an unknown stage, no created
 * date, a close before the creation, and owners differing in case.
 */
const MESSY = csv`
	id,owner,source,amount,currency,created,closed,status,stage
	D1,Ann,Web,100,RUB,2024-01-01,,open,Lead
	D1,Ann,Web,100,RUB,2024-01-01,,open,Lead
	D2,,Web,-50,RUB,2024-01-02,,open,Lead
	D3,Bob,,70,,2024-01-03,,open,Nowhere
	D4,Ann,Web,80,RUB,,,open,Lead
	D5,ann,Web,90,RUB,2024-02-10,2024-02-01,Lost,Lead`;
/** Deals whose dates have no day above 12: nothing decides day/month from month/day. */
const DATES_UNDECIDED = csv`
	id,created,closed,status,stage
	D1,01/02/2024,,open,Lead
	D2,03/04/2024,05/06/2024,Won,Won
	D3,07/08/2024,,open,Lead`;
const UNDATED_EXTRAS = {
	owner: undefined,
	source: undefined,
	amount: undefined,
	probability: undefined
};
const MESSY_CONFIG = dealsConfig({ columns: { probability: undefined, currency: 'currency' } });

describe('engine warnings in the page language', () => {
	it('each warning the engine wrote for messy deals is read back to its key and values, and said in Russian', async () => {
		const { dataset } = await tinyDataset({ deals: MESSY, config: MESSY_CONFIG }, db);
		const warnings = dataset.warnings;
		expect(warnings.length).toBeGreaterThan(6);
		for (const w of warnings) {
			const found = engineTextKey(w);
			expect(found, w).not.toBeNull();
			// The values read back give the engine's text again: nothing was misread.
			expect(translate('en', found!.key, found!.vars), w).toBe(w);
			expect(engineText('en', w)).toBe(w);
		}
		const ru = warnings.map((w) => engineText('ru', w));
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
		expect(engineTextKey(text)).toBeNull();
		expect(engineText('ru', text)).toBe(text);
	});

	it('numbers are read whether the engine grouped them or not', () => {
		const w = 'deals.csv: 1,200 rows without a deal id left out (first at sheet row 7)';
		expect(engineTextKey(w)).toEqual({
			key: 'warn.no-id',
			vars: { file: 'deals.csv', n: 1200, place: 'sheet row 7' }
		});
		expect(engineText('ru', w)).toBe(
			'deals.csv: строки без ID сделки не учтены: 1200 (первая — строка листа 7)'
		);
	});

	it('errors about the deals file and its columns are read back and said in Russian', () => {
		const thrown = (run: () => unknown) => {
			try {
				run();
			} catch (e) {
				return (e as Error).message;
			}
			throw new Error('nothing was thrown');
		};
		const raw = { file: 'deals.csv', columns: ['Name', 'Stage'] } as RawTable;
		const mapping = (columns: DealsMapping['columns']) =>
			({ columns, stageColumns: [] }) as unknown as DealsMapping;
		const errors = [
			thrown(() => checkDealsColumns(raw, mapping({ stage: 'Stage' }), undefined)),
			thrown(() => checkDealsColumns(raw, mapping({ created: 'Made', stage: 'Stage' }), undefined)),
			thrown(() => checkRoles([], { ignored: [], unusable: [] }))
		];
		expect(errors.map((e) => engineTextKey(e)?.key)).toEqual([
			'input.no-created-column',
			'input.columns-absent',
			'input.no-deals'
		]);
		for (const e of errors)
			expect(translate('en', engineTextKey(e)!.key, engineTextKey(e)!.vars)).toBe(e);
		expect(errors.map((e) => engineText('ru', e))).toEqual([
			'deals.csv: ни один столбец не содержит дату создания сделки (сопоставьте «created» или передайте историю этапов через --history: тогда датой создания станет первое событие сделки)',
			'deals.csv: выбранных столбцов нет в файле: created → "Made"',
			'файл сделок не передан: перетащите выгрузку сделок (одна строка на сделку)'
		]);
	});

	it("a file's problems without values are said in Russian", () => {
		const ru = (problem: string) => engineText('ru', new InputError('deals.csv', problem).message);
		expect(ru('the file is empty')).toBe('deals.csv: файл пуст');
		expect(ru('this is a binary file, not a CSV export')).toBe(
			'deals.csv: это двоичный файл, а не выгрузка CSV'
		);
		expect(ru('the file has a header but no rows')).toBe(
			'deals.csv: в файле есть заголовки, но нет строк'
		);
	});

	it('a side table dropped with the deals is said to be set aside, in Russian', async () => {
		const { dataset } = await loadUnlabelled(
			[
				{
					name: 'deals.csv',
					source: csv`
						id,created,closed,status,stage
						D1,2024-01-01,,open,Lead
						D2,2024-01-02,2024-02-01,Won,Won`
				},
				{
					name: 'accounts.csv',
					source: csv`
					Account,Industry
					Acme,Retail`
				}
			],
			{ db }
		);
		const aside = dataset.warnings.filter((w) => w.startsWith('accounts.csv'));
		expect(aside.length).toBe(1);
		expect(engineText('ru', aside[0])).toBe(
			'accounts.csv: не используется: не распознан как сделки, история этапов, расходы или список этапов (столбцы: "Account", "Industry")'
		);
	});

	it('running out of memory and files too large to analyse are said in Russian, sizes too', () => {
		const oom = outOfMemoryMessage(
			new Error(
				'Out of Memory Error: could not allocate block of size 30.5 MiB (0 bytes/7.6 MiB used)'
			)
		)!;
		expect(engineTextKey(oom)?.key).toBe('input.out-of-memory-detail');
		expect(engineText('ru', oom)).toMatch(
			/^Аналитическому движку не хватило памяти \(нужно ещё 30\.5 MiB, занято 0 bytes из 7\.6 MiB\)\./
		);
		const mb = 1024 ** 2;
		const refusal = tooLarge([{ name: 'deals.csv', size: 2048 * mb }], 1000 * mb)!;
		expect(engineTextKey(refusal)?.key).toBe('input.too-large');
		expect(translate('en', 'input.too-large', engineTextKey(refusal)!.vars)).toBe(refusal);
		// 2,048 MB in Russian digits (a no-break space groups them) and unit.
		expect(engineText('ru', refusal)).toMatch(/^deals\.csv — 2\u00a0048 МБ: слишком много/);
	});

	it('a date order no value decides is said in Russian, with where the order came from', async () => {
		const { dataset } = await tinyDataset(
			{ deals: DATES_UNDECIDED, config: dealsConfig({ columns: UNDATED_EXTRAS }) },
			db
		);
		const notes = dataset.warnings.filter((w) => engineTextKey(w)?.key === 'warn.date-order');
		expect(notes.length).toBeGreaterThan(0);
		for (const w of notes)
			expect(translate('en', 'warn.date-order', engineTextKey(w)!.vars)).toBe(w);
		expect(notes.map((w) => engineText('ru', w))).toContain(
			'deals.csv: в столбце «created» нет дня больше 12, поэтому порядок дня и месяца принят как месяц/день/год (по умолчанию)'
		);
	});
});
