import { int, sql, type Fragment } from '../sql/sql';
import { groupFilter, inPeriod } from '../model/filters';
import type { MetricContext } from './context';

export interface TimeInStage {
	stage: string;
	n: number;
	mean_days: number | null;
	median_days: number | null;
}

/**
 * Every counted stay `(idx, days)` in an open stage of the cohort's deals (the `stays` table). A
 * stay lasts until the deal's next event; the last event of a closed deal lasts until `closed` at
 * 00:00; an open deal's current stay and negative stays are not counted. Time in stage and the
 * stage duration distributions both aggregate this, so they count the same stays.
 */
export function staysQuery(ctx: MetricContext): Fragment {
	return sql`SELECT idx, days FROM stays
		WHERE ${inPeriod(sql`created`, ctx)} AND ${groupFilter(ctx)}`;
}

/** Count, mean and median of the stays in each open stage S1 … Sk (zero-filled). */
export function timeInStageQuery(ctx: MetricContext): Fragment {
	const k = ctx.stages.length;
	return sql`SELECT s.i::INTEGER AS i, count(st.days)::DOUBLE AS n, avg(st.days) AS mean_days,
			quantile_cont(st.days, 0.5) AS median_days
		FROM range(1, CAST(${int(k + 1)} AS INTEGER)) s(i)
		LEFT JOIN (${staysQuery(ctx)}) st ON st.idx = s.i
		GROUP BY s.i ORDER BY s.i`;
}
