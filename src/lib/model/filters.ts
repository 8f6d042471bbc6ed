import { ident, join, raw, sql, type Fragment } from '../sql/sql';
import { DIMENSIONS, type Dimension } from './config';
import { slotNumber, viewPeriod, viewValue, type ViewSlot } from './view-values';

/** A calendar period, both ends inclusive, as `YYYY-MM-DD`. */
export interface Period {
	from: string;
	to: string;
}

/** `dimension ∈ {values}` filters applied to deals before anything is counted. */
export type Filters = Partial<Record<Dimension, string[]>>;

/** What a statement counts over: a period and filters, and where the statement reads them. */
export interface ViewScope {
	period: Period;
	filters: Filters;
	/**
	 * The row of `view_values` (model/view-values.ts) that holds this period and these filters:
	 * the statement reads them there and binds nothing. Without it they are bound.
	 */
	slot?: ViewSlot;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(text: string): boolean {
	if (!ISO_DATE.test(text)) return false;
	const d = new Date(`${text}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

export function isDimension(name: string): name is Dimension {
	return (DIMENSIONS as readonly string[]).includes(name);
}

/**
 * "Any of these values" bound as ONE text, so a statement's text does not change with the number
 * of values (prepared statements take no arrays, duckdb-wasm#447): each value is preceded by the
 * unit separator (chr 31), so the SQL side splits it and drops the empty first piece (no values:
 * an empty list). A value's own chr 30 and chr 31 are escaped (chr 30 + `0`, chr 30 + `1`), and
 * the column compared with it is escaped the same way (`escapedText`). Null: no filter.
 */
export function boundValues(values: readonly string[] | undefined): string | null {
	if (values === undefined) return null;
	return values
		.map((v) => UNIT + v.replaceAll(ESCAPE, `${ESCAPE}0`).replaceAll(UNIT, `${ESCAPE}1`))
		.join('');
}

const UNIT = '\x1f';
const ESCAPE = '\x1e';

/** A text column escaped as `boundValues` escapes values. */
function escapedText(column: Fragment): Fragment {
	return sql`replace(replace(${column}, chr(30), chr(30) || '0'), chr(31), chr(30) || '1')`;
}

/** `column` is one of the values (all pass when `values` is undefined); the same text for any values. */
function anyOf(column: Fragment, values: readonly string[] | undefined): Fragment {
	const bound = boundValues(values);
	return sql`(CAST(${bound} AS VARCHAR) IS NULL
		OR list_contains(string_split(CAST(${bound} AS VARCHAR), chr(31))[2:], ${escapedText(column)}))`;
}

export function hasFilter(filters: Filters): boolean {
	return DIMENSIONS.some((dim) => filters[dim] !== undefined);
}

/**
 * The deal filter over `deal_groups` columns (owner, source, pipeline, segment): every dimension
 * is in the text, its values bound as one (`boundValues`), so the text is the same whatever
 * the filters are.
 */
export function dealFilter(filters: Filters, alias = ''): Fragment {
	return join(
		DIMENSIONS.map((dim) =>
			anyOf(alias ? sql`${ident(alias)}.${ident(dim)}` : ident(dim), filters[dim])
		),
		' AND '
	);
}

/**
 * The deal filter over a table that carries each deal's filter group `group_id` (`deal_facts`, `stays`,
 * `stage_skips`, `closed_early`; `deal_groups` maps groups to dimension values): `TRUE` without
 * any filter, else one text for any filter values. The groups are few and a table in filter
 * order is sorted by `group_id`, so the join's range of `group_id` skips the row groups of other groups.
 * Without a filter the join would cost a probe per deal, hence `TRUE`.
 */
export function groupFilter(scope: ViewScope): Fragment {
	if (!hasFilter(scope.filters)) return raw('TRUE');
	if (scope.slot) {
		return sql`group_id IN (SELECT unnest(deal_groups) FROM view_values WHERE slot = ${slotNumber(scope.slot)})`;
	}
	return sql`group_id IN (SELECT group_id FROM deal_groups WHERE ${dealFilter(scope.filters)})`;
}

/**
 * Spend is filtered by channel when deals are filtered by source (METRICS.md §2); one text for
 * any values (and, read from `view_values`, one without a source filter and one with).
 */
export function spendFilter(scope: ViewScope): Fragment {
	if (!scope.slot) return anyOf(sql`channel`, scope.filters.source);
	if (scope.filters.source === undefined) return raw('TRUE');
	return sql`list_contains(${viewValue(scope.slot, 'channels')}, ${escapedText(sql`channel`)})`;
}

/** The period's first day, a DATE. */
export function periodStart(scope: ViewScope): Fragment {
	return scope.slot
		? viewValue(scope.slot, 'period_from')
		: sql`CAST(${scope.period.from} AS DATE)`;
}

/** The period's last day, a DATE. */
export function periodEnd(scope: ViewScope): Fragment {
	return scope.slot ? viewValue(scope.slot, 'period_to') : sql`CAST(${scope.period.to} AS DATE)`;
}

/**
 * The period as one `STRUCT(period_from DATE, period_to DATE)` value (`viewPeriod`): read once
 * where a statement tests dates against it, not once per end per test.
 */
function periodDays(scope: ViewScope): Fragment {
	return scope.slot
		? viewPeriod(scope.slot)
		: sql`{'period_from': ${periodStart(scope)}, 'period_to': ${periodEnd(scope)}}`;
}

/** The column `withPeriod` adds to a relation's rows. */
const PERIOD = 'view_period';

/**
 * `relation`'s rows with the period as one more column (`periodDays`), for `inViewPeriod` and
 * `viewPeriodEnd`, where a statement tests several dates of each row (`flaggedDeals`): each of
 * `periodStart` and `periodEnd` is a scalar subquery, which the planner joins in and orders with
 * the rest, and a CTE named three times repeats them three times. A test or two is as quick
 * either way. `SELECT *` over it carries the column too (`withoutPeriod` leaves it out).
 */
export function withPeriod(relation: Fragment, scope: ViewScope): Fragment {
	return sql`(SELECT *, ${periodDays(scope)} AS ${raw(PERIOD)} FROM ${relation})`;
}

/** `column BETWEEN` the period's days, over a relation `withPeriod` made. */
export function inViewPeriod(column: Fragment): Fragment {
	return sql`${column} BETWEEN ${raw(PERIOD)}.period_from AND ${raw(PERIOD)}.period_to`;
}

/** The period's last day, over a relation `withPeriod` made. */
export const viewPeriodEnd: Fragment = raw(`${PERIOD}.period_to`);

/** Every column of a relation `withPeriod` made but the period. */
export const withoutPeriod: Fragment = raw(`* EXCLUDE (${PERIOD})`);

/** `column BETWEEN from AND to` for a DATE column. */
export function inPeriod(column: Fragment, scope: ViewScope): Fragment {
	return sql`${column} BETWEEN ${periodStart(scope)} AND ${periodEnd(scope)}`;
}
