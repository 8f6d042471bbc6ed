import type { DealsMapping, Detection, FileSample, StagesMapping } from '../model/mapping';
import { stageKey } from '../model/config';
import { headerKey } from '../model/header-key';
import { findColumn } from './columns';

/**
 * Stage lists: a side table of stage ids, names, order and meaning (Pipedrive `stages.csv`, a
 * CRM dump's `pipeline_stages.csv`), and the choice between a CRM's default pipeline and the
 * stages a sample shows.
 */

const ID = ['stage_id', 'stage id', 'stage_key', 'status_id', 'id этапа', 'id стадии', 'id'];
const NAME = [
	'stage_name',
	'stage name',
	'name',
	'label',
	'title',
	'название этапа',
	'название стадии',
	'название'
];
const ORDER = ['sort_order', 'order_nr', 'order', 'sort', 'position', 'порядок', 'сортировка'];
const WON = ['is_success', 'is_won', 'won', 'success', 'успех', 'успешная'];
const CLOSED = ['is_final', 'is_closed', 'final', 'closed', 'финальная', 'закрыта'];
const LOST = ['is_lost', 'lost', 'is_fail', 'провал'];

const DEAL_COLUMNS = [
	'deal_id',
	'deal id',
	'opportunity id',
	'id сделки',
	'opportunity',
	'amount',
	'value',
	'date_create',
	'created_at',
	'closedate',
	'close date',
	'closed_at'
];

function isStageHeader(name: string): boolean {
	const key = headerKey(name);
	return key.includes('stage') || key.includes('этап') || key.includes('стади');
}

/**
 * A stage list: an id column and a name column, one of them named for stages (or a Pipedrive
 * stages table with `order_nr` / `pipeline_id`), and few columns. Users, activity types or field
 * lists (`id,name,…` without a stage word) are not stage lists.
 */
export function detectStageList(sample: FileSample): Detection<StagesMapping> | null {
	const { columns } = sample;
	if (columns.length > 14) return null;
	const id = findColumn(columns, ID);
	const name = findColumn(columns, NAME);
	if (!id || !name || id === name) return null;
	const pipedriveShape = findColumn(columns, ['order_nr']) && findColumn(columns, ['pipeline_id']);
	if (!isStageHeader(id) && !isStageHeader(name) && !pipedriveShape) return null;
	// A deals file or a log has a deal id, amounts or creation dates beside its stage id.
	if (findColumn(columns, DEAL_COLUMNS)) return null;
	const order = findColumn(columns, ORDER);
	const won = findColumn(columns, WON);
	const closed = findColumn(columns, CLOSED);
	const lost = findColumn(columns, LOST);
	return {
		confidence: 0.9,
		mapping: {
			role: 'stages',
			crm: 'generic',
			columns: {
				id,
				name,
				...(order ? { order } : {}),
				...(won ? { won } : {}),
				...(closed ? { closed } : {}),
				...(lost ? { lost } : {})
			}
		}
	};
}

/** Distinct non-empty values of `column` in the sample, in order of first appearance. */
export function sampleValues(sample: FileSample, column: string | undefined): string[] {
	if (!column) return [];
	const index = sample.columns.indexOf(column);
	if (index < 0) return [];
	return [...new Set(sample.rows.map((r) => (r[index] ?? '').trim()).filter((s) => s !== ''))];
}

/**
 * A CRM's default open stages, unless the sample shows a pipeline that has none of them (a
 * custom pipeline): then its open stages in order of first appearance. Labels are taken in the
 * sample's spelling where they match after case-folding and `ё` → `е` (Bitrix24 writes both
 * `Счёт` and `Счет`).
 */
export function defaultOrSampleStages(
	defaults: readonly string[],
	closedLabels: readonly string[],
	seen: readonly string[]
): string[] {
	const fold = (s: string) => stageKey(s).replaceAll('ё', 'е');
	const closed = new Set(closedLabels.map(fold));
	const open = seen.filter((s) => !closed.has(fold(s)));
	const spelled = new Map(open.map((s) => [fold(s), s]));
	const known = defaults.filter((d) => spelled.has(fold(d)));
	if (open.length > 0 && known.length === 0) return open;
	return defaults.map((d) => spelled.get(fold(d)) ?? d);
}

/** Labels in the sample's spelling where it has them (see `defaultOrSampleStages`). */
export function sampleSpelling(labels: readonly string[], seen: readonly string[]): string[] {
	const fold = (s: string) => stageKey(s).replaceAll('ё', 'е');
	const spelled = new Map(seen.map((s) => [fold(s), s]));
	return labels.map((l) => spelled.get(fold(l)) ?? l);
}

/**
 * The stage part of a deals mapping for a CRM whose exports name no stage order: its default
 * pipeline (open stages, won, lost), with labels the default lacks completed from the data at load.
 */
export function defaultPipeline(
	stages: readonly string[],
	won: readonly string[],
	lost: readonly string[]
): Pick<
	DealsMapping,
	'stages' | 'won' | 'lost' | 'outcomeWon' | 'outcomeLost' | 'stageColumns' | 'stagesFromData'
> {
	return {
		stages: [...stages],
		won: [...won],
		lost: [...lost],
		outcomeWon: [],
		outcomeLost: [],
		stageColumns: [],
		stagesFromData: true
	};
}
