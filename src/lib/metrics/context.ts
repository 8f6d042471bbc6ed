import { sql, type Fragment } from '../sql/sql';
import { dealFilter, type Filters, type Period } from '../model/filters';

/** What every metric query is a function of: the period, the filters and the stage list. */
export interface MetricContext {
	period: Period;
	filters: Filters;
	/** Open stages S1 … Sk in order. */
	stages: readonly string[];
}

/** Deals after the filters (METRICS.md §2: filters apply before anything is counted). */
export function filteredDeals(ctx: MetricContext): Fragment {
	return sql`(SELECT * FROM deal_facts WHERE ${dealFilter(ctx.filters)})`;
}
