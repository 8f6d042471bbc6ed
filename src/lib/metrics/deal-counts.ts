import { sql, type Fragment } from '../sql/sql';
import { inPeriod } from '../model/filters';
import { filteredDeals, type MetricContext } from './context';

export interface DealCounts {
	created: number;
	won: number;
	lost: number;
}

/** Cohort size (created in the period) and won / lost among deals closed in the period. */
export function dealCountsQuery(ctx: MetricContext): Fragment {
	const closed = inPeriod(sql`closed`, ctx.period);
	return sql`SELECT
		count(*) FILTER (WHERE ${inPeriod(sql`created`, ctx.period)})::DOUBLE AS created,
		count(*) FILTER (WHERE outcome = 'won' AND ${closed})::DOUBLE AS won,
		count(*) FILTER (WHERE outcome = 'lost' AND ${closed})::DOUBLE AS lost
		FROM ${filteredDeals(ctx)}`;
}
