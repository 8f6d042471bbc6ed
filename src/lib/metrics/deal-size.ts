import { sql, type Fragment } from '../sql/sql';
import { inPeriod } from '../model/filters';
import { filteredDeals, type MetricContext } from './context';

export interface DealSize {
	avg_deal_size: number | null;
	median_deal_size: number | null;
}

/** Mean and median amount of deals won in the period that have an amount. */
export function dealSizeQuery(ctx: MetricContext): Fragment {
	return sql`SELECT avg(amount) AS avg_deal_size, quantile_cont(amount, 0.5) AS median_deal_size
		FROM ${filteredDeals(ctx)}
		WHERE outcome = 'won' AND ${inPeriod(sql`closed`, ctx.period)} AND amount IS NOT NULL`;
}
