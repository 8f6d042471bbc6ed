import type { DealField } from '../model/config';
import { headerKey } from '../model/header-key';
import type { DealsMapping } from '../model/mapping';

/** The first column whose header equals one of `candidates` (after `headerKey`). */
export function findColumn(
	columns: readonly string[],
	candidates: readonly string[]
): string | undefined {
	const wanted = candidates.map(headerKey);
	for (const candidate of wanted) {
		const hit = columns.find((c) => headerKey(c) === candidate);
		if (hit !== undefined) return hit;
	}
	return undefined;
}

/** Share of `candidates` found among `columns` (0 … 1). */
export function coverage(columns: readonly string[], candidates: readonly string[]): number {
	if (candidates.length === 0) return 0;
	const keys = new Set(columns.map(headerKey));
	return candidates.filter((c) => keys.has(headerKey(c))).length / candidates.length;
}

/** Drop undefined (and null: "not in the file") entries so a partial column map stays clean. */
export function defined<K extends string>(
	entries: Partial<Record<K, string | null | undefined>>
): Partial<Record<K, string>> {
	const out: Partial<Record<K, string>> = {};
	for (const [key, value] of Object.entries(entries) as [K, string | null | undefined][]) {
		if (typeof value === 'string') out[key] = value;
	}
	return out;
}

/**
 * A deals file's columns with the yes/no outcome columns (`is_closed`, `is_won`: fields of the
 * config and the mapping editor) taken out into `DealsMapping.flags`: `flags` as they were, with
 * the columns' choices laid over them (a `null` removes a flag).
 */
export function withFlags(
	columns: Partial<Record<DealField, string | null | undefined>>,
	flags: DealsMapping['flags'] = {}
): { columns: Partial<Record<DealField, string>>; flags: NonNullable<DealsMapping['flags']> } {
	const { is_closed: closed, is_won: won, ...rest } = columns;
	const out: Partial<Record<'closed' | 'won', string | null | undefined>> = { ...flags };
	if (closed !== undefined) out.closed = closed;
	if (won !== undefined) out.won = won;
	return { columns: defined(rest), flags: defined(out) };
}
