import { int, sql, type Fragment } from '../sql/sql';
import { inPeriod } from '../model/filters';
import { filteredDeals, type MetricContext } from './context';

export interface FunnelRow {
	stage: string;
	reached: number;
	from_previous: number | null;
	from_first: number | null;
}

/**
 * Cohort deals whose furthest stage is at least i, for i = 1 … k, then k+1 (won, whenever).
 * One row per i, zero-filled.
 */
export function funnelQuery(ctx: MetricContext): Fragment {
	const k = ctx.stages.length;
	// Deals counted per furthest stage first: k + 1 sums of a few rows, not a join of every deal.
	return sql`WITH per AS (
			SELECT furthest, count(*) AS n FROM ${filteredDeals(ctx)} WHERE ${inPeriod(sql`created`, ctx)}
			GROUP BY furthest
		)
		SELECT s.i::INTEGER AS i, COALESCE(sum(per.n), 0)::DOUBLE AS reached
		FROM range(1, CAST(${int(k + 2)} AS INTEGER)) s(i) LEFT JOIN per ON per.furthest >= s.i
		GROUP BY s.i ORDER BY s.i`;
}

function ratio(a: number, b: number | undefined): number | null {
	return b === undefined || b === 0 ? null : a / b;
}

/** Label the counts and add `% of previous` and `% of first`. */
export function funnelRows(stages: readonly string[], reached: readonly number[]): FunnelRow[] {
	const labels = [...stages, 'won'];
	return labels.map((stage, i) => ({
		stage,
		reached: reached[i] ?? 0,
		from_previous: i === 0 ? null : ratio(reached[i] ?? 0, reached[i - 1]),
		from_first: ratio(reached[i] ?? 0, reached[0])
	}));
}
