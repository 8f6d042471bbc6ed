import type { Db, Row } from '../db/types';
import { previousPeriod } from '../metrics/previous-period';
import { boundValues, dealFilter, hasFilter, type Filters, type Period } from '../model/filters';
import { slotNumber } from '../model/view-values';
import { raw, sql, type Sql } from '../sql/sql';

/**
 * The one statement that binds a view's values: its period and the period of the same length
 * just before (`previousPeriod`), and its filters, written into `view_values`
 * (model/view-values.ts) for the view's statements to read. The filters are kept as the filter
 * groups they keep (and the source filter's values, for spend), so a statement compares a deal's
 * group with a short list.
 */
export function viewValuesUpdate(view: Period, filters: Filters): Sql {
	const previous = previousPeriod(view);
	const groups = hasFilter(filters)
		? sql`(SELECT list(group_id) FROM deal_groups WHERE ${dealFilter(filters)})`
		: raw('NULL');
	const channels =
		filters.source === undefined
			? raw('NULL')
			: sql`string_split(CAST(${boundValues(filters.source)} AS VARCHAR), chr(31))[2:]`;
	const current = slotNumber('view');
	const update = sql`UPDATE view_values SET
		period_from = CASE slot WHEN ${current} THEN CAST(${view.from} AS DATE) ELSE CAST(${previous.from} AS DATE) END,
		period_to = CASE slot WHEN ${current} THEN CAST(${view.to} AS DATE) ELSE CAST(${previous.to} AS DATE) END,
		deal_groups = ${groups}, channels = ${channels}
		WHERE slot IN (${current}, ${slotNumber('previous')})`;
	return { text: update.text, params: update.params, keepsPlans: true };
}

/** The last view asked of each engine (by its catalog), settled or not. */
const lastView = new WeakMap<object, Promise<unknown>>();

/**
 * Build the statements of the view of `period` and `filters` (`build`) on a `Db` whose every
 * statement waits until the view's values are written; they are written once every statement of
 * the view asked before on the same engine has settled (`pending`), so no statement reads another
 * view's values.
 */
export function inView<P>(
	db: Db,
	{ period, filters }: { period: Period; filters: Filters },
	build: (db: Db) => P,
	pending: (parts: P) => readonly Promise<unknown>[]
): P {
	const engine = db.catalog ?? db;
	const update = viewValuesUpdate(period, filters);
	const written = (lastView.get(engine) ?? Promise.resolve()).then(() => db.query(update));
	const gated: Db = {
		catalog: db.catalog,
		query: <T extends Row = Row>(statement: Sql) => written.then(() => db.query<T>(statement)),
		registerFile: (name, source) => db.registerFile(name, source),
		dropFile: (path) => db.dropFile(path),
		close: () => db.close()
	};
	const parts = build(gated);
	lastView.set(engine, Promise.allSettled([written, ...pending(parts)]));
	return parts;
}
