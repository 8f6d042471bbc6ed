import { ident, join, list, raw, sql, type Fragment } from '../sql/sql';
import { DIMENSIONS, type Dimension } from './config';

/** A calendar period, both ends inclusive, as `YYYY-MM-DD`. */
export interface Period {
	from: string;
	to: string;
}

/** `dimension ∈ {values}` filters applied to deals before anything is counted. */
export type Filters = Partial<Record<Dimension, string[]>>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(text: string): boolean {
	if (!ISO_DATE.test(text)) return false;
	const d = new Date(`${text}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

export function isDimension(name: string): name is Dimension {
	return (DIMENSIONS as readonly string[]).includes(name);
}

/** The deal filter as SQL over `deal_facts` columns (`TRUE` when there is none). */
export function dealFilter(filters: Filters, alias = ''): Fragment {
	const parts: Fragment[] = [];
	for (const dim of DIMENSIONS) {
		const values = filters[dim];
		if (values === undefined) continue;
		const column = alias ? sql`${ident(alias)}.${ident(dim)}` : ident(dim);
		parts.push(sql`${column} IN ${list(values)}`);
	}
	return parts.length ? join(parts, ' AND ') : raw('TRUE');
}

/**
 * The deal filter over a table that carries each deal's filter group `g` instead of its
 * dimensions (`stays`, `stage_skips`; `deal_groups` maps groups to dimension values):
 * `TRUE` when there is none.
 */
export function groupFilter(filters: Filters): Fragment {
	if (!DIMENSIONS.some((dim) => filters[dim] !== undefined)) return raw('TRUE');
	return sql`g IN (SELECT g FROM deal_groups WHERE ${dealFilter(filters)})`;
}

/** Spend is filtered by channel when deals are filtered by source (METRICS.md §2). */
export function spendFilter(filters: Filters): Fragment {
	const sources = filters.source;
	return sources === undefined ? raw('TRUE') : sql`channel IN ${list(sources)}`;
}

/** `column BETWEEN from AND to` for a DATE column. */
export function inPeriod(column: Fragment, period: Period): Fragment {
	return sql`${column} BETWEEN CAST(${period.from} AS DATE) AND CAST(${period.to} AS DATE)`;
}
