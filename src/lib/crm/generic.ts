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
import { coverage, defined } from './columns';
import { closedKind, columnValues, findLoose, looseKey } from './labels';

/** Header names, in English and Russian, that usually hold each deal field (matched loosely). */
const DEAL_GUESSES = {
	id: [
		'id',
		'deal id',
		'opportunity id',
		'opp id',
		'opp',
		'record id',
		'deal',
		'ид',
		'id сделки',
		'номер сделки',
		'номер',
		'№'
	],
	owner: [
		'owner',
		'deal owner',
		'rep',
		'rep id',
		'rep name',
		'sales rep',
		'sales agent',
		'salesperson',
		'account executive',
		'assigned to',
		'responsible',
		'user',
		'ответственный',
		'менеджер',
		'продавец'
	],
	source: ['source', 'lead source', 'channel', 'utm source', 'источник', 'канал'],
	pipeline: ['pipeline', 'division', 'воронка', 'направление'],
	segment: ['segment', 'type', 'deal type', 'product', 'сегмент', 'тип', 'продукт'],
	amount: [
		'amount',
		'value',
		'deal value',
		'deal amount',
		'close value',
		'acv',
		'arr',
		'revenue',
		'sum',
		'бюджет',
		'сумма',
		'сумма сделки',
		'стоимость'
	],
	probability: ['probability', 'probability %', 'win probability', 'confidence', 'вероятность'],
	created: [
		'created',
		'created date',
		'create date',
		'created at',
		'created on',
		'creation date',
		'date created',
		'opened',
		'open date',
		'дата создания',
		'создана',
		'дата создания сделки'
	],
	closed: [
		'closed',
		'close date',
		'closed date',
		'closing date',
		'closed at',
		'closed on',
		'date closed',
		'дата закрытия'
	],
	outcome: ['status', 'outcome', 'result', 'deal status', 'статус', 'результат'],
	stage: [
		'stage',
		'deal stage',
		'stage name',
		'current stage',
		'pipeline stage',
		'этап',
		'стадия',
		'этап сделки',
		'стадия сделки'
	],
	currency: ['currency', 'валюта'],
	expected_close: [
		'expected close',
		'expected close date',
		'expected closing date',
		'close date expected',
		'forecast close date',
		'ожидаемая дата закрытия',
		'предполагаемая дата закрытия'
	],
	lost_reason: [
		'lost reason',
		'loss reason',
		'reason lost',
		'closed lost reason',
		'reason for loss',
		'причина отказа',
		'причина проигрыша',
		'причина закрытия'
	]
} as const;

/** Yes/no columns that decide the outcome (`is_won`, `is_closed`, `Сделка закрыта`). */
const FLAG_GUESSES = {
	won: ['is won', 'won', 'выиграна', 'успешна', 'сделка успешна'],
	closed: ['is closed', 'closed', 'закрыта', 'сделка закрыта']
} as const;

const HISTORY_GUESSES = {
	id: DEAL_GUESSES.id,
	stage: ['stage', 'to stage', 'new stage', 'этап', 'стадия'],
	at: [
		'entered',
		'date entered',
		'entered at',
		'date',
		'at',
		'changed at',
		'change time',
		'timestamp',
		'дата',
		'дата изменения'
	],
	from: ['from stage', 'old stage']
} as const;

const SPEND_GUESSES = {
	date: [
		'month',
		'date',
		'day',
		'period',
		'reporting starts',
		'cost date',
		'spend date',
		'месяц',
		'дата',
		'период'
	],
	channel: ['channel', 'source', 'campaign', 'campaign name', 'канал', 'источник'],
	amount: [
		'spend',
		'cost',
		'amount',
		'amount spent',
		'cost amount',
		'spend amount',
		'расход',
		'сумма',
		'затраты'
	]
} as const;

function guess<K extends string>(
	columns: readonly string[],
	table: Record<K, readonly string[]>
): Partial<Record<K, string>> {
	const out: Partial<Record<K, string | undefined>> = {};
	for (const key of Object.keys(table) as K[]) out[key] = findLoose(columns, table[key]);
	return defined(out);
}

const DATE = /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}([ T].*)?$|^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}([ ,T].*)?$/;
const NUMBER =
	/^[-+(]?\s*([$€£¥₽]|[A-Z]{3}\s)?\s*\d[\d\s\u00a0\u202f,.']*\s*([$€£¥₽]|[A-Z]{3}|руб\.?)?\)?$/;
const YES_NO = /^(0|1|true|false|yes|no|y|n|t|f|да|нет)$/i;
const OUTCOME_WORDS =
	/^(open|active|in progress|pending|won|lost|closed won|closed lost|открыта|в работе|выиграна|проиграна)$/i;

type ValueKind = 'date' | 'number' | 'yesno' | 'text';

/** What most (≥ 80%) of a column's sample values look like; null when it has none. */
function kindOf(values: readonly string[]): ValueKind | null {
	if (values.length === 0) return null;
	const share = (re: RegExp) => values.filter((v) => re.test(v)).length / values.length;
	if (share(YES_NO) >= 0.8 && new Set(values.map((v) => v.toLowerCase())).size <= 2) return 'yesno';
	if (share(DATE) >= 0.8) return 'date';
	if (share(NUMBER) >= 0.8) return 'number';
	return 'text';
}

/** A column of a few repeating labels, some of which read like deal stages or outcomes. */
function stageLike(values: readonly string[]): boolean {
	const distinct = new Set(values.map((v) => v.toLowerCase()));
	if (values.length < 4 || distinct.size > Math.max(5, values.length / 3)) return false;
	return [...distinct].some((v) => closedKind(v) !== null || /(stage|этап|стади)/i.test(v));
}

/** Stage labels in the sample, in order of first appearance. */
function stagesInSample(sample: FileSample, column: string | undefined): string[] {
	return [...new Set(columnValues(sample, column))];
}

/**
 * A deals file described by the config, or guessed: from header names in English and Russian
 * (matched loosely: `created_date`, `CreatedDate` and `Created Date` alike), checked against the
 * values (a created or close date column must hold dates, an amount numbers, an outcome won/lost
 * words, yes/no flags yes/no values); then, for fields no name gave, from the values alone: a
 * date column for created (and a second one for closed), a number column for the amount, a
 * column of a few repeating stage-like labels for the stage. Always less sure than a CRM's own
 * detector, and lesser still when values had to be guessed from. A file whose ids repeat is a
 * log, not deals; one with no created date or no stage or outcome is not taken (side tables such
 * as leads or accounts stay unused, and say so).
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
	const describes = Boolean(given.id && given.created && (given.stage || given.outcome));
	const named = guess(sample.columns, DEAL_GUESSES);
	for (const key of removed) delete named[key as keyof typeof named];
	if (configScore === 1 && describes) {
		return { confidence: 1, mapping: genericMapping(sample, config, { ...named, ...given }, {}) };
	}
	const kind = (column: string | undefined) => kindOf(columnValues(sample, column));
	const flags = guess(sample.columns, FLAG_GUESSES);
	// Names are checked against values (an empty sample column passes).
	const fits: Partial<Record<keyof typeof DEAL_GUESSES, ValueKind[]>> = {
		created: ['date'],
		closed: ['date'],
		expected_close: ['date'],
		amount: ['number'],
		probability: ['number']
	};
	for (const [field, kinds] of Object.entries(fits) as [keyof typeof named, ValueKind[]][]) {
		const k = kind(named[field]);
		if (k !== null && !kinds.includes(k)) delete named[field];
	}
	if (named.outcome && !columnValues(sample, named.outcome).every((v) => OUTCOME_WORDS.test(v))) {
		delete named.outcome;
	}
	for (const f of ['won', 'closed'] as const) {
		if (flags[f] && kind(flags[f]) !== 'yesno') delete flags[f];
	}
	if (named.closed && named.closed === flags.closed) delete named.closed;
	const columns: Partial<Record<string, string>> = { ...named };
	// Fields no name gave, from the values.
	const used = () => new Set(Object.values(columns).concat(Object.values(flags)));
	const free = () => sample.columns.filter((c) => !used().has(c));
	let fromValues = false;
	if (!columns.stage && !removed.includes('stage')) {
		const stage = free().find((c) => kind(c) === 'text' && stageLike(columnValues(sample, c)));
		if (stage) [columns.stage, fromValues] = [stage, true];
	}
	const hasStage = Boolean(columns.stage || columns.outcome || flags.won || flags.closed);
	if (!columns.created && hasStage && !removed.includes('created')) {
		const dates = free().filter((c) => kind(c) === 'date');
		if (dates[0]) [columns.created, fromValues] = [dates[0], true];
		if (dates[1] && !columns.closed) columns.closed = dates[1];
	}
	if (!columns.amount && hasStage && columns.created && !removed.includes('amount')) {
		const amount = free().find(
			(c) =>
				kind(c) === 'number' && columnValues(sample, c).some((v) => /[.,]\d{2}\b|\d{4}/.test(v))
		);
		if (amount) [columns.amount, fromValues] = [amount, true];
	}
	if (!columns.created || !hasStage) {
		if (why) {
			if (!hasStage) why.missing.push('the deal stage or status');
			if (!columns.created) why.missing.push('the date a deal was created');
		}
		return null;
	}
	// Ids that repeat make a log (one row per change), not one row per deal.
	const ids = columnValues(sample, columns.id);
	if (ids.length >= 5 && new Set(ids).size < ids.length * 0.8) return null;
	const found = ['id', 'created', 'stage'].filter((k) => columns[k]).length;
	const confidence = Math.min(fromValues ? 0.35 : 0.45, 0.15 + found * 0.1);
	return {
		confidence,
		mapping: genericMapping(
			sample,
			config,
			{ ...(columns as DealsMapping['columns']), ...given },
			flags.won || flags.closed ? defined(flags) : undefined
		)
	};
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
	if (role === 'deals') return genericMapping(sample, config, defined({ ...config.columns }), {});
	if (role === 'history') return { role, crm: 'generic', columns: { ...config.history } };
	return { role, crm: 'generic', columns: { ...config.spend } };
}

function genericMapping(
	sample: FileSample,
	config: Config,
	columns: DealsMapping['columns'],
	flags: DealsMapping['flags'] | Record<string, never>
): DealsMapping {
	return {
		role: 'deals',
		crm: 'generic',
		columns,
		stages: config.stages ?? stagesInSample(sample, columns.stage).filter((s) => !closedKind(s)),
		won: config.won ?? [...GENERIC_WON],
		lost: config.lost ?? [...GENERIC_LOST],
		outcomeWon: ['won'],
		outcomeLost: ['lost'],
		stageColumns: [],
		...(flags && Object.keys(flags).length ? { flags } : {}),
		stagesFromData: true
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

/** A stage log `(id, stage, at)` described by the config or guessed. */
export function detectGenericHistory(
	sample: FileSample,
	config: Config
): Detection<HistoryMapping> | null {
	const given = config.history ?? {};
	const givenNames = Object.values(given);
	const columns = { ...guess(sample.columns, HISTORY_GUESSES), ...given };
	const configScore = givenNames.length ? coverage(sample.columns, givenNames) : 0;
	const complete = columns.id && columns.stage && columns.at;
	if (!complete) return null;
	// A log has few columns; a deals file that happens to have id/stage/date columns is not one.
	const narrow = sample.columns.length <= 5 ? 0.5 : 0.2;
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
			amount: findLoose(sample.columns, DEAL_GUESSES.amount)
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
		confidence: configScore === 1 ? 0.98 : narrow,
		mapping: { role: 'history', crm: 'generic', columns, dealsPerRow }
	};
}

/** Any table with a date or month, a channel and an amount. */
export function detectSpend(sample: FileSample, config: Config): Detection<SpendMapping> | null {
	const given = config.spend ?? {};
	const givenNames = Object.values(given);
	const guessed = guess(sample.columns, SPEND_GUESSES);
	// Meta writes the currency into the header: `Amount spent (USD)`.
	guessed.amount ??= sample.columns.find((c) => /^(amount spent|spend|cost)\b/.test(looseKey(c)));
	const columns = { ...guessed, ...given };
	const configScore = givenNames.length ? coverage(sample.columns, givenNames) : 0;
	if (!(columns.date && columns.channel && columns.amount)) return null;
	const narrow = sample.columns.length <= 6 ? 0.6 : 0.25;
	return {
		confidence: configScore === 1 ? 0.97 : narrow,
		mapping: { role: 'spend', crm: 'spend', columns }
	};
}
