import type { Config } from '../model/config';
import type {
	DealsMapping,
	Detection,
	FileSample,
	HistoryMapping,
	SpendMapping
} from '../model/mapping';
import { coverage, defined, findColumn } from './columns';

/** Header names, in English and Russian, that usually hold each deal field. */
const DEAL_GUESSES = {
	id: ['id', 'deal id', 'opportunity id', 'opp', 'opp id', 'record id', 'deal', 'ид', 'id сделки'],
	owner: ['owner', 'rep', 'sales rep', 'deal owner', 'responsible', 'ответственный', 'менеджер'],
	source: ['source', 'lead source', 'channel', 'источник', 'канал'],
	pipeline: ['pipeline', 'воронка'],
	segment: ['segment', 'type', 'сегмент'],
	amount: ['amount', 'value', 'deal value', 'acv', 'revenue', 'sum', 'бюджет', 'сумма'],
	probability: ['probability', 'probability (%)', 'вероятность'],
	created: [
		'created',
		'created date',
		'create date',
		'created at',
		'opened',
		'date created',
		'дата создания'
	],
	closed: [
		'closed',
		'close date',
		'closed date',
		'closed at',
		'closed_on',
		'date closed',
		'дата закрытия'
	],
	outcome: ['status', 'outcome', 'result', 'статус'],
	stage: ['stage', 'deal stage', 'stage name', 'current stage', 'этап', 'стадия'],
	currency: ['currency', 'валюта']
} as const;

const HISTORY_GUESSES = {
	id: DEAL_GUESSES.id,
	stage: ['stage', 'to stage', 'new stage', 'этап', 'стадия'],
	at: ['entered', 'date', 'at', 'changed at', 'timestamp', 'entered at', 'дата', 'дата изменения'],
	from: ['from stage', 'old stage']
} as const;

const SPEND_GUESSES = {
	date: ['month', 'date', 'day', 'period', 'месяц', 'дата', 'период'],
	channel: ['channel', 'source', 'campaign', 'канал', 'источник'],
	amount: ['spend', 'cost', 'amount', 'amount spent', 'расход', 'сумма', 'затраты']
} as const;

function guess<K extends string>(
	columns: readonly string[],
	table: Record<K, readonly string[]>
): Partial<Record<K, string>> {
	const out: Partial<Record<K, string | undefined>> = {};
	for (const key of Object.keys(table) as K[]) out[key] = findColumn(columns, table[key]);
	return defined(out);
}

/** Stage order seen in the sample, for a file no one described (first appearance). */
function stagesInSample(sample: FileSample, column: string | undefined): string[] {
	if (!column) return [];
	const index = sample.columns.indexOf(column);
	return [...new Set(sample.rows.map((r) => (r[index] ?? '').trim()).filter((s) => s !== ''))];
}

/** A deals file described by the config, or guessed from its header names. */
export function detectGenericDeals(
	sample: FileSample,
	config: Config
): Detection<DealsMapping> | null {
	const given = config.columns ?? {};
	const givenNames = Object.values(given);
	const guessed = guess(sample.columns, DEAL_GUESSES);
	const configScore = givenNames.length ? coverage(sample.columns, givenNames) : 0;
	const columns = { ...guessed, ...given };
	const core = ['id', 'created', 'stage'].filter((k) => columns[k as keyof typeof columns]);
	const guessScore = core.length / 3;
	// A config naming the core columns describes the file; one naming a column or two only adjusts
	// what a CRM detector found (applyConfig lays it over that mapping), so it must not outrank it.
	const describes = Boolean(given.id && given.created && (given.stage || given.outcome));
	const confidence = configScore === 1 && describes ? 1 : Math.min(0.45, guessScore * 0.45);
	if (confidence < 0.3) return null;
	const stages = config.stages ?? stagesInSample(sample, columns.stage);
	return {
		confidence,
		mapping: {
			role: 'deals',
			crm: 'generic',
			columns,
			stages,
			won: config.won ?? ['won', 'closed won', 'closed-won'],
			lost: config.lost ?? ['lost', 'closed lost', 'closed-lost'],
			outcomeWon: ['won'],
			outcomeLost: ['lost'],
			stageColumns: []
		}
	};
}

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
	return {
		confidence: configScore === 1 ? 0.98 : narrow,
		mapping: { role: 'history', crm: 'generic', columns }
	};
}

/** Any table with a date or month, a channel and an amount. */
export function detectSpend(sample: FileSample, config: Config): Detection<SpendMapping> | null {
	const given = config.spend ?? {};
	const givenNames = Object.values(given);
	const columns = { ...guess(sample.columns, SPEND_GUESSES), ...given };
	const configScore = givenNames.length ? coverage(sample.columns, givenNames) : 0;
	if (!(columns.date && columns.channel && columns.amount)) return null;
	const narrow = sample.columns.length <= 6 ? 0.6 : 0.25;
	return {
		confidence: configScore === 1 ? 0.97 : narrow,
		mapping: { role: 'spend', crm: 'spend', columns }
	};
}
