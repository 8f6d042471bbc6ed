import { sql, type Fragment } from '../sql/sql';
import { filteredDeals, type MetricContext } from './context';

export interface Pipeline {
	open_deals: number;
	open_value: number;
	weighted_value: number | null;
}

/** Open deals created on or before the period's end (all of them, not only the cohort). */
export function pipelineQuery(ctx: MetricContext): Fragment {
	return sql`SELECT count(*)::DOUBLE AS open_deals,
		COALESCE(sum(COALESCE(amount, 0)), 0) AS open_value,
		CASE WHEN count(probability) = 0 THEN NULL
			ELSE sum(COALESCE(amount, 0) * COALESCE(probability, 0) / 100) END AS weighted_value
		FROM ${filteredDeals(ctx)}
		WHERE outcome = 'open' AND created <= CAST(${ctx.period.to} AS DATE)`;
}
