import type { Config } from '../model/config';
import type {
	DealsMapping,
	Detection,
	FileRole,
	FileSample,
	HistoryMapping,
	Mapping,
	SpendMapping
} from '../model/mapping';
import { DEAL_FIELDS, HISTORY_FIELDS, SPEND_FIELDS } from '../model/config';
import { coverage, defined, withFlags } from './columns';
import { scoreColumns, type ScoredColumn } from './column-scores';
import { closedKind, columnValues, newLabels } from './labels';
import { configStageColumns, stageDateColumns } from './stage-date-columns';

/** The fields whose guess decides the numbers: a close call between two columns is said. */
const MATTERS = new Set(['id', 'created', 'closed', 'amount', 'stage', 'outcome']);

/** The lowest score a column is taken for a field at. */
const MIN_SCORE = 0.15;

type Chosen = Record<string, ScoredColumn>;

/**
 * Columns for the fields of a role, from `scoreColumns`: the best-scoring pair of a field and a
 * free column first, so that a column goes to the field it fits best and is never used twice.
 * Fields in `skip` (given by the config, or removed by it) and columns in `taken` are left out.
 */
function assign(
	ranked: Record<string, ScoredColumn[]>,
	skip: ReadonlySet<string>,
	taken: ReadonlySet<string>
): Chosen {
	const fields = Object.keys(ranked);
	const pairs = fields
		.filter((f) => !skip.has(f))
		.flatMap((field, order) => ranked[field].map((c) => ({ field, order, c })))
		.filter(({ c }) => c.score >= MIN_SCORE && !taken.has(c.column))
		.sort((a, b) => b.c.score - a.c.score || a.order - b.order);
	const chosen: Chosen = {};
	const used = new Set(taken);
	for (const { field, c } of pairs) {
		if (chosen[field] || used.has(c.column)) continue;
		chosen[field] = c;
		used.add(c.column);
	}
	return chosen;
}

/**
 * Fields that matter whose best two candidates (among columns no other field took) score within
 * 0.1 of each other: the guess may be the wrong one of the two, and the page says so.
 */
function unsureFields(
	ranked: Record<string, ScoredColumn[]>,
	chosen: Chosen,
	skip: ReadonlySet<string>,
	taken: ReadonlySet<string>
): { field: string; columns: string[] }[] {
	const out: { field: string; columns: string[] }[] = [];
	for (const [field, pick] of Object.entries(chosen)) {
		if (!MATTERS.has(field) || skip.has(field)) continue;
		const elsewhere = new Set(
			Object.entries(chosen)
				.filter(([f]) => f !== field)
				.map(([, c]) => c.column)
		);
		const open = ranked[field].filter((c) => !elsewhere.has(c.column) && !taken.has(c.column));
		const close = open.filter((c) => pick.score - c.score < 0.1);
		if (close.length >= 2) out.push({ field, columns: close.map((c) => c.column) });
	}
	return out;
}

function columnsOf(chosen: Chosen, fields: readonly string[]): Record<string, string> {
	const out: Record<string, string> = {};
	for (const f of fields) if (chosen[f]) out[f] = chosen[f].column;
	return out;
}

/** Stage labels in the sample, in order of first appearance. */
function stagesInSample(sample: FileSample, column: string | undefined): string[] {
	return [...new Set(columnValues(sample, column))];
}

/**
 * A deals file described by the config, or guessed: each field's columns ranked by header words
 * in English and Russian (`created_date`, `CreatedDate`, `Дата создания`; units and currencies
 * dropped) and by the sampled values (a created or close date column must hold dates, an amount
 * numbers, an outcome won/lost words, yes/no flags yes/no values), with a deal's size preferred
 * over a company's revenue and a close date over other dates (column-scores.ts); a column whose
 * header names no field may still give, from its values alone, the created date (the first date
 * column), the close date (the next), the amount (money-like numbers) or the stage (a few
 * repeating stage-like labels). Always less sure than a CRM's own detector, and lesser still
 * when values had to be guessed from. A file whose ids repeat is a log, not deals; one with no
 * created date or no stage or outcome is not taken (side tables such as leads or accounts stay
 * unused, and say so). A field the config gives always wins, and its column is not guessed for
 * another field.
 */
export function detectGenericDeals(
	sample: FileSample,
	config: Config,
	why?: { missing: string[] }
): Detection<DealsMapping> | null {
	const given = defined(config.columns ?? {});
	const removed = Object.entries(config.columns ?? {})
		.filter(([, v]) => v === null)
		.map(([k]) => k);
	const givenNames = Object.values(given);
	const configScore = givenNames.length ? coverage(sample.columns, givenNames) : 0;
	// A config naming the core columns describes the file; one naming a column or two only adjusts
	// what a CRM detector found (applyConfig lays it over that mapping), so it must not outrank it.
	const describes = Boolean(
		given.id && given.created && (given.stage || given.outcome || given.is_closed || given.is_won)
	);
	const ranked = scoreColumns(sample, 'deals');
	const skip = new Set([...Object.keys(given), ...removed]);
	// Per-stage date columns (the config's, else guessed from their headers and the stage labels
	// of the first guess) are events, never another field.
	const first = assign(ranked, skip, new Set(givenNames));
	const stageColumns =
		configStageColumns(config) ??
		stageDateColumns(sample, stageLabels(sample, { ...columnsOf(first, DEAL_FIELDS), ...given }));
	const taken = new Set([...givenNames, ...stageColumns.map((s) => s.column)]);
	const chosen = taken.size > givenNames.length ? assign(ranked, skip, taken) : first;
	const unsure = unsureFields(ranked, chosen, skip, taken);
	if (configScore === 1 && describes) {
		const named = Object.fromEntries(Object.entries(chosen).filter(([, c]) => c.named)) as Chosen;
		return {
			confidence: 1,
			mapping: genericMapping(
				sample,
				config,
				{ ...columnsOf(named, DEAL_FIELDS), ...given },
				stageColumns
			),
			...(unsure.length ? { unsure } : {})
		};
	}
	const found = withFlags({ ...columnsOf(chosen, DEAL_FIELDS), ...given });
	const flags = found.flags;
	const columns: Partial<Record<string, string>> = found.columns;
	const fromValues = ['stage', 'created', 'amount'].some((f) => chosen[f] && !chosen[f].named);
	const hasStage = Boolean(columns.stage || columns.outcome || flags.won || flags.closed);
	if (!columns.created || !hasStage) {
		if (why) {
			if (!hasStage) why.missing.push('the deal stage or status');
			if (!columns.created) why.missing.push('the date a deal was created');
		}
		return null;
	}
	// Ids that repeat make a log (one row per change), not one row per deal; so may a narrow
	// `id, stage, date` file with nothing else of a deal, unless its sample shows distinct ids.
	if (idsRepeat(sample, columns.id)) return null;
	const more = Object.keys(columns).some((k) => !['id', 'stage', 'created'].includes(k));
	const ids = columnValues(sample, columns.id);
	const distinct = ids.length > 0 && new Set(ids).size === ids.length;
	if (!more && !flags.won && !flags.closed && !distinct) return null;
	const core = ['id', 'created', 'stage'].filter((k) => columns[k]).length;
	const confidence = Math.min(fromValues ? 0.35 : 0.45, 0.15 + core * 0.1);
	return {
		confidence,
		mapping: genericMapping(
			sample,
			config,
			{ ...columnsOf(chosen, DEAL_FIELDS), ...given },
			stageColumns
		),
		...(unsure.length ? { unsure } : {})
	};
}

/** Whether a column's sampled values repeat as a log's ids do (five values or more, < 80 % distinct). */
function idsRepeat(sample: FileSample, column: string | undefined): boolean {
	const ids = columnValues(sample, column);
	return ids.length >= 5 && new Set(ids).size < ids.length * 0.8;
}

/**
 * An empty mapping for a file the user says plays `role` although no detector recognised it: the
 * config's columns (the mapping editor's choices) fill it. A stage list file cannot be empty.
 */
export function blankMapping(
	role: Exclude<FileRole, 'stages'>,
	sample: FileSample,
	config: Config
): Mapping {
	if (role === 'deals')
		return genericMapping(
			sample,
			config,
			defined({ ...config.columns }),
			configStageColumns(config) ?? []
		);
	if (role === 'history') return { role, crm: 'generic', columns: { ...config.history } };
	return { role, crm: 'generic', columns: { ...config.spend } };
}

/** The stage labels of the sample's stage and lost-stage columns. */
function stageLabels(sample: FileSample, columns: Partial<Record<string, string>>): string[] {
	return [...columnValues(sample, columns.stage), ...columnValues(sample, columns.lost_stage)];
}

/**
 * A generic deals mapping; `is_closed` and `is_won` among `columns` name its yes/no flags. With
 * per-stage date columns and no stage column, the columns give the stages, in their order (the
 * labels that close a deal by their words are won or lost), as a HubSpot extract's
 * `date_entered_<stage id>` do; with a stage column, the rows' labels give them (the columns then
 * order them where they cover them, engine/stages-from-data.ts).
 */
function genericMapping(
	sample: FileSample,
	config: Config,
	all: DealsMapping['columns'],
	stageColumns: DealsMapping['stageColumns'] = []
): DealsMapping {
	const { columns, flags } = withFlags(all);
	const fromColumns = !columns.stage && stageColumns.length > 0;
	const closed = (kind: 'won' | 'lost') =>
		fromColumns ? stageColumns.filter((s) => closedKind(s.stage) === kind).map((s) => s.stage) : [];
	const won = [...GENERIC_WON, ...newLabels(closed('won'), GENERIC_WON)];
	const lost = [...GENERIC_LOST, ...newLabels(closed('lost'), GENERIC_LOST)];
	const open = fromColumns
		? newLabels(
				stageColumns.map((s) => s.stage).filter((s) => !closedKind(s)),
				[]
			)
		: stagesInSample(sample, columns.stage).filter((s) => !closedKind(s));
	return {
		role: 'deals',
		crm: 'generic',
		columns,
		stages: config.stages ?? open,
		won: config.won ?? won,
		lost: config.lost ?? lost,
		outcomeWon: ['won'],
		outcomeLost: ['lost'],
		stageColumns,
		...(Object.keys(flags).length ? { flags } : {}),
		stagesFromData: !fromColumns
	};
}

const GENERIC_WON = [
	'won',
	'closed won',
	'closed-won',
	'выиграна',
	'успешно реализовано',
	'сделка успешна'
];
const GENERIC_LOST = [
	'lost',
	'closed lost',
	'closed-lost',
	'проиграна',
	'закрыто и не реализовано',
	'сделка провалена'
];

/**
 * A stage log `(id, stage, at)` described by the config or guessed from header words
 * (column-scores.ts): `deal_id, stage, stage_date`, `opp, stage, entered`. Ids that repeat in
 * the sample make it surer; ids that never repeat make it a deals file more likely than a log.
 */
export function detectGenericHistory(
	sample: FileSample,
	config: Config
): Detection<HistoryMapping> | null {
	const given = config.history ?? {};
	const givenNames = Object.values(given);
	const ranked = scoreColumns(sample, 'history');
	const chosen = assign(ranked, new Set(Object.keys(given)), new Set(givenNames));
	const columns = { ...columnsOf(chosen, HISTORY_FIELDS), ...given };
	const configScore = givenNames.length ? coverage(sample.columns, givenNames) : 0;
	const complete = columns.id && columns.stage && columns.at;
	if (!complete) return null;
	// A log has few columns; a deals file that happens to have id/stage/date columns is not one.
	let guessed = sample.columns.length <= 5 ? 0.5 : 0.2;
	const ids = columnValues(sample, columns.id);
	const asDeals = scoreColumns(sample, 'deals');
	if (idsRepeat(sample, columns.id)) guessed = 0.6;
	else if (ids.length >= 5) guessed *= 0.4;
	// Ids that do not repeat, and the date is named as a deal's created date (`Created Date`):
	// one row per deal, a deals file rather than a log.
	else if (asDeals.created.some((c) => c.named && c.column === columns.at && c.score >= 0.9))
		guessed *= 0.4;
	const amount = asDeals.amount.find((c) => c.named && !Object.values(columns).includes(c.column));
	// Without a deals file, a plain log `(id, stage, date[, amount])` describes the deals too: the
	// last row gives the current stage (and the close date when that stage is won or lost), the
	// first row the created date.
	const dealsPerRow: DealsMapping = {
		role: 'deals',
		crm: 'generic',
		columns: defined({
			id: columns.id,
			stage: columns.stage,
			closed: columns.at,
			amount: amount?.column
		}),
		createdFromFirst: columns.at,
		stages: config.stages ?? [],
		won: config.won ?? [...GENERIC_WON],
		lost: config.lost ?? [...GENERIC_LOST],
		outcomeWon: [],
		outcomeLost: [],
		stageColumns: [],
		stagesFromData: config.stages === undefined
	};
	return {
		confidence: configScore === 1 ? 0.98 : guessed,
		mapping: { role: 'history', crm: 'generic', columns, dealsPerRow }
	};
}

/**
 * Any table with a date or month, a channel and an amount, named in its header (`Month, Channel,
 * Spend`, `Месяц;Источник;Расход, руб.`, `Amount spent (USD)`) and, where the sample has
 * values, holding dates or months and numbers.
 */
export function detectSpend(sample: FileSample, config: Config): Detection<SpendMapping> | null {
	const given = config.spend ?? {};
	const givenNames = Object.values(given);
	const ranked = scoreColumns(sample, 'spend');
	const chosen = assign(ranked, new Set(Object.keys(given)), new Set(givenNames));
	const columns = { ...columnsOf(chosen, SPEND_FIELDS), ...given };
	const configScore = givenNames.length ? coverage(sample.columns, givenNames) : 0;
	if (!(columns.date && columns.channel && columns.amount)) return null;
	const narrow = sample.columns.length <= 6 ? 0.6 : 0.25;
	return {
		confidence: configScore === 1 ? 0.97 : narrow,
		mapping: { role: 'spend', crm: 'spend', columns }
	};
}
