import type { DealsMapping, Detection, FileSample } from '../model/mapping';
import { headerKey } from '../model/header-key';
import { coverage, defined, findColumn } from './columns';
import { defaultOrSampleStages, sampleSpelling, sampleValues } from './stage-list';

/** amoCRM's (Kommo's) default pipeline, and its two closing stages. */
export const AMOCRM_STAGES = [
	'Первичный контакт',
	'Переговоры',
	'Принимают решение',
	'Согласование договора'
];
export const AMOCRM_WON = ['Успешно реализовано'];
export const AMOCRM_LOST = ['Закрыто и не реализовано'];

const SIGNATURE = [
	'Название сделки',
	'Ответственный',
	'Дата создания сделки',
	'Дата закрытия',
	'Этап сделки',
	'Воронка'
];

/**
 * `Неразобранное` (incoming requests not yet taken) comes before a pipeline's first stage; it is
 * a stage only where the export has deals in it.
 */
const UNSORTED = 'Неразобранное';

function withUnsorted(stages: string[], seen: readonly string[]): string[] {
	const unsorted = seen.find((s) => s.trim().toLowerCase() === UNSORTED.toLowerCase());
	if (!unsorted || stages.some((s) => s.trim().toLowerCase() === UNSORTED.toLowerCase()))
		return stages;
	return [unsorted, ...stages];
}

/** `Бюджет`, `Бюджет ₽`, `Бюджет, руб.`: the budget header carries the currency in some exports. */
function budgetColumn(columns: readonly string[]): string | undefined {
	return columns.find((c) => headerKey(c).startsWith('бюджет'));
}

/**
 * Of the columns DuckDB named `name`, `name_1`, `name_2` … (an export with repeated header names,
 * which amoCRM writes for deal, contact and company fields of one label), the one with the most
 * values in the sample; the first on a tie.
 */
export function fullestColumn(sample: FileSample, name: string): string | undefined {
	const key = headerKey(name);
	const copies = sample.columns
		.map((c, i) => ({ c, i }))
		.filter(({ c }) => {
			const k = headerKey(c);
			return k === key || (k.startsWith(`${key}_`) && /^(_\d+)+$/.test(k.slice(key.length)));
		});
	let best: { c: string; n: number } | undefined;
	for (const { c, i } of copies) {
		const n = sample.rows.filter((r) => (r[i] ?? '').trim() !== '').length;
		if (!best || n > best.n) best = { c, n };
	}
	return best?.c;
}

/**
 * An amoCRM / Kommo deals export (Russian interface): `Этап сделки` holds open stages and the
 * two closing ones; `Дата закрытия` is `не закрыта` on open deals (an open deal's close date is
 * never used, so it is no warning either); dates are `DD.MM.YYYY HH:MM:SS`.
 */
export function detectAmocrm(sample: FileSample): Detection<DealsMapping> | null {
	const { columns } = sample;
	const stage = findColumn(columns, ['Этап сделки']);
	if (!stage) return null;
	const budget = budgetColumn(columns);
	const score = (coverage(columns, SIGNATURE) * SIGNATURE.length + (budget ? 1 : 0)) / 7;
	if (score < 0.6) return null;
	const seen = sampleValues(sample, stage);
	return {
		confidence: score * 0.95,
		mapping: {
			role: 'deals',
			crm: 'amocrm',
			columns: defined({
				id: findColumn(columns, ['ID']),
				owner: fullestColumn(sample, 'Ответственный'),
				source: fullestColumn(sample, 'Источник'),
				pipeline: findColumn(columns, ['Воронка']),
				amount: budget,
				created: findColumn(columns, ['Дата создания сделки', 'Дата создания']),
				closed: findColumn(columns, ['Дата закрытия']),
				stage,
				lost_reason: findColumn(columns, ['Причина отказа'])
			}),
			stages: withUnsorted(
				defaultOrSampleStages(AMOCRM_STAGES, [...AMOCRM_WON, ...AMOCRM_LOST], seen),
				seen
			),
			won: sampleSpelling(AMOCRM_WON, seen),
			lost: sampleSpelling(AMOCRM_LOST, seen),
			outcomeWon: [],
			outcomeLost: [],
			stageColumns: [],
			// A default pipeline or the sample's stages: completed from all rows at load.
			stagesFromData: true,
			dateOrder: 'dmy'
		}
	};
}
