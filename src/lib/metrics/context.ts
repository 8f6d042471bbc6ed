import { int, sql, type Fragment } from '../sql/sql';
import { groupFilter, type ViewScope } from '../model/filters';

/**
 * What every metric query is a function of: the period, the filters (and where the statement
 * reads them, `slot`) and the stage list.
 */
export interface MetricContext extends ViewScope {
	/** Open stages S1 … Sk in order. */
	stages: readonly string[];
}

/**
 * Deals after the filters (METRICS.md §2: filters apply before anything is counted). A won deal's
 * furthest stage is the view's k+1: with per-pipeline stage orders (model/pipeline-view.ts) the
 * view's k is its pipeline's, or the longest order of the pipelines in view. As a CTE named more
 * than once, write it `AS NOT MATERIALIZED`: DuckDB would first copy every column of every deal.
 */
export function filteredDeals(ctx: MetricContext): Fragment {
	const won = ctx.stages.length + 1;
	return sql`(SELECT * REPLACE (CASE WHEN outcome = 'won' THEN CAST(${int(won)} AS INTEGER) ELSE furthest END AS furthest)
		FROM deal_facts WHERE ${groupFilter(ctx)})`;
}
