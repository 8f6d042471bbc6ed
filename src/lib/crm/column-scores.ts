import { DEAL_FIELDS, HISTORY_FIELDS, SPEND_FIELDS } from '../model/config';
import type { FileSample } from '../model/mapping';
import { MISSING_TEXTS } from '../model/parse';
import { closedKind, looseKey } from './labels';

/** The roles whose columns are ranked: each field of a role gets its candidate columns. */
export type RankedRole = 'deals' | 'history' | 'spend';

/** One column offered for a field, with how well it fits (0 … 1). */
export interface ColumnCandidate {
	column: string;
	score: number;
}

/** The fields ranked for each role. */
export const RANKED_FIELDS: Record<RankedRole, readonly string[]> = {
	deals: DEAL_FIELDS,
	history: HISTORY_FIELDS,
	spend: SPEND_FIELDS
};

/**
 * For each field of `role`, the columns that may hold it, best first (only those with a positive
 * score). A column scores by its header's words (English and Russian, after splitting
 * snake_case and camelCase and dropping units and currencies: `deal_size_usd`, `Расход, руб.`),
 * checked against its sampled values (a date field needs dates, an amount numbers, a flag yes/no;
 * `NA`, `N/A`, `null`, `-` and empty are missing). In a deals file a column whose header names
 * no field may still be offered, with a low score, for a field its values fit (dates for the
 * created and close dates, numbers for the amount, a few stage-like labels for the stage).
 */
export function rankColumns(
	sample: FileSample,
	role: RankedRole
): Record<string, ColumnCandidate[]> {
	const ranked = scoreColumns(sample, role);
	const out: Record<string, ColumnCandidate[]> = {};
	for (const field of RANKED_FIELDS[role]) {
		out[field] = ranked[field].map(({ column, score }) => ({ column, score }));
	}
	return out;
}

/** A candidate, and whether its header named the field (not its values alone). */
export interface ScoredColumn extends ColumnCandidate {
	named: boolean;
}

/** Each sample's scores by role: every detector of a file asks, and they read the same sample. */
const scored = new WeakMap<
	FileSample,
	Partial<Record<RankedRole, Record<string, ScoredColumn[]>>>
>();

/**
 * `rankColumns` with each candidate's source: the detectors weigh a name above values. Scored
 * once per sample and role (the deals and history detectors both ask for the deals' scores);
 * callers read the result, never change it.
 */
export function scoreColumns(sample: FileSample, role: RankedRole): Record<string, ScoredColumn[]> {
	let byRole = scored.get(sample);
	if (!byRole) scored.set(sample, (byRole = {}));
	return (byRole[role] ??= scoreSample(sample, role));
}

function scoreSample(sample: FileSample, role: RankedRole): Record<string, ScoredColumn[]> {
	const rules = RULES[role];
	const columns = sample.columns.map((column, i) => ({
		column,
		tokens: headerTokens(column),
		values: profile(sampleValues(sample, i))
	}));
	const byName = columns.map((c) =>
		Object.fromEntries(
			Object.entries(rules).map(([field, rule]) => [field, nameScore(c.tokens, rule)])
		)
	);
	const out: Record<string, ScoredColumn[]> = {};
	for (const [field, rule] of Object.entries(rules)) {
		const list: ScoredColumn[] = [];
		for (const [i, c] of columns.entries()) {
			const named = byName[i][field];
			const fit = valueFit(c.values, rule);
			let score = named * fit;
			let fromName = score > 0;
			// A column no header word ties to any field of the role may still fit by its values.
			const unnamed = Object.values(byName[i]).every((s) => s === 0);
			if (score === 0 && unnamed && rule.fromValues && !penalised(c.tokens, rule)) {
				score = Math.max(0, rule.fromValues(c.values) - i * 0.001);
				fromName = false;
			}
			if (score > 0) list.push({ column: c.column, score: round(score), named: fromName });
		}
		out[field] = list.sort((a, b) => b.score - a.score);
	}
	return out;
}

const round = (x: number) => Math.round(Math.min(1, x) * 1000) / 1000;

// --- Header words -------------------------------------------------------------------------

/** Units and currencies written into headers (`deal_size_usd`, `Amount (EUR)`, `Расход, руб.`). */
const UNITS = new Set([
	'usd',
	'eur',
	'gbp',
	'rub',
	'rur',
	'руб',
	'р',
	'uah',
	'kzt',
	'byn',
	'cny',
	'jpy',
	'inr',
	'chf',
	'cad',
	'aud',
	'%',
	'pct',
	'percent',
	'тыс',
	'thousands'
]);

/** Words that name the record, not the field (`deal_stage`, `Opportunity Amount`, `Этап сделки`). */
const FILLER = new Set(['deal', 'deals', 'opportunity', 'opp', 'сделки', 'сделка', 'сделок']);

/** A header's words: split, case-folded, with units and currencies dropped. */
export function headerTokens(header: string): string[] {
	return looseKey(header)
		.split(' ')
		.filter((t) => t !== '' && !UNITS.has(t) && !/^[$€£¥₽]$/.test(t));
}

/** A word of a pattern: `creat*` matches any word that starts with `creat`. */
function wordMatches(word: string, pattern: string): boolean {
	return pattern.endsWith('*') ? word.startsWith(pattern.slice(0, -1)) : word === pattern;
}

/** 1 when the header is the phrase, less the more other words it has, 0 when it lacks it. */
function phraseScore(tokens: readonly string[], phrase: readonly string[]): number {
	if (phrase.length === 0 || tokens.length < phrase.length) return 0;
	for (let at = 0; at + phrase.length <= tokens.length; at++) {
		if (phrase.every((p, k) => wordMatches(tokens[at + k], p))) {
			const extra = tokens.length - phrase.length;
			return extra === 0 ? 1 : 0.85 ** Math.min(extra, 3);
		}
	}
	return 0;
}

interface Rule {
	/**
	 * Phrases (space-separated words; `creat*` a prefix; `=deal` only as the whole header) and how
	 * surely each names the field.
	 */
	names: readonly (readonly [string, number])[];
	/** Words that make a header name something else, and what is left of its score. */
	not?: readonly (readonly [string, number])[];
	/** The kinds of values the field holds; a column of another kind does not fit. */
	kinds: readonly ValueKind[];
	/** A score from the values alone, for a column whose header names no field of the role. */
	fromValues?: (p: Profile) => number;
	/** Adjusts a named column's fit by its values (unique ids, repeated labels). */
	adjust?: (p: Profile) => number;
}

const phrases = new Map<string, string[]>();
function phraseTokens(phrase: string): string[] {
	let tokens = phrases.get(phrase);
	if (!tokens) {
		tokens = phrase.split(' ').map((w) => (w.endsWith('*') ? `${looseKey(w)}*` : looseKey(w)));
		phrases.set(phrase, tokens);
	}
	return tokens;
}

function penalised(tokens: readonly string[], rule: Rule): boolean {
	return (rule.not ?? []).some(([w]) => tokens.some((t) => wordMatches(t, phraseTokens(w)[0])));
}

function nameScore(tokens: readonly string[], rule: Rule): number {
	if (tokens.length === 0) return 0;
	const bare = tokens.filter((t) => !FILLER.has(t));
	let best = 0;
	for (const [phrase, weight] of rule.names) {
		// `=word`: the whole header, never a part of it (`Deal` is an id, `deal_size` is not).
		const exact = phrase.startsWith('=');
		const words = phraseTokens(exact ? phrase.slice(1) : phrase);
		const score = (t: readonly string[]) => {
			const s = t.length ? phraseScore(t, words) : 0;
			return exact && s < 1 ? 0 : s;
		};
		best = Math.max(best, Math.max(score(tokens), score(bare)) * weight);
	}
	for (const [word, keep] of rule.not ?? []) {
		const w = phraseTokens(word)[0];
		if (tokens.some((t) => wordMatches(t, w))) best *= keep;
	}
	return best;
}

// --- Values -------------------------------------------------------------------------------

type ValueKind = 'date' | 'month' | 'number' | 'yesno' | 'text';

const MISSING = new Set<string>(MISSING_TEXTS);

/** A column's sampled values, trimmed, without the empty and missing ones. */
function sampleValues(sample: FileSample, i: number): string[] {
	return sample.rows
		.map((r) => (r[i] ?? '').trim())
		.filter((v) => v !== '' && !MISSING.has(v.toLowerCase()));
}

const DATE = /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}([ T].*)?$|^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}([ ,T].*)?$/;
/**
 * A month: `2024-05`, `05.2024`, `May 2024`, `Май 2024`, `янв. 2024`, `Январь-24` (not a number
 * such as `5916.45`).
 */
const MONTH =
	/^(19|20)\d{2}[-/.](0?[1-9]|1[0-2])$|^(0?[1-9]|1[0-2])[-/.](19|20)\d{2}$|^[a-z]{3,9}\.? \d{4}$|^[а-яё]{3,8}\.?[\s,/-]*(\d{2}|\d{4})$/i;
const NUMBER =
	/^[-+(]?\s*([$€£¥₽]|[A-Z]{3}\s)?\s*\d[\d\s\u00a0\u202f,.']*\s*([$€£¥₽]|[A-Z]{3}|руб\.?|р\.)?\)?$/;
const YES_NO = /^(0|1|true|false|yes|no|y|n|t|f|да|нет|истина|ложь)$/i;
const OUTCOME_WORDS =
	/^(open|active|in progress|pending|won|lost|closed[- ]?won|closed[- ]?lost|passed|disqualified|открыта|в работе|выиграна|проиграна|успешно|неуспешно)$/i;

/** What a column's sample shows. */
export interface Profile {
	/** Values, without the missing ones. */
	n: number;
	/** What most (≥ 80 %) of them are; null when there are none. */
	kind: ValueKind | null;
	distinct: number;
	/** Share of values that read as an outcome (won, lost, open …). */
	outcome: number;
	/** Whether some value reads as won or lost. */
	closes: boolean;
	/** A few labels repeating, some of which read like deal stages or outcomes. */
	stageLike: boolean;
	/** Numbers written like money (`12,500.00`) or of four digits and more. */
	money: boolean;
}

function profile(values: readonly string[]): Profile {
	const n = values.length;
	const share = (re: RegExp) => (n ? values.filter((v) => re.test(v)).length / n : 0);
	const lower = values.map((v) => v.toLowerCase());
	const distinct = new Set(lower).size;
	let kind: ValueKind | null = null;
	if (n > 0) {
		if (share(YES_NO) >= 0.8 && distinct <= 2) kind = 'yesno';
		else if (share(DATE) >= 0.8) kind = 'date';
		else if (share(MONTH) >= 0.8) kind = 'month';
		else if (share(NUMBER) >= 0.8) kind = 'number';
		else kind = 'text';
	}
	const stageLike =
		kind === 'text' &&
		n >= 4 &&
		distinct <= Math.max(5, n / 3) &&
		[...new Set(lower)].some((v) => closedKind(v) !== null || /(stage|этап|стади)/i.test(v));
	return {
		n,
		kind,
		distinct,
		outcome: share(OUTCOME_WORDS),
		closes: values.some((v) => closedKind(v) !== null),
		stageLike,
		money: kind === 'number' && values.some((v) => /[.,]\d{2}\b|\d{4}/.test(v))
	};
}

/** 1 when the values fit the field, 0 when they do not, 0.85 when there are none to judge by. */
function valueFit(p: Profile, rule: Rule): number {
	if (p.kind === null) return 0.85;
	if (!rule.kinds.includes(p.kind)) return 0;
	return Math.max(0, Math.min(1.1, rule.adjust ? rule.adjust(p) : 1));
}

// --- Fields -------------------------------------------------------------------------------

const LABELS: ValueKind[] = ['text', 'number'];

/** Headers that name another record's id (`account_id`, `rep_id`), not the deal's. */
const OTHER_RECORD: [string, number][] = [
	'account',
	'company',
	'contact',
	'customer',
	'client',
	'user',
	'owner',
	'rep',
	'manager',
	'lead',
	'campaign',
	'pipeline',
	'stage',
	'product',
	'event',
	'payment',
	'activity',
	'компании',
	'контакта',
	'клиента'
].map((w) => [w, 0.2]);

const ID: Rule = {
	names: [
		['id', 1],
		['deal id', 1],
		['opportunity id', 1],
		['opp id', 1],
		['=opp', 0.9],
		['=deal', 0.8],
		['record id', 1],
		['deal number', 0.9],
		['=number', 0.6],
		['=ref', 0.6],
		['ид', 1],
		['id сделки', 1],
		['=номер', 0.9],
		['№', 0.9]
	],
	not: OTHER_RECORD,
	kinds: ['text', 'number', 'month'],
	// Each deal once: distinct values fit an id; repeats (a log's) less.
	adjust: (p) => (p.n >= 3 && p.distinct === p.n ? 1.05 : p.distinct < p.n * 0.8 ? 0.9 : 1)
};

/** A dimension (owner, source …): labels, better when they repeat. */
const dimension = (names: Rule['names'], not: Rule['not'] = []): Rule => ({
	names,
	not,
	kinds: LABELS,
	adjust: (p) => (p.n >= 8 && p.distinct === p.n ? 0.8 : 1)
});

/** Words that make a date some other date than the one wanted. */
const OTHER_DATES: [string, number][] = [
	['reviewed', 0],
	['review', 0],
	['activity', 0],
	['updated', 0],
	['update', 0],
	['modified', 0],
	['changed', 0],
	['last', 0],
	['due', 0],
	['hire', 0],
	['birth', 0],
	['deadline', 0],
	['payment', 0],
	['изменения', 0],
	['обновления', 0]
];

const STAGE_NOT: [string, number][] = [
	['from', 0],
	['old', 0],
	['previous', 0],
	['prev', 0],
	['order', 0],
	['sort', 0],
	['days', 0],
	['duration', 0],
	['count', 0],
	['date', 0],
	['time', 0],
	['entered', 0],
	['probability', 0],
	['lost', 0],
	['reason', 0],
	['age', 0],
	['changed', 0],
	['старыи', 0],
	['дата', 0],
	['дни', 0],
	['отказ*', 0],
	['проигр*', 0],
	['потери', 0]
];

/** A date or a count of deals (`won_at`, `NumberOfWonOpportunities`) is no yes/no flag. */
const NOT_FLAGS: [string, number][] = [
	['date', 0],
	['time', 0],
	['at', 0],
	['number', 0],
	['count', 0],
	['total', 0]
];

const DEAL_RULES: Record<string, Rule> = {
	id: ID,
	owner: dimension([
		['owner', 1],
		['rep', 0.9],
		['rep id', 0.9],
		['rep name', 1],
		['sales rep', 1],
		['sales agent', 1],
		['agent', 0.7],
		['salesperson', 1],
		['seller', 0.9],
		['account executive', 0.9],
		['assigned to', 1],
		['assigned', 0.7],
		['responsible', 0.9],
		['manager', 0.7],
		['user', 0.5],
		['ответственный', 1],
		['менеджер', 1],
		['продавец', 1]
	]),
	source: dimension([
		['source', 1],
		['lead source', 1],
		['channel', 0.9],
		['marketing channel', 1],
		['utm source', 0.9],
		['traffic source', 0.9],
		['original source', 0.9],
		['origin', 0.7],
		['источник', 1],
		['канал', 0.9]
	]),
	pipeline: dimension(
		[
			['pipeline', 1],
			['division', 0.8],
			['business unit', 0.7],
			['воронка', 1],
			['направление', 0.8]
		],
		[
			['stage', 0],
			['cross', 0.5]
		]
	),
	segment: dimension([
		['segment', 1],
		['deal type', 0.8],
		['type', 0.6],
		['product', 0.7],
		['tier', 0.6],
		['сегмент', 1],
		['тип', 0.6],
		['продукт', 0.7]
	]),
	amount: {
		names: [
			['amount', 1],
			['deal size', 1],
			['size', 0.7],
			['deal value', 1],
			['value', 0.8],
			['close value', 1],
			['acv', 0.9],
			['arr', 0.7],
			['tcv', 0.9],
			['sum', 0.8],
			['revenue', 0.45],
			['price', 0.5],
			['бюджет', 0.9],
			['сумма', 1],
			['стоимость', 0.8]
		],
		// A company's size is not a deal's (`revenue_usd` of the account, `annual revenue`).
		not: [
			['company', 0],
			['annual', 0],
			['account', 0],
			['employees', 0],
			['customer', 0.3],
			['client', 0.3],
			['expected', 0.5],
			['per', 0],
			['probability', 0],
			['quota', 0],
			['компании', 0]
		],
		kinds: ['number'],
		fromValues: (p) => (p.money ? 0.25 : 0)
	},
	probability: {
		names: [
			['probability', 1],
			['win probability', 1],
			['likelihood', 0.8],
			['confidence', 0.7],
			['вероятность', 1]
		],
		kinds: ['number']
	},
	created: {
		names: [
			['creat*', 0.95],
			['creat* date', 1],
			['date creat*', 1],
			['creat* at', 1],
			['creat* on', 1],
			['opened', 0.8],
			['open date', 0.9],
			['date opened', 0.9],
			['engage date', 0.8],
			['add time', 0.8],
			['added', 0.7],
			['start date', 0.5],
			['создан*', 0.95],
			['дата создан*', 1]
		],
		not: [['by', 0], ['id', 0], ...OTHER_DATES],
		kinds: ['date'],
		fromValues: (p) => (p.kind === 'date' ? 0.3 : 0)
	},
	closed: {
		names: [
			['close date', 1],
			['closed date', 1],
			['closing date', 1],
			['closed at', 1],
			['closed on', 1],
			['date closed', 1],
			['closedate', 1],
			['close', 0.7],
			['closed', 0.6],
			['expected close', 0.9],
			['дата закрыт*', 1],
			['закрыт*', 0.5]
		],
		// `is_closed` is a flag; a review, an activity or an update is not the close.
		not: [['is', 0], ['by', 0], ['id', 0], ...OTHER_DATES],
		kinds: ['date'],
		fromValues: (p) => (p.kind === 'date' ? 0.2 : 0)
	},
	outcome: {
		names: [
			['outcome', 1],
			['status', 0.8],
			['result', 0.8],
			['won lost', 0.9],
			['статус', 0.8],
			['результат', 0.9]
		],
		not: [
			['reason', 0],
			['date', 0],
			['id', 0.5]
		],
		kinds: ['text'],
		// Every value reads as an outcome (won, lost, open …), some as won or lost; else the column
		// is something else (a lead's or a record's status).
		adjust: (p) => (p.outcome >= 1 && p.closes ? 1 : 0)
	},
	stage: {
		names: [
			['stage', 1],
			['stage name', 1],
			['current stage', 1],
			['pipeline stage', 1],
			['stage now', 0.9],
			['stage id', 0.9],
			['этап', 1],
			['стадия', 1]
		],
		not: STAGE_NOT,
		kinds: ['text'],
		fromValues: (p) => (p.stageLike ? 0.3 : 0)
	},
	// The open stage a lost deal was lost at (`lost_at_stage`, `Этап отказа`), not its stage now.
	lost_stage: {
		names: [
			['lost at stage', 1],
			['lost stage', 1],
			['stage lost', 1],
			['stage lost at', 1],
			['lost at', 0.8],
			['loss stage', 1],
			['stage at loss', 1],
			['этап отказа', 1],
			['этап проигрыша', 1],
			['стадия отказа', 1],
			['стадия проигрыша', 1],
			['проиграна на этапе', 1],
			['этап потери', 1]
		],
		not: [
			['date', 0],
			['time', 0],
			['reason', 0],
			['дата', 0],
			['причина', 0]
		],
		kinds: ['text']
	},
	currency: {
		names: [
			['currency', 1],
			['валюта', 1]
		],
		kinds: ['text']
	},
	expected_close: {
		names: [
			['expected close', 1],
			['expected close date', 1],
			['expected closing date', 1],
			['close date expected', 1],
			['forecast close', 0.9],
			['ожидаемая дата закрыт*', 1],
			['предполагаемая дата закрыт*', 1]
		],
		kinds: ['date']
	},
	lost_reason: {
		names: [
			['lost reason', 1],
			['loss reason', 1],
			['reason lost', 1],
			['closed lost reason', 1],
			['reason for loss', 1],
			['lost because', 0.9],
			['reason', 0.5],
			['причина отказа', 1],
			['причина проигрыша', 1],
			['причина закрыт*', 0.8],
			['причина', 0.5]
		],
		kinds: ['text']
	},
	is_won: {
		names: [
			['is won', 1],
			['won', 0.8],
			['is closed won', 1],
			['closed won', 0.8],
			['выиграна', 0.9],
			['успешна', 0.8]
		],
		not: [['amount', 0], ...NOT_FLAGS],
		kinds: ['yesno']
	},
	is_closed: {
		names: [
			['is closed', 1],
			['closed', 0.6],
			['закрыта', 0.8]
		],
		not: [['won', 0], ['on', 0], ...NOT_FLAGS],
		kinds: ['yesno']
	}
};

const HISTORY_RULES: Record<string, Rule> = {
	id: ID,
	stage: {
		names: [
			['stage', 1],
			['to stage', 1],
			['new stage', 1],
			['stage name', 1],
			['stage id', 0.9],
			['этап', 1],
			['стадия', 1]
		],
		not: STAGE_NOT,
		kinds: ['text']
	},
	at: {
		names: [
			['entered', 1],
			['date entered', 1],
			['entered at', 1],
			['stage date', 1],
			['changed at', 1],
			['change time', 1],
			['change date', 1],
			['date', 0.7],
			['=at', 0.6],
			['=time', 0.6],
			['timestamp', 0.8],
			['last modified', 0.9],
			['modified', 0.8],
			['edit date', 1],
			['дата', 0.7],
			['дата изменения', 1]
		],
		not: [
			['close', 0.3],
			['creat*', 0.5],
			['valid', 0],
			['due', 0],
			['by', 0]
		],
		kinds: ['date']
	},
	from: {
		names: [
			['from stage', 1],
			['old stage', 1],
			['previous stage', 1],
			['prev stage', 1],
			['=from', 0.7]
		],
		kinds: ['text']
	}
};

const SPEND_RULES: Record<string, Rule> = {
	date: {
		names: [
			['month', 1],
			['date', 0.9],
			['day', 0.9],
			['week', 0.9],
			['period', 0.9],
			['reporting starts', 1],
			['cost date', 1],
			['spend date', 1],
			['месяц', 1],
			['дата', 0.9],
			['день', 0.9],
			['неделя', 0.9],
			['период', 0.9]
		],
		// A deal's dates, a stage's entry or a report's end are not a spend period.
		not: [
			['ends', 0],
			['creat*', 0],
			['close*', 0],
			['stage', 0],
			['entered', 0],
			['создан*', 0],
			['закрыт*', 0],
			...OTHER_DATES
		],
		kinds: ['date', 'month']
	},
	channel: dimension(
		[
			['channel', 1],
			['source', 0.9],
			['utm source', 0.9],
			['campaign', 0.8],
			['campaign name', 0.8],
			['platform', 0.7],
			['канал', 1],
			['источник', 1],
			['кампания', 0.8]
		],
		// A record's type id (`CampaignMemberRecordTypeId`) is no channel.
		[
			['record', 0],
			['id', 0.5]
		]
	),
	amount: {
		names: [
			['spend', 1],
			['spent', 1],
			['amount spent', 1],
			['cost', 1],
			['cost amount', 1],
			['spend amount', 1],
			['amount', 0.9],
			['budget', 0.7],
			['расход*', 1],
			['затраты', 1],
			['сумма', 0.9],
			['бюджет', 0.8],
			['стоимость', 0.8]
		],
		not: [
			['deal', 0],
			['per', 0],
			['cpc', 0],
			['cpm', 0],
			['cpa', 0]
		],
		kinds: ['number']
	}
};

const RULES: Record<RankedRole, Record<string, Rule>> = {
	deals: DEAL_RULES,
	history: HISTORY_RULES,
	spend: SPEND_RULES
};
