import { errorText } from '../i18n/error-text';
import { CONFIG_LIMITS, parseConfig, type Config } from '../model/config';
import type { LinkIssue } from './view';

/** Short keys for the config's top-level parts in a link. */
const SHORT = {
	stages: 's',
	won: 'w',
	lost: 'l',
	left_out: 'o',
	columns: 'c',
	history: 'h',
	spend: 'p',
	stage_dates: 'd'
} as const;
const LONG: Record<string, string> = Object.fromEntries(
	Object.entries(SHORT).map(([long, short]) => [short, long])
);

/** Most stages or labels a config from a link may hold, and their longest text. */
export const MAX_LABELS = CONFIG_LIMITS.labels;
export const MAX_TEXT = CONFIG_LIMITS.text;

/** The config with short top-level keys, empty parts left out. */
export function compactConfig(config: Config): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [long, short] of Object.entries(SHORT)) {
		const value = config[long as keyof Config];
		if (value === undefined) continue;
		if (Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0) continue;
		out[short] = value;
	}
	return out;
}

function checkSizes(config: Config): string | null {
	for (const key of ['stages', 'won', 'lost', 'left_out'] as const) {
		const list = config[key];
		if (list && list.length > MAX_LABELS) return `config.${key} has more than ${MAX_LABELS} labels`;
		if (list?.some((l) => l.length > MAX_TEXT))
			return `config.${key} has a label longer than ${MAX_TEXT} characters`;
	}
	for (const key of ['columns', 'history', 'spend', 'stage_dates'] as const) {
		const map = config[key] as Record<string, string | null> | undefined;
		if (map && Object.values(map).some((v) => v !== null && v.length > MAX_TEXT))
			return `config.${key} has a column name longer than ${MAX_TEXT} characters`;
	}
	return null;
}

/**
 * The config a link carries, validated by parseConfig part by part: a bad part is left out
 * with a message, the good ones are kept (the nearest valid config).
 */
export function expandConfig(value: unknown): { config: Config; issues: LinkIssue[] } {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		return {
			config: {},
			issues: [{ key: 'link.config-invalid', vars: { error: 'it is not an object' } }]
		};
	}
	const issues: LinkIssue[] = [];
	let config: Config = {};
	for (const [short, part] of Object.entries(value)) {
		const long = Object.hasOwn(LONG, short) ? LONG[short] : short;
		try {
			const parsed = parseConfig(Object.fromEntries([[long, part]]));
			const tooBig = checkSizes(parsed);
			if (tooBig) throw new Error(tooBig);
			config = { ...config, ...parsed };
		} catch (e) {
			issues.push({
				key: 'link.config-invalid',
				vars: { error: errorText(e) }
			});
		}
	}
	return { config, issues };
}
