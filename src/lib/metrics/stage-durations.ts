import { int, sql, type Fragment } from '../sql/sql';
import type { MetricContext } from './context';
import { staysQuery } from './time-in-stage';

/**
 * The distribution of stay lengths (days) in one open stage, for a box plot: the box from p25 to
 * p75 with the median, whiskers at p5 and p95. Every statistic is null when `n` is 0.
 */
export interface StageDuration {
	stage: string;
	n: number;
	min: number | null;
	p5: number | null;
	p25: number | null;
	median: number | null;
	p75: number | null;
	p95: number | null;
	max: number | null;
	mean: number | null;
}

/** The query's row for open stage `i` (1-based). */
export type StageDurationCells = Omit<StageDuration, 'stage'> & { i: number };

/**
 * Per open stage S1 … Sk that has stays (`stageDurations` fills the others with zeros), the stays
 * time in stage counts (METRICS.md `time_in_stage`), summarised with continuous quantiles (the
 * median is time in stage's). The five quantiles are one aggregate over one copy of the values
 * (five would each collect them), and the zero-filling is left to `stageDurations`.
 */
export function stageDurationsQuery(ctx: MetricContext): Fragment {
	const k = ctx.stages.length;
	return sql`SELECT i, n, min, q[1] AS p5, q[2] AS p25, q[3] AS median, q[4] AS p75, q[5] AS p95,
			max, mean
		FROM (
			SELECT idx::INTEGER AS i, count(days)::DOUBLE AS n, min(days) AS min,
				quantile_cont(days, [0.05, 0.25, 0.5, 0.75, 0.95]) AS q, max(days) AS max,
				avg(days) AS mean
			FROM (${staysQuery(ctx)}) WHERE idx BETWEEN 1 AND CAST(${int(k)} AS INTEGER)
			GROUP BY idx
		) ORDER BY i`;
}

/** Label the query's rows (one per open stage, in order) with the stage names. */
export function stageDurations(
	stages: readonly string[],
	rows: readonly StageDurationCells[]
): StageDuration[] {
	return stages.map((stage, i) => {
		const row = rows.find((r) => r.i === i + 1);
		return {
			stage,
			n: row?.n ?? 0,
			min: row?.min ?? null,
			p5: row?.p5 ?? null,
			p25: row?.p25 ?? null,
			median: row?.median ?? null,
			p75: row?.p75 ?? null,
			p95: row?.p95 ?? null,
			max: row?.max ?? null,
			mean: row?.mean ?? null
		};
	});
}
