import type { DealsMapping, Detection, FileSample, HistoryMapping } from '../model/mapping';
import { coverage, defined, findColumn } from './columns';
import { defaultOrSampleStages, sampleSpelling, sampleValues } from './stage-list';

/** Bitrix24's default deal pipeline ("Общая"), and its closing stages. */
export const BITRIX24_STAGES = [
	'Новая',
	'Подготовка документов',
	'Счёт на предоплату',
	'В работе',
	'Финальный счёт'
];
export const BITRIX24_WON = ['Сделка успешна'];
/** Newer portals add a second lost stage, "Анализ причины провала". */
export const BITRIX24_LOST = ['Сделка провалена', 'Анализ причины провала'];

const SIGNATURE = [
	'Стадия сделки',
	'Сумма',
	'Валюта',
	'Сделка закрыта',
	'Дата создания',
	'Ответственный',
	'Источник'
];

/**
 * A Bitrix24 deals export (CSV or the HTML-table "Excel" `.xls`, Russian interface).
 * `Сделка закрыта` (Да/Нет) decides open or closed; a closed deal is won when its stage is a
 * won stage, else lost. The close date is `Предполагаемая дата закрытия` (CLOSEDATE), the only
 * close date the export has: on closed deals it is taken as the close date (Bitrix24 is understood
 * to move it to the day a deal reaches a final stage; not verified on a real portal), on open
 * deals it is an expectation and ignored. Older portals call it `Дата завершения`, and the
 * pipeline `Направление`.
 */
export function detectBitrix24(sample: FileSample): Detection<DealsMapping> | null {
	const { columns } = sample;
	const stage = findColumn(columns, ['Стадия сделки']);
	if (!stage) return null;
	const score = coverage(columns, SIGNATURE);
	if (score < 0.55) return null;
	const seen = sampleValues(sample, stage);
	const closedFlag = findColumn(columns, ['Сделка закрыта']);
	return {
		confidence: score * 0.95,
		mapping: {
			role: 'deals',
			crm: 'bitrix24',
			columns: defined({
				id: findColumn(columns, ['ID']),
				owner: findColumn(columns, ['Ответственный']),
				source: findColumn(columns, ['Источник']),
				pipeline: findColumn(columns, ['Воронка', 'Направление']),
				segment: findColumn(columns, ['Тип']),
				amount: findColumn(columns, ['Сумма']),
				probability: findColumn(columns, ['Вероятность']),
				created: findColumn(columns, ['Дата создания']),
				closed: findColumn(columns, [
					'Предполагаемая дата закрытия',
					'Дата завершения',
					'Дата закрытия'
				]),
				stage,
				currency: findColumn(columns, ['Валюта']),
				expected_close: findColumn(columns, ['Предполагаемая дата закрытия'])
			}),
			stages: defaultOrSampleStages(BITRIX24_STAGES, [...BITRIX24_WON, ...BITRIX24_LOST], seen),
			won: sampleSpelling(BITRIX24_WON, seen),
			lost: sampleSpelling(BITRIX24_LOST, seen),
			outcomeWon: [],
			outcomeLost: [],
			stageColumns: [],
			// A default pipeline or the sample's stages: completed from all rows at load.
			stagesFromData: true,
			...(closedFlag ? { flags: { closed: closedFlag } } : {}),
			dateOrder: 'dmy'
		}
	};
}

/** Bitrix24's stage ids (`STAGE_ID`) of the default pipeline, when no stage list names them. */
export const BITRIX24_STAGE_IDS = [
	'NEW',
	'PREPARATION',
	'PREPAYMENT_INVOICE',
	'EXECUTING',
	'FINAL_INVOICE'
];

/**
 * A Bitrix24 deal table by field names rather than interface labels: the REST API / BI connector
 * (`ID`, `STAGE_ID`, `OPPORTUNITY`, `DATE_CREATE`, `CLOSEDATE`, `ASSIGNED_BY_ID`, `CLOSED`), or a
 * database dump of it in snake case (`deal_id`, `stage_id`, `created_at`, `manager_id`,
 * `expected_amount`, `closed_at`). Stages are ids: a stage list file (`pipeline_stages.csv`,
 * `crm_status`) gives their names, order and meaning; without one the default pipeline's ids.
 */
export function detectBitrix24Table(sample: FileSample): Detection<DealsMapping> | null {
	const { columns } = sample;
	const stage = findColumn(columns, ['STAGE_ID']);
	const id = findColumn(columns, ['ID', 'DEAL_ID']);
	const created = findColumn(columns, ['DATE_CREATE', 'CREATED_AT', 'CREATED']);
	if (!stage || !id || !created) return null;
	// A stage history has an old / new stage, or the owner id of the deal: not a deal table.
	if (findColumn(columns, ['OLD_STAGE_ID', 'NEW_STAGE_ID', 'OWNER_ID'])) return null;
	const closedFlag = findColumn(columns, ['CLOSED']);
	const owner = findColumn(columns, [
		'ASSIGNED_BY_NAME',
		'ASSIGNED_BY',
		'ASSIGNED_BY_ID',
		'MANAGER_ID',
		'MANAGER',
		'RESPONSIBLE_ID'
	]);
	const amount = findColumn(columns, ['OPPORTUNITY', 'EXPECTED_AMOUNT', 'AMOUNT']);
	const closed = findColumn(columns, ['CLOSEDATE', 'CLOSED_AT', 'CLOSE_DATE']);
	// A narrow `id, stage_id, created_at` file is a stage log, not a deal table.
	if (!owner && !amount && !closed && !closedFlag) return null;
	const api = coverage(columns, ['OPPORTUNITY', 'DATE_CREATE', 'ASSIGNED_BY_ID', 'CLOSEDATE']);
	return {
		confidence: 0.55 + 0.3 * api,
		mapping: {
			role: 'deals',
			crm: 'bitrix24',
			columns: defined({
				id,
				owner,
				source: findColumn(columns, ['SOURCE_NAME', 'SOURCE_ID', 'SOURCE']),
				pipeline: findColumn(columns, ['CATEGORY_NAME', 'CATEGORY_ID', 'PIPELINE_ID']),
				amount,
				probability: findColumn(columns, ['PROBABILITY']),
				created,
				closed,
				// Bitrix24's close date (CLOSEDATE) is the expected one while a deal is open.
				expected_close: closed,
				stage,
				currency: findColumn(columns, ['CURRENCY_ID', 'CURRENCY'])
			}),
			stages: [...BITRIX24_STAGE_IDS],
			won: ['WON'],
			lost: ['LOSE', 'APOLOGY', 'LOST'],
			outcomeWon: [],
			outcomeLost: [],
			stageColumns: [],
			// A default pipeline or the sample's stages: completed from all rows at load.
			stagesFromData: true,
			...(closedFlag ? { flags: { closed: closedFlag } } : {})
		}
	};
}

/**
 * Bitrix24 stage history by field names: the REST API's `crm.stagehistory.list` (`OWNER_ID`,
 * `STAGE_ID`, `CREATED_TIME`) or a dump of it (`deal_id`, `old_stage_id`, `new_stage_id`,
 * `changed_at`). Stage ids are looked up through the stage list like the deals'.
 */
export function detectBitrix24History(sample: FileSample): Detection<HistoryMapping> | null {
	const { columns } = sample;
	const id = findColumn(columns, ['OWNER_ID', 'DEAL_ID']);
	const stage = findColumn(columns, ['NEW_STAGE_ID', 'STAGE_ID']);
	const at = findColumn(columns, ['CREATED_TIME', 'CHANGED_AT', 'CREATED_AT']);
	const from = findColumn(columns, ['OLD_STAGE_ID']);
	const api = findColumn(columns, ['OWNER_ID']) && findColumn(columns, ['CREATED_TIME']);
	if (!id || !stage || !at || !(api || from)) return null;
	return {
		confidence: 0.8,
		mapping: { role: 'history', crm: 'bitrix24', columns: defined({ id, stage, at, from }) }
	};
}
