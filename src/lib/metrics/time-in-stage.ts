import { sql, type Fragment } from '../sql/sql';
import { inPeriod } from '../model/filters';
import { filteredDeals, type MetricContext } from './context';

export interface TimeInStage {
	stage: string;
	n: number;
	mean_days: number | null;
	median_days: number | null;
}

/**
 * Stays in each open stage, over the cohort's events sorted by time (ties in stage order, closed
 * and unknown stages last). A stay lasts until the deal's next event; the last event of a closed
 * deal lasts until `closed` at 00:00; an open deal's current stay and negative stays are not counted.
 */
export function timeInStageQuery(ctx: MetricContext): Fragment {
	const k = ctx.stages.length;
	return sql`WITH cohort AS (
			SELECT id, outcome, closed FROM ${filteredDeals(ctx)} WHERE ${inPeriod(sql`created`, ctx.period)}
		),
		ordered AS (
			SELECT e.idx, e."at", c.outcome, c.closed,
				lead(e."at") OVER (PARTITION BY e.id ORDER BY e."at", e.ord, e.stage) AS next_at
			FROM stage_events e JOIN cohort c USING (id)
		),
		stays AS (
			SELECT idx,
				(epoch(COALESCE(next_at, CASE WHEN outcome <> 'open' THEN CAST(closed AS TIMESTAMP) END)) - epoch("at")) / 86400.0 AS days
			FROM ordered WHERE idx IS NOT NULL
		)
		SELECT s.i::INTEGER AS i, count(st.days)::DOUBLE AS n, avg(st.days) AS mean_days,
			quantile_cont(st.days, 0.5) AS median_days
		FROM range(1, CAST(${k + 1} AS INTEGER)) s(i)
		LEFT JOIN stays st ON st.idx = s.i AND st.days >= 0
		GROUP BY s.i ORDER BY s.i`;
}

/** Is there any stage event at all? Without one, time in stage is null. */
export const hasEventsQuery: Fragment = sql`SELECT count(*)::DOUBLE AS n FROM stage_events`;
