import { describe, expect, it } from 'vitest';
import { useNodeDb } from '../../../tests/unit/node-db';
import { generateBitrix24 } from '../../../tests/generators/bitrix24.mjs';
import { encodeCp1251 } from '../../../tests/generators/cp1251.mjs';
import { expectGroundTruth } from '../../../tests/unit/ground-truth';
import { loadUnlabelled } from '../../../tests/unit/tiny-dataset';
import { detectDeals, detectHistory, sample } from '../../../tests/unit/detect-sample';
import { runReport } from '../engine/report';
import { detect } from './detect';

const NAME = 'DEAL_20250601.csv';
const db = useNodeDb();

/** A Bitrix24 deal export's header as the Russian UI writes it. */
const HEADER =
	'ID,Название сделки,Стадия сделки,Воронка,Сумма,Валюта,Сделка закрыта,Предполагаемая дата закрытия,Дата создания,Ответственный,Источник';
/** The same deal table as the REST API and the BI connector name its fields. */
const API_HEADER =
	'ID,TITLE,STAGE_ID,CATEGORY_ID,OPPORTUNITY,CURRENCY_ID,CLOSED,CLOSEDATE,DATE_CREATE,ASSIGNED_BY_ID,SOURCE_ID';

// Each field's column: [the Russian export's header, the API field name].
const COLUMNS = {
	id: ['ID', 'ID'],
	owner: ['Ответственный', 'ASSIGNED_BY_ID'],
	source: ['Источник', 'SOURCE_ID'],
	pipeline: ['Воронка', 'CATEGORY_ID'],
	amount: ['Сумма', 'OPPORTUNITY'],
	created: ['Дата создания', 'DATE_CREATE'],
	// `Сделка закрыта` decides closed; the close date is CLOSEDATE.
	closed: ['Предполагаемая дата закрытия', 'CLOSEDATE'],
	stage: ['Стадия сделки', 'STAGE_ID'],
	currency: ['Валюта', 'CURRENCY_ID'],
	expected_close: ['Предполагаемая дата закрытия', 'CLOSEDATE']
};
const spelledAs = (i: 0 | 1) =>
	Object.fromEntries(Object.entries(COLUMNS).map(([field, names]) => [field, names[i]]));

describe('detect: Bitrix24', () => {
	it.each([
		{
			headers: 'the Russian headers',
			header: HEADER,
			columns: spelledAs(0),
			closed: 'Сделка закрыта',
			stages: ['Новая', 'Подготовка документов', 'Счёт на предоплату', 'В работе', 'Финальный счёт']
		},
		{
			headers: 'API field names (REST, BI connector)',
			header: API_HEADER,
			columns: spelledAs(1),
			closed: 'CLOSED',
			stages: ['NEW', 'PREPARATION', 'PREPAYMENT_INVOICE', 'EXECUTING', 'FINAL_INVOICE']
		}
	])('detect(sample) reads a deal table by $headers', ({ header, columns, closed, stages }) => {
		const m = detectDeals(header, [], NAME);
		expect(m.crm).toBe('bitrix24');
		expect(m.columns).toEqual(columns);
		expect(m.flags).toEqual({ closed });
		expect(m.stages).toEqual(stages);
	});

	it('detect(sample) takes the won and lost stages of the Russian export from Bitrix24 defaults', () => {
		const m = detectDeals(HEADER, [], NAME);
		expect([m.won, m.lost]).toEqual([
			['Сделка успешна'],
			['Сделка провалена', 'Анализ причины провала']
		]);
	});

	it('detect(sample) writes the default stages as the sample spells them (`Счет` without ё)', () => {
		const rows = [
			['1', 'a', 'Счет на предоплату', 'Общая', '10', 'RUB', 'Нет', '', '01.02.2024', 'Иван', ''],
			['2', 'b', 'Финальный счет', 'Общая', '10', 'RUB', 'Нет', '', '01.02.2024', 'Иван', '']
		];
		const m = detectDeals(HEADER, rows, NAME);
		expect(m.stages).toEqual(
			'Новая,Подготовка документов,Счет на предоплату,В работе,Финальный счет'.split(',')
		);
	});

	it('detect(sample) reads the stage history by API field names; a narrow stage log is no deal table', () => {
		const history = detectHistory(
			'ID,TYPE_ID,OWNER_ID,CREATED_TIME,CATEGORY_ID,STAGE_SEMANTIC_ID,STAGE_ID'
		);
		expect(history.role).toBe('history');
		expect(history.columns).toEqual({ id: 'OWNER_ID', stage: 'STAGE_ID', at: 'CREATED_TIME' });
		// A narrow stage log with a stage id column is not a deal table.
		expect(detect(sample(['deal_id', 'stage_id', 'created_at']))?.mapping.role).not.toBe('deals');
	});

	it('an amoCRM export is not taken for Bitrix24, nor the other way round', () => {
		const amo = ['ID', 'Название сделки', 'Бюджет', 'Ответственный', 'Дата создания сделки'];
		expect(detectDeals([...amo, 'Дата закрытия', 'Этап сделки', 'Воронка'], [], NAME).crm).toBe(
			'amocrm'
		);
		expect(detectDeals(HEADER, [], NAME).crm).toBe('bitrix24');
	});
});

describe('a generated Bitrix24 export (trailing `;`, decimal comma, Да/Нет, DD.MM.YYYY)', () => {
	const views = [
		{ period: null, filters: {} },
		{ period: { from: '2024-03-01', to: '2025-02-28' }, filters: {} },
		{ period: { from: '2024-01-01', to: '2025-05-31' }, filters: { owner: ['Алёна Ёлкина'] } },
		{ period: { from: '2024-06-01', to: '2025-05-31' }, filters: { source: ['Звонок'] } }
	];
	const gen = generateBitrix24({ deals: 400, seed: 29 });
	const plain = generateBitrix24({ deals: 300, seed: 31, plainE: true });

	for (const [variant, name, bytes, truth, encoding] of [
		['windows-1251 (older portals)', 'DEAL_20250601.csv', gen.cp1251, gen.truth, 'windows-1251'],
		[
			'UTF-8 with BOM, `Счет` spelled without ё',
			'DEAL_20250601.csv',
			plain.utf8Bom,
			plain.truth,
			'utf-8'
		],
		[
			'the HTML-table "Excel" export (.xls, windows-1251)',
			'DEAL_20250601.xls',
			gen.html,
			gen.truth,
			'windows-1251'
		]
	] as const) {
		it(`${variant}: gives the generator ground truth`, async () => {
			const { dataset } = await loadUnlabelled([{ name, source: bytes }], { db });
			expect(dataset.deals.crm).toBe('bitrix24');
			expect(dataset.files[0].raw.encoding).toBe(encoding);
			expect(dataset.stages).toEqual(truth.stages.stages);
			expect(dataset.dealCount).toBe(truth.deals.length);
			expect(dataset.warnings).toEqual([]);
			await expectGroundTruth(db, dataset, truth, views);
		});
	}

	it('a closed deal (Да) at an open stage is lost there; Нет is open', async () => {
		const text = [
			'"ID";"Стадия сделки";"Сумма";"Сделка закрыта";"Предполагаемая дата закрытия";"Дата создания";"Ответственный";"Источник";',
			'"1";"В работе";"1000,50";"Да";"10.02.2024";"01.02.2024 10:00:00";"Иван";"Звонок";',
			'"2";"Сделка успешна";"2000";"Да";"12.02.2024";"02.02.2024 10:00:00";"Иван";"Звонок";',
			'"3";"Новая";"3000";"Нет";"01.06.2024";"03.02.2024 10:00:00";"Иван";"Звонок";'
		].join('\r\n');
		const { dataset } = await loadUnlabelled([{ name: 'DEAL.csv', source: encodeCp1251(text) }], {
			db
		});
		expect(dataset.warnings).toEqual([]);
		const r = await runReport(db, dataset);
		expect(r.deals).toEqual({ created: 3, won: 1, lost: 1 });
		// Deal 1 was lost at В работе (stage 4): it counts as having reached stages 1–4.
		expect(r.funnel.map((f) => f.reached)).toEqual([3, 2, 2, 2, 1, 1]);
		expect(r.pipeline).toEqual({ open_deals: 1, open_value: 3000, weighted_value: null });
	});
});
