import { describe, expect, it } from 'vitest';
import { useNodeDb } from '../../../tests/unit/node-db';
import { generateAmocrm } from '../../../tests/generators/amocrm.mjs';
import { encodeCp1251 } from '../../../tests/generators/cp1251.mjs';
import { expectGroundTruth } from '../../../tests/unit/ground-truth';
import { loadUnlabelled } from '../../../tests/unit/tiny-dataset';
import { detectDeals, readAs, sample } from '../../../tests/unit/detect-sample';
import { runReport } from '../engine/report';
import { fullestColumn } from './amocrm';

const NAME = 'amocrm_export_leads.csv';
const db = useNodeDb();

/**
 * An amoCRM export's header (`Источник` twice: DuckDB reads the second as `Источник_1`), with the
 * field `detect` reads each column as.
 */
const EXPORT = readAs([
	['ID', 'id'],
	['Название сделки', null],
	['Бюджет ₽', 'amount'],
	['Ответственный', 'owner'],
	['Дата создания сделки', 'created'],
	['Дата закрытия', 'closed'],
	['Теги', null],
	['Этап сделки', 'stage'],
	['Воронка', 'pipeline'],
	['Источник', 'source'],
	['Источник_1', null]
]);
/** Its first nine columns, up to `Воронка`. */
const FIRST_NINE = EXPORT.header.slice(0, 9);

describe('detect: amoCRM / Kommo', () => {
	it('detect(sample) reads the Russian headers; `Бюджет ₽` is the amount; won/lost are stages', () => {
		const m = detectDeals(EXPORT.header, [], NAME);
		expect(m.crm).toBe('amocrm');
		expect(m.columns).toEqual(EXPORT.columns);
		expect(m.stages).toEqual([
			'Первичный контакт',
			'Переговоры',
			'Принимают решение',
			'Согласование договора'
		]);
		expect([m.won, m.lost]).toEqual([['Успешно реализовано'], ['Закрыто и не реализовано']]);
		expect(m.flags).toBeUndefined();
	});

	it('fullestColumn(sample, name) picks, among the columns DuckDB renamed `name_1`, `name_2`, the one with values', () => {
		const rows = [
			['1', '', 'Сайт', 'x'],
			['2', 'Выставка', 'Авито', ''],
			['3', '', 'Сайт', '']
		];
		const s = sample(['ID', 'Источник', 'Источник_1', 'Источник_1_1'], rows, NAME);
		expect(fullestColumn(s, 'Источник')).toBe('Источник_1');
		expect(fullestColumn(sample(['ID', 'Источник'], [['1', '']], NAME), 'Источник')).toBe(
			'Источник'
		);
		expect(fullestColumn(sample(['ID'], [], NAME), 'Источник')).toBeUndefined();
	});

	/** A row of the first nine columns: deal `id` named `name` at `stage`, closed on `closed`. */
	const row = (
		id: string,
		name: string,
		stage: string,
		closed = 'не закрыта',
		pipeline = 'Опт'
	) => [id, name, '10', 'Анна', '01.02.2024 10:00:00', closed, '', stage, pipeline];

	it('detect(sample) takes a custom pipeline in the order its stages first appear', () => {
		const rows = [
			row('1', 'a', 'Заявка'),
			row('2', 'b', 'Замер'),
			row('3', 'c', 'Успешно реализовано', '02.02.2024 10:00:00')
		];
		const m = detectDeals(FIRST_NINE, rows, NAME);
		expect(m.stages).toEqual(['Заявка', 'Замер']);
	});

	it('detect(sample) puts `Неразобранное` (incoming, unsorted) first when the export has deals there', () => {
		const rows = [
			row('1', 'a', 'Переговоры', 'не закрыта', 'Воронка'),
			row('1', 'a', 'Неразобранное', 'не закрыта', 'Воронка')
		];
		const m = detectDeals(FIRST_NINE, rows, NAME);
		expect(m.stages).toEqual([
			'Неразобранное',
			'Первичный контакт',
			'Переговоры',
			'Принимают решение',
			'Согласование договора'
		]);
	});
});

describe("the fixtures' windows-1251 encoder", () => {
	it('encodeCp1251(text) writes bytes that windows-1251 decodes back; `₽` has no byte and throws', () => {
		const text = 'ID;Ёлка «ООО» — №5; ёж, Пётр\u00a0Семёнов; абвгдеёжзийклмнопрстуфхцчшщъыьэюя';
		const bytes = encodeCp1251(text);
		expect(bytes.length).toBe(text.length);
		expect(new TextDecoder('windows-1251').decode(bytes)).toBe(text);
		expect(() => encodeCp1251('Бюджет ₽')).toThrow(/not in windows-1251/);
	});
});

describe('a generated amoCRM export (duplicate headers, `не закрыта`, DD.MM.YYYY HH:MM:SS)', () => {
	const gen = generateAmocrm({ deals: 400, seed: 17 });
	const views = [
		{ period: null, filters: {} },
		{ period: { from: '2024-03-01', to: '2025-02-28' }, filters: {} },
		{ period: { from: '2024-01-01', to: '2025-05-31' }, filters: { owner: ['Пётр Семёнов'] } },
		{ period: { from: '2024-06-01', to: '2025-05-31' }, filters: { source: ['Сайт', '(none)'] } }
	];

	for (const [variant, bytes] of [
		['windows-1251, `,`, every value quoted', gen.cp1251],
		['UTF-8 with BOM, `;`, header `Бюджет ₽`', gen.utf8Bom]
	] as const) {
		it(`${variant}: gives the generator ground truth, with no warning for open deals' "не закрыта"`, async () => {
			const { dataset } = await loadUnlabelled(
				[
					{ name: 'amocrm_export_leads_2025-06-01.csv', source: bytes },
					{ name: 'расходы.csv', source: gen.spend }
				],
				{ db }
			);
			const deals = dataset.files[0];
			expect(deals.crm).toBe('amocrm');
			expect(deals.raw.delimiter).toBe(variant.startsWith('windows') ? ',' : ';');
			expect(deals.raw.encoding).toBe(variant.startsWith('windows') ? 'windows-1251' : 'utf-8');
			expect(dataset.files[1].role).toBe('spend');
			// The deal's own `Источник` is the second one (DuckDB calls it `Источник_1`).
			expect(dataset.deals.columns.source).toBe('Источник_1');
			expect(dataset.dealCount).toBe(400);
			// Open deals' `не закрыта` is no warning; deals without a source are, and the repeated
			// header names are said (the editor shows the second `Источник` as `Источник_1`).
			const noSource = gen.truth.deals.filter((d) => d.source === '(none)');
			expect(dataset.warnings).toEqual([
				'amocrm_export_leads_2025-06-01.csv: the column name "roistat" appears more than once; a later one is read as "roistat_1"',
				'amocrm_export_leads_2025-06-01.csv: the column name "Источник" appears more than once; a later one is read as "Источник_1"',
				`amocrm_export_leads_2025-06-01.csv: ${noSource.length} deals without a source, shown as "(none)" (first: id "${noSource[0].id}" at line ${gen.truth.deals.indexOf(noSource[0]) + 2})`
			]);
			await expectGroundTruth(db, dataset, gen.truth, views);
		});
	}

	it('a won deal whose `Дата закрытия` is `не закрыта` is reported, not counted as closed', async () => {
		const text = [
			'ID;Название сделки;Бюджет;Ответственный;Дата создания сделки;Дата закрытия;Этап сделки;Воронка',
			'1;Сделка 1;1000;Анна;01.02.2024 10:00:00;не закрыта;Переговоры;Воронка',
			'2;Сделка 2;2000;Анна;02.02.2024 10:00:00;не закрыта;Успешно реализовано;Воронка',
			'3;Сделка 3;3000;Анна;03.02.2024 10:00:00;10.02.2024 12:00:00;Успешно реализовано;Воронка'
		].join('\r\n');
		const { dataset } = await loadUnlabelled([{ name: 'leads.csv', source: encodeCp1251(text) }], {
			db
		});
		expect(dataset.warnings).toEqual([
			'leads.csv: 1 close date value in column "Дата закрытия" could not be read (first at line 3: "не закрыта")',
			'leads.csv: 1 won or lost deal without a readable close date, not counted as closed in any period (first at line 3)'
		]);
		const r = await runReport(db, dataset);
		expect(r.deals).toEqual({ created: 3, won: 1, lost: 0 });
		expect(r.sales_cycle_days).toBe(7);
	});
});
