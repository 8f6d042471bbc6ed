import { int, raw, sql, type Fragment } from '../sql/sql';

/**
 * `view_values`: the period and filters of the view being drawn, one row per period (`slot`),
 * written by one UPDATE with bound values before a view's statements run
 * (`engine/view-values.ts`). The statements read them from there instead of binding them.
 *
 * Why: DuckDB (1.4) plans a prepared statement again on every run when it binds a value anywhere
 * but its SELECT list, so a view of bound statements was parsed once but planned on every
 * click. A statement that reads its values from a table binds none, and its prepared plan runs
 * as it is; an UPDATE changes no catalog entry, so no plan is invalidated.
 */
export const VIEW_SLOTS = {
	/** The view's period. */
	view: 0,
	/** The period of the same length just before (the KPI cards' change). */
	previous: 1
} as const;
export type ViewSlot = keyof typeof VIEW_SLOTS;

/** The number of a slot's row. */
export function slotNumber(slot: ViewSlot): Fragment {
	return int(VIEW_SLOTS[slot]);
}

/** A column of a slot's row: a scalar subquery, one value. */
export function viewValue(slot: ViewSlot, column: ViewColumn): Fragment {
	return sql`(SELECT ${raw(column)} FROM view_values WHERE slot = ${slotNumber(slot)})`;
}

/**
 * A slot's period as one value, `STRUCT(period_from DATE, period_to DATE)`: one subquery where a
 * statement tests several dates against the period (`withPeriod`). Each scalar subquery is a
 * relation the planner joins in and orders with the rest: with the period named once per test,
 * a view's statements took ~3 × as long to plan.
 */
export function viewPeriod(slot: ViewSlot): Fragment {
	return sql`(SELECT {'period_from': period_from, 'period_to': period_to} FROM view_values WHERE slot = ${slotNumber(slot)})`;
}

export type ViewColumn =
	/** DATE, the period's first day. */
	| 'period_from'
	/** DATE, its last day. */
	| 'period_to'
	/** INTEGER[], the filter groups (`deal_groups`) the filters keep; read only when a deal is filtered. */
	| 'deal_groups'
	/** VARCHAR[], the source filter's values, escaped as `boundValues` escapes them; read only with one. */
	| 'channels';

/**
 * The table, made with a load's tables. DuckDB's optimizer folds a comparison it can decide from
 * a table's statistics (a join on a period after every date proves empty), and a kept plan
 * would keep that answer after the row changes. So before its rows go in, the table holds the
 * widest values each column can take and a row of nulls, deleted again: statistics only ever
 * widen, so no plan can rely on the values of one view.
 */
export const createViewValues: readonly Fragment[] = [
	raw(`CREATE OR REPLACE TABLE view_values (
		slot INTEGER, period_from DATE, period_to DATE, deal_groups INTEGER[], channels VARCHAR[])`),
	raw(`INSERT INTO view_values VALUES
		(-1, DATE '-infinity', DATE 'infinity', [-2147483648, 2147483647], ['', chr(1114111)]),
		(-2, NULL, NULL, NULL, NULL)`),
	raw(`DELETE FROM view_values`),
	raw(
		`INSERT INTO view_values (slot) VALUES ${Object.values(VIEW_SLOTS)
			.map((slot) => `(${slot})`)
			.join(', ')}`
	)
];
