import { int, sql, type Fragment } from '../sql/sql';
import { inPeriod } from '../model/filters';
import { filteredDeals, type MetricContext } from './context';
import { funnelRows, type FunnelRow } from './funnel';

/**
 * How a funnel counts. `cohort` (METRICS.md, the default): deals created in the period by the
 * furthest stage they reached. `snapshot`: deals that entered each stage during the period.
 */
export type FunnelMode = 'cohort' | 'snapshot';

export interface FunnelView {
	mode: FunnelMode;
	rows: FunnelRow[];
}

/**
 * Snapshot counting: per open stage, the distinct deals with an event entering it dated in the
 * period (skipped stages are not filled in: this counts activity, not progress); the `won` row is
 * the deals won in the period. Ratios as the cohort funnel's.
 */
export function snapshotFunnelQuery(ctx: MetricContext): Fragment {
	const k = ctx.stages.length;
	return sql`WITH d AS NOT MATERIALIZED ${filteredDeals(ctx)},
		entered AS (
			SELECT e.id, e.idx AS i FROM stage_events e JOIN d USING (id)
			WHERE e.idx IS NOT NULL AND ${inPeriod(sql`CAST(e."at" AS DATE)`, ctx)}
			UNION ALL
			SELECT id, CAST(${int(k + 1)} AS INTEGER) AS i FROM d WHERE outcome = 'won' AND ${inPeriod(sql`closed`, ctx)}
		)
		SELECT s.i::INTEGER AS i, count(DISTINCT x.id)::DOUBLE AS reached
		FROM range(1, CAST(${int(k + 2)} AS INTEGER)) s(i)
		LEFT JOIN entered x ON x.i = s.i
		GROUP BY s.i ORDER BY s.i`;
}

/** The snapshot funnel labelled as such. */
export function snapshotFunnel(
	stages: readonly string[],
	rows: readonly { i: number; reached: number }[]
): FunnelView {
	const reached = [...stages, 'won'].map((_, i) => rows.find((r) => r.i === i + 1)?.reached ?? 0);
	return { mode: 'snapshot', rows: funnelRows(stages, reached) };
}
