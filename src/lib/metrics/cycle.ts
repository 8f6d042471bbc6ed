import { sql, type Fragment } from '../sql/sql';
import { inPeriod } from '../model/filters';
import { filteredDeals, type MetricContext } from './context';

export interface SalesCycle {
	sales_cycle_days: number | null;
	median_sales_cycle_days: number | null;
	/** Won deals closed before they were created: left out, and warned about. */
	negative: number;
}

/** Mean and median of `closed − created` days over deals won in the period, negatives left out. */
export function cycleQuery(ctx: MetricContext): Fragment {
	return sql`SELECT
		avg(cycle_days) FILTER (WHERE cycle_days >= 0) AS sales_cycle_days,
		quantile_cont(cycle_days::DOUBLE, 0.5) FILTER (WHERE cycle_days >= 0) AS median_sales_cycle_days,
		count(*) FILTER (WHERE cycle_days < 0)::DOUBLE AS negative
		FROM ${filteredDeals(ctx)}
		WHERE outcome = 'won' AND ${inPeriod(sql`closed`, ctx.period)}`;
}
