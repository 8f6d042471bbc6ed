import { kilobytes } from '../i18n/bytes';

/**
 * The deal fields a deals file maps onto: the canonical ones (METRICS.md §1), then the two yes/no
 * columns that may decide the outcome instead of an outcome column (`DealsMapping.flags`, §5).
 */
export const DEAL_FIELDS = [
	'id',
	'owner',
	'source',
	'pipeline',
	'segment',
	'amount',
	'probability',
	'created',
	'closed',
	'outcome',
	'stage',
	'lost_stage',
	'currency',
	'expected_close',
	'lost_reason',
	'is_closed',
	'is_won'
] as const;
export type DealField = (typeof DEAL_FIELDS)[number];

export const DIMENSIONS = ['owner', 'source', 'pipeline', 'segment'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const HISTORY_FIELDS = ['id', 'stage', 'at', 'from'] as const;
export type HistoryField = (typeof HISTORY_FIELDS)[number];

export const SPEND_FIELDS = ['date', 'channel', 'amount'] as const;
export type SpendField = (typeof SPEND_FIELDS)[number];

/** The MEDDIC qualification elements, in the acronym's order (model/meddic.ts reads them). */
export const MEDDIC_ELEMENTS = [
	'metrics',
	'economic_buyer',
	'decision_criteria',
	'decision_process',
	'identify_pain',
	'champion'
] as const;
export type MeddicElement = (typeof MEDDIC_ELEMENTS)[number];

/** The config file of METRICS.md §5: everything optional, what is given overrides detection. */
export interface Config {
	stages?: string[];
	won?: string[];
	lost?: string[];
	/**
	 * Stage or outcome labels whose deals are neither won nor lost (`Passed`, `Duplicate`): those
	 * deals leave every metric (METRICS.md §5). Matched like `won` and `lost`.
	 */
	left_out?: string[];
	/** A column name per field; `null` says "this field is not in the file" (over detection). */
	columns?: Partial<Record<DealField, string | null>>;
	history?: Partial<Record<HistoryField, string>>;
	spend?: Partial<Record<SpendField, string>>;
	/**
	 * The deals file's per-stage date columns, stage label → column (the date the deal entered that
	 * stage), in stage order: over the detected ones (METRICS.md §5).
	 */
	stage_dates?: Record<string, string>;
	/** MEDDIC columns by element; `null` says "not in the file" (over detection by name). */
	meddic?: Partial<Record<MeddicElement, string | null>>;
}

/**
 * The most a config may hold, from a file or a link: far more than any pipeline has, and
 * small enough that every later step (SQL with one bound value a label, the stage editor)
 * stays quick, and far below where a huge config would exhaust the call stack.
 */
export const CONFIG_LIMITS = {
	/** Labels in each of `stages`, `won`, `lost`, `left_out`. */
	labels: 500,
	/** Characters in a label or a column name. */
	text: 1000,
	/** Bytes of a config file (`--config`, `dashboard.json`). */
	fileBytes: 1024 * 1024
} as const;

/** Null when a config file's size is within the limit; else one sentence saying so. */
export function configFileTooLarge(bytes: number): string | null {
	if (bytes <= CONFIG_LIMITS.fileBytes) return null;
	return `the file is ${kilobytes(bytes)}, more than the ${kilobytes(CONFIG_LIMITS.fileBytes)} a config may be`;
}

/** Date order for a text date column whose parts are ambiguous. */
export type DateOrder = 'mdy' | 'dmy';

function isStringList(value: unknown): value is string[] {
	return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

function stringMap<K extends string>(
	value: unknown,
	keys: readonly K[],
	where: string,
	{ nullable = false } = {}
): Partial<Record<K, string>> {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new Error(`${where} must be an object of column names`);
	}
	const out: Partial<Record<K, string>> = {};
	for (const [key, name] of Object.entries(value)) {
		if (!(keys as readonly string[]).includes(key)) {
			throw new Error(`${where} has an unknown field "${key}" (known: ${keys.join(', ')})`);
		}
		if (name === null && nullable) {
			(out as Record<string, string | null>)[key] = null;
			continue;
		}
		if (typeof name !== 'string' || name === '') {
			throw new Error(`${where}.${key} must be a column name${nullable ? ' or null' : ''}`);
		}
		if (name.length > CONFIG_LIMITS.text)
			throw new Error(
				`${where}.${key} is ${name.length} characters long, more than the limit of ${CONFIG_LIMITS.text}`
			);
		out[key as K] = name;
	}
	return out;
}

/** `stage_dates`: stage labels to column names, within the limits of labels and text. */
function stageDates(value: unknown): Record<string, string> {
	const where = 'config.stage_dates';
	if (typeof value !== 'object' || value === null || Array.isArray(value))
		throw new Error(`${where} must be an object of stage labels and column names`);
	const entries = Object.entries(value);
	if (entries.length > CONFIG_LIMITS.labels)
		throw new Error(
			`${where} has ${entries.length} stages, more than the limit of ${CONFIG_LIMITS.labels}`
		);
	for (const [stage, column] of entries) {
		if (typeof column !== 'string' || column === '' || stage.trim() === '')
			throw new Error(`${where} must map each stage label to a column name`);
		if (stage.length > CONFIG_LIMITS.text || column.length > CONFIG_LIMITS.text)
			throw new Error(`${where} has a text longer than the limit of ${CONFIG_LIMITS.text}`);
	}
	return Object.fromEntries(entries) as Record<string, string>;
}

/** Validate an untrusted config object (a file or a link); throw one clear sentence when it is wrong. */
export function parseConfig(value: unknown): Config {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new Error('the config must be a JSON object');
	}
	const input = value as Record<string, unknown>;
	const config: Config = {};
	for (const key of Object.keys(input)) {
		if (
			![
				'stages',
				'won',
				'lost',
				'left_out',
				'columns',
				'history',
				'spend',
				'stage_dates',
				'meddic'
			].includes(key)
		) {
			throw new Error(`the config has an unknown key "${key}"`);
		}
	}
	for (const key of ['stages', 'won', 'lost', 'left_out'] as const) {
		if (input[key] === undefined) continue;
		const list = input[key];
		if (Array.isArray(list) && list.length > CONFIG_LIMITS.labels)
			throw new Error(
				`config.${key} has ${list.length} labels, more than the limit of ${CONFIG_LIMITS.labels}`
			);
		if (!isStringList(list)) throw new Error(`config.${key} must be a list of stage labels`);
		const long = list.findIndex((l) => l.length > CONFIG_LIMITS.text);
		if (long !== -1)
			throw new Error(
				`config.${key}[${long}] is ${list[long].length} characters long, more than the limit of ${CONFIG_LIMITS.text}`
			);
		config[key] = list;
	}
	if (input.columns !== undefined)
		config.columns = stringMap(input.columns, DEAL_FIELDS, 'config.columns', { nullable: true });
	if (input.history !== undefined)
		config.history = stringMap(input.history, HISTORY_FIELDS, 'config.history');
	if (input.spend !== undefined)
		config.spend = stringMap(input.spend, SPEND_FIELDS, 'config.spend');
	if (input.stage_dates !== undefined) config.stage_dates = stageDates(input.stage_dates);
	if (input.meddic !== undefined)
		config.meddic = stringMap(input.meddic, MEDDIC_ELEMENTS, 'config.meddic', { nullable: true });
	return config;
}

/** Stage labels are matched after trimming and case-folding. */
export function stageKey(label: string): string {
	return label.trim().toLowerCase();
}
