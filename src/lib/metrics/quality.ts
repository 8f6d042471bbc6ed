import { join, literal, raw, sql, type Fragment } from '../sql/sql';
import { groupFilter, inPeriod, periodEnd } from '../model/filters';
import type { Row } from '../sql/row';
import { filteredDeals, type MetricContext } from './context';
import { closedAggregates } from './kpis';

/**
 * Data-quality findings about the deals in view, beyond the load warnings:
 * - `skipped_stages`: a cohort deal's events jump over an open stage (from one open stage, or
 *   into won, past stages it has no event for; where the first event is does not count);
 * - `backward_moves`: a cohort deal entered a lower open stage after a higher one;
 * - `stale_open`: an open deal (in the pipeline at the period's end) older than twice the median
 *   sales cycle of the deals won in the period;
 * - `won_without_amount`: deals won in the period without an amount (left out of deal size);
 * - `closed_before_created`: deals closed in the period before they were created.
 * Filters apply; events are ordered as time in stage orders them.
 */
export const QUALITY_KINDS = [
	'skipped_stages',
	'backward_moves',
	'stale_open',
	'won_without_amount',
	'closed_before_created'
] as const;
export type QualityKind = (typeof QUALITY_KINDS)[number];

export interface QualityExample {
	id: string;
	/** The line of the deals file the deal was read from (null when not known). */
	line: number | null;
	/** What the finding is about for this deal (stages, dates, days), by name. */
	details: Record<string, string | number | boolean | null>;
}

export interface QualityFinding {
	kind: QualityKind;
	/** Deals with the finding. */
	count: number;
	/** Up to five of them, the earliest (or, for stale deals, the oldest) first. */
	examples: QualityExample[];
	/** `stale_open` only: twice the median sales cycle, null when no deal was won in the period. */
	threshold_days?: number | null;
}

const EXAMPLES = 5;
// A constant of ours, spliced: LIMIT takes no bound value in every DuckDB build.
const limit = raw(String(EXAMPLES));

function cohort(ctx: MetricContext): Fragment {
	return sql`(SELECT id, row FROM ${filteredDeals(ctx)} WHERE ${inPeriod(sql`created`, ctx)})`;
}

/**
 * The examples' order as a column `example_order` (1 = first) and as the ORDER BY that keeps the first
 * five: the findings of every kind are one statement, and a union keeps no order of its own.
 */
function ordered(order: Fragment): { ord: Fragment; orderBy: Fragment } {
	return {
		ord: sql`row_number() OVER (ORDER BY ${order}) AS example_order`,
		orderBy: sql`ORDER BY ${order} LIMIT ${limit}`
	};
}

/** First skip per deal: consecutive steps (open stages, won) more than one position apart. */
function skippedStagesQuery(ctx: MetricContext): Fragment {
	const { ord, orderBy } = ordered(sql`"at", id`);
	return sql`SELECT id, row, "from", "to", skipped, "at", count(*) OVER ()::DOUBLE AS n, ${ord}
		FROM stage_skips WHERE ${inPeriod(sql`created`, ctx)} AND ${groupFilter(ctx)}
		${orderBy}`;
}

/** First backward move per deal: an open-stage event below the highest open stage entered before. */
function backwardMovesQuery(ctx: MetricContext): Fragment {
	const { ord, orderBy } = ordered(sql`b."at", b.id`);
	return sql`SELECT b.id, c.row, b."from", b."to", b."at", count(*) OVER ()::DOUBLE AS n, ${ord}
		FROM backward_moves b JOIN ${cohort(ctx)} c USING (id) ${orderBy}`;
}

/**
 * Open deals older at the period's end than twice the median won cycle (the report's
 * `median_sales_cycle_days`, from the same aggregate): one row per example, or one row of nulls
 * but the threshold when there is none.
 */
function staleOpenQuery(ctx: MetricContext): Fragment {
	const age = sql`date_diff('day', created, med.period_end)`;
	const { ord, orderBy } = ordered(sql`age_days DESC, id`);
	return sql`WITH d AS NOT MATERIALIZED ${filteredDeals(ctx)},
		med AS (
			SELECT 2 * median_sales_cycle_days AS threshold_days, ${periodEnd(ctx)} AS period_end FROM (
				SELECT ${closedAggregates(raw(`outcome = 'won'`), raw(`outcome = 'lost'`))}
				FROM d WHERE outcome IN ('won', 'lost') AND ${inPeriod(sql`closed`, ctx)}
			)
		),
		stale AS (
			SELECT id, row, stage, created, ${age}::DOUBLE AS age_days, count(*) OVER ()::DOUBLE AS n,
				${ord}
			FROM d, med
			WHERE outcome = 'open' AND created <= med.period_end AND ${age} > med.threshold_days
			${orderBy}
		)
		SELECT med.threshold_days, stale.* FROM med LEFT JOIN stale ON true
		ORDER BY stale.age_days DESC, stale.id`;
}

function wonWithoutAmountQuery(ctx: MetricContext): Fragment {
	const { ord, orderBy } = ordered(sql`closed, id`);
	return sql`SELECT id, row, closed, count(*) OVER ()::DOUBLE AS n, ${ord} FROM ${filteredDeals(ctx)}
		WHERE outcome = 'won' AND ${inPeriod(sql`closed`, ctx)} AND amount IS NULL
		${orderBy}`;
}

function closedBeforeCreatedQuery(ctx: MetricContext): Fragment {
	const { ord, orderBy } = ordered(sql`closed, id`);
	return sql`SELECT id, row, CAST(outcome AS VARCHAR) AS outcome, created, closed,
			count(*) OVER ()::DOUBLE AS n, ${ord}
		FROM closed_early WHERE ${inPeriod(sql`closed`, ctx)} AND ${groupFilter(ctx)}
		${orderBy}`;
}

/** One query per kind; each returns up to five example rows, every one carrying the count `n`. */
export function qualityQueries(ctx: MetricContext): Record<QualityKind, Fragment> {
	return {
		skipped_stages: skippedStagesQuery(ctx),
		backward_moves: backwardMovesQuery(ctx),
		stale_open: staleOpenQuery(ctx),
		won_without_amount: wonWithoutAmountQuery(ctx),
		closed_before_created: closedBeforeCreatedQuery(ctx)
	};
}

/** The columns of each kind's examples that are its details. */
const DETAILS: Record<QualityKind, readonly string[]> = {
	skipped_stages: ['from', 'to', 'skipped', 'at'],
	backward_moves: ['from', 'to', 'at'],
	stale_open: ['stage', 'created', 'age_days'],
	won_without_amount: ['closed'],
	closed_before_created: ['outcome', 'created', 'closed']
};

/**
 * Every kind's query in one statement (a view asks them together): their rows under a `kind`
 * column, missing columns null (`UNION ALL BY NAME`), in kind and example order.
 */
export function qualityQuery(ctx: MetricContext): Fragment {
	const queries = qualityQueries(ctx);
	const parts = QUALITY_KINDS.map(
		(kind) => sql`SELECT ${literal(kind)} AS kind, * FROM (${queries[kind]})`
	);
	return sql`SELECT * FROM (${join(parts, ' UNION ALL BY NAME ')}) ORDER BY kind, example_order NULLS FIRST`;
}

/** One finding per kind (`QUALITY_KINDS` order) from `qualityQuery`'s rows. */
export function qualityFindings(
	rows: readonly Row[],
	options: { lineOf?: (row: number) => number } = {}
): QualityFinding[] {
	return QUALITY_KINDS.map((kind) => {
		const keep = ['id', 'row', 'n', 'threshold_days', ...DETAILS[kind]];
		const own = rows
			.filter((r) => r.kind === kind)
			.map((r) => Object.fromEntries(keep.filter((c) => c in r).map((c) => [c, r[c]])) as Row);
		return qualityFinding(kind, own, options);
	});
}

/**
 * A finding from its query's rows. `lineOf` turns a deals table `row` into a file line (the
 * deals file's preamble and header), when the deals came from a file.
 */
export function qualityFinding(
	kind: QualityKind,
	rows: readonly Row[],
	{ lineOf }: { lineOf?: (row: number) => number } = {}
): QualityFinding {
	const examples: QualityExample[] = rows
		.filter((r) => r.id !== null)
		.map((r) => {
			const { id, row, n: _n, threshold_days: _t, example_order: _o, ...details } = r;
			return {
				id: String(id),
				line: lineOf && typeof row === 'number' ? lineOf(row) : null,
				details
			};
		});
	const count = Number(rows.find((r) => r.id !== null)?.n ?? 0);
	const finding: QualityFinding = { kind, count, examples };
	if (kind === 'stale_open') {
		const t = rows[0]?.threshold_days;
		finding.threshold_days = typeof t === 'number' ? t : null;
	}
	return finding;
}
