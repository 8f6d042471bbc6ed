import { ident, join, literal, raw, sql, type Fragment } from '../sql/sql';
import { DIMENSIONS, type Dimension } from '../model/config';
import { inPeriod, periodEnd } from '../model/filters';
import type { MetricContext } from './context';
import { flaggedDeals } from './kpis';
import { NO_REASON } from './lost-and-forecast';
import { QUALITY_KINDS, type QualityKind } from './quality';
import type { FunnelMode } from './snapshot-funnel';

/** The sets of deals a count of the KPI cards and of a breakdown row is the size of. */
export const DEAL_SETS = ['created', 'won', 'lost', 'open'] as const;
export type DealSet = (typeof DEAL_SETS)[number];

/**
 * A number of the dashboard whose deals can be listed (METRICS.md "Drill-down"): `step` is a
 * funnel position, 1 … k for the open stages and k+1 for won; `month` is `YYYY-MM`.
 */
export type DrillTarget =
	| { kind: 'funnel'; mode: FunnelMode; step: number }
	| { kind: 'cohort'; month: string; step: number }
	| { kind: 'kpi'; set: DealSet }
	| { kind: 'breakdown'; dimension: Dimension; value: string; set: DealSet }
	| { kind: 'reason'; reason: string }
	| { kind: 'lost-stage'; step: number }
	| { kind: 'forecast'; month: string | null }
	| { kind: 'quality'; finding: QualityKind };

/** The columns a list can be sorted by: a fixed list, the choice bound as a value. */
export const DRILL_SORTS = [
	'id',
	'owner',
	'stage',
	'amount',
	'created',
	'close',
	'outcome'
] as const;
export type DrillSort = (typeof DRILL_SORTS)[number];

export interface DrillOrder {
	by: DrillSort;
	descending: boolean;
}

/** The order a list opens in: the largest deals first. */
export const DEFAULT_ORDER: DrillOrder = { by: 'amount', descending: true };

/** One listed deal. `closed` for won and lost deals, `expected_close` for open ones. */
export interface DrillDeal {
	id: string;
	/** The deal's name where the export has a name column, else null. */
	name: string | null;
	owner: string;
	stage: string;
	amount: number | null;
	created: string;
	closed: string | null;
	expected_close: string | null;
	outcome: 'won' | 'lost' | 'open';
}

/** Where the deals' names are: the deals file's raw table and its name column. */
export interface NameColumn {
	table: string;
	column: string;
}

/** A set's test over the flags of `flaggedDeals`, the set's name bound. */
function inSet(set: DealSet): Fragment {
	return sql`CASE CAST(${set} AS VARCHAR) WHEN 'created' THEN created_in WHEN 'won' THEN won_in
		WHEN 'lost' THEN lost_in WHEN 'open' THEN open_at_end ELSE false END`;
}

/** The value of the dimension named by a bound text (one text for any dimension). */
function dimensionValue(dimension: Dimension): Fragment {
	const cases = join(
		DIMENSIONS.map((d) => sql`WHEN ${raw(`'${d}'`)} THEN ${ident(d)}`),
		' '
	);
	return sql`CASE CAST(${dimension} AS VARCHAR) ${cases} END`;
}

/**
 * Deals entering open stage `step` during the period, or won in it for step k+1: the snapshot
 * funnel's count (snapshot-funnel.ts).
 */
function enteredInPeriod(ctx: MetricContext, step: number): Fragment {
	const won = ctx.stages.length + 1;
	return sql`CASE WHEN CAST(${step} AS INTEGER) = CAST(${won} AS INTEGER) THEN won_in
		ELSE id IN (SELECT id FROM stage_events
			WHERE idx = CAST(${step} AS INTEGER) AND ${inPeriod(sql`CAST("at" AS DATE)`, ctx)}) END`;
}

/** Open deals at the period's end older than twice the median cycle of the deals won in it. */
function staleOpen(ctx: MetricContext): Fragment {
	return sql`open_at_end AND date_diff('day', created, ${periodEnd(ctx)}) > 2 * (
		SELECT quantile_cont(cycle_days::DOUBLE, 0.5) FROM d WHERE won_in AND cycle_days >= 0)`;
}

/** The deals a finding counts (quality.ts), over `d`. */
function qualityTest(ctx: MetricContext, finding: QualityKind): Fragment {
	switch (finding) {
		case 'skipped_stages':
			return sql`created_in AND id IN (SELECT id FROM stage_skips)`;
		case 'backward_moves':
			return sql`created_in AND id IN (SELECT id FROM backward_moves)`;
		case 'stale_open':
			return staleOpen(ctx);
		case 'won_without_amount':
			return sql`won_in AND amount IS NULL`;
		case 'closed_before_created':
			return sql`(won_in OR lost_in) AND closed < created`;
	}
}

/**
 * The test picking the deals behind `target` over `d` (the view's deals with their flags,
 * `flaggedDeals`): the same sets the metrics count (METRICS.md §3). Values are bound, so the
 * text of a kind is the same whatever its values, the period and the filter values.
 */
export function drillTest(ctx: MetricContext, target: DrillTarget): Fragment {
	switch (target.kind) {
		case 'funnel':
			return target.mode === 'snapshot'
				? enteredInPeriod(ctx, target.step)
				: sql`created_in AND furthest >= CAST(${target.step} AS INTEGER)`;
		case 'cohort':
			return sql`created_in AND strftime(created, '%Y-%m') = CAST(${target.month} AS VARCHAR)
				AND furthest >= CAST(${target.step} AS INTEGER)`;
		case 'kpi':
			return inSet(target.set);
		case 'breakdown':
			return sql`${inSet(target.set)} AND ${dimensionValue(target.dimension)} = CAST(${target.value} AS VARCHAR)`;
		case 'reason':
			return sql`lost_in AND COALESCE(lost_reason, ${literal(NO_REASON)}) = CAST(${target.reason} AS VARCHAR)`;
		case 'lost-stage':
			return sql`lost_in AND furthest = CAST(${target.step} AS INTEGER)`;
		case 'forecast':
			// No date is bound as '' (a null would change the statement's text).
			return sql`open_at_end AND COALESCE(strftime(expected_close, '%Y-%m'), '') = CAST(${target.month ?? ''} AS VARCHAR)`;
		case 'quality':
			return qualityTest(ctx, target.finding);
	}
}

/** The selected deals as `sel`: the view's deals and their period flags, then the test. */
function selected(ctx: MetricContext, target: DrillTarget): Fragment {
	return sql`d AS NOT MATERIALIZED (SELECT * FROM ${flaggedDeals(ctx)}),
		sel AS (SELECT * FROM d WHERE ${drillTest(ctx, target)})`;
}

/** How many deals `target` lists: the number clicked. */
export function drillCountQuery(ctx: MetricContext, target: DrillTarget): Fragment {
	return sql`WITH ${selected(ctx, target)} SELECT count(*)::DOUBLE AS n FROM sel`;
}

/**
 * One page of the deals behind `target`: `limit` rows from `offset`, in `order` (the column
 * chosen from `DRILL_SORTS` and the direction bound, then the id), with each deal's name read
 * from the deals file's row when there is a name column. Only the page's rows are read whole.
 */
export function drillPageQuery(
	ctx: MetricContext,
	target: DrillTarget,
	order: DrillOrder,
	page: { limit: number; offset: number },
	names: NameColumn | null
): Fragment {
	const by = DRILL_SORTS.includes(order.by) ? order.by : DEFAULT_ORDER.by;
	const name = names
		? sql`(SELECT NULLIF(trim(CAST(r.${ident(names.column)} AS VARCHAR)), '') FROM ${ident(names.table)} r
			WHERE r.__row = p.row)`
		: raw('CAST(NULL AS VARCHAR)');
	return sql`WITH ${selected(ctx, target)},
		o AS (SELECT CAST(${by} AS VARCHAR) AS sort, CAST(${order.descending} AS BOOLEAN) AS descending),
		p AS (
			SELECT row, id, owner, stage, amount, created, closed, expected_close,
				CAST(outcome AS VARCHAR) AS outcome, o.descending AS k_desc,
				CASE o.sort WHEN 'id' THEN id WHEN 'owner' THEN owner WHEN 'stage' THEN stage
					WHEN 'outcome' THEN CAST(outcome AS VARCHAR) END AS k_text,
				CASE o.sort WHEN 'amount' THEN amount END AS k_number,
				CASE o.sort WHEN 'created' THEN created WHEN 'close' THEN COALESCE(closed, expected_close) END AS k_date
			FROM sel, o
			ORDER BY ${SORT_KEYS}
			LIMIT CAST(${page.limit} AS BIGINT) OFFSET CAST(${page.offset} AS BIGINT)
		)
		SELECT p.id, ${name} AS name, p.owner, p.stage, p.amount, p.created, p.closed,
			p.expected_close, p.outcome
		FROM p ORDER BY ${SORT_KEYS}`;
}

/** The order of a page by its sort keys (`k_text`, `k_number`, `k_date`, one set), then the id. */
const SORT_KEYS = raw(
	['k_text', 'k_number', 'k_date']
		.map(
			(k) =>
				`CASE WHEN k_desc THEN ${k} END DESC NULLS LAST, CASE WHEN NOT k_desc THEN ${k} END ASC NULLS LAST`
		)
		.join(', ') + ', id'
);

/** Whether a text names one of the quality findings. */
export function isQualityKind(text: string): text is QualityKind {
	return (QUALITY_KINDS as readonly string[]).includes(text);
}
