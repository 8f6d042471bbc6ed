import { raw, sql, type Fragment } from '../sql/sql';
import { groupFilter, inPeriod } from '../model/filters';
import type { Row } from '../db/types';
import { filteredDeals, type MetricContext } from './context';

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
	return sql`(SELECT id, row FROM ${filteredDeals(ctx)} WHERE ${inPeriod(sql`created`, ctx.period)})`;
}

/** First skip per deal: consecutive steps (open stages, won) more than one position apart. */
function skippedStagesQuery(ctx: MetricContext): Fragment {
	return sql`SELECT id, row, "from", "to", skipped, "at", count(*) OVER ()::DOUBLE AS n
		FROM stage_skips WHERE ${inPeriod(sql`created`, ctx.period)} AND ${groupFilter(ctx.filters)}
		ORDER BY "at", id LIMIT ${limit}`;
}

/** First backward move per deal: an open-stage event below the highest open stage entered before. */
function backwardMovesQuery(ctx: MetricContext): Fragment {
	return sql`SELECT b.id, c.row, b."from", b."to", b."at", count(*) OVER ()::DOUBLE AS n
		FROM backward_moves b JOIN ${cohort(ctx)} c USING (id) ORDER BY b."at", b.id LIMIT ${limit}`;
}

/**
 * Open deals older at the period's end than twice the median won cycle (the report's
 * `median_sales_cycle_days`, given): one row per example, or one row of nulls but the threshold
 * when there is none.
 */
function staleOpenQuery(ctx: MetricContext, medianCycleDays: number | null): Fragment {
	const p = ctx.period;
	const age = sql`date_diff('day', created, CAST(${p.to} AS DATE))`;
	const threshold = medianCycleDays === null ? null : 2 * medianCycleDays;
	return sql`WITH med AS (SELECT CAST(${threshold} AS DOUBLE) AS threshold_days),
		stale AS (
			SELECT id, row, stage, created, ${age}::DOUBLE AS age_days, count(*) OVER ()::DOUBLE AS n
			FROM ${filteredDeals(ctx)}, med
			WHERE outcome = 'open' AND created <= CAST(${p.to} AS DATE) AND ${age} > med.threshold_days
			ORDER BY age_days DESC, id LIMIT ${limit}
		)
		SELECT med.threshold_days, stale.* FROM med LEFT JOIN stale ON true
		ORDER BY stale.age_days DESC, stale.id`;
}

function wonWithoutAmountQuery(ctx: MetricContext): Fragment {
	return sql`SELECT id, row, closed, count(*) OVER ()::DOUBLE AS n FROM ${filteredDeals(ctx)}
		WHERE outcome = 'won' AND ${inPeriod(sql`closed`, ctx.period)} AND amount IS NULL
		ORDER BY closed, id LIMIT ${limit}`;
}

function closedBeforeCreatedQuery(ctx: MetricContext): Fragment {
	return sql`SELECT id, row, CAST(outcome AS VARCHAR) AS outcome, created, closed,
			count(*) OVER ()::DOUBLE AS n
		FROM closed_early WHERE ${inPeriod(sql`closed`, ctx.period)} AND ${groupFilter(ctx.filters)}
		ORDER BY closed, id LIMIT ${limit}`;
}

/**
 * One query per kind; each returns up to five example rows, every one carrying the count `n`.
 * `medianCycleDays` is the view's median sales cycle (the report's), which sets what is stale.
 */
export function qualityQueries(
	ctx: MetricContext,
	medianCycleDays: number | null
): Record<QualityKind, Fragment> {
	return {
		skipped_stages: skippedStagesQuery(ctx),
		backward_moves: backwardMovesQuery(ctx),
		stale_open: staleOpenQuery(ctx, medianCycleDays),
		won_without_amount: wonWithoutAmountQuery(ctx),
		closed_before_created: closedBeforeCreatedQuery(ctx)
	};
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
			const { id, row, n: _n, threshold_days: _t, ...details } = r;
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
