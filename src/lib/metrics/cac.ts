import { sql, type Fragment } from '../sql/sql';
import { inPeriod, spendFilter } from '../model/filters';
import type { MetricContext } from './context';
import type { FunnelRow } from './funnel';

export interface CostPerStage {
	stage: string;
	cost: number | null;
}

/** Spend dated in the period (by channel when deals are filtered by source). */
export function spendQuery(ctx: MetricContext): Fragment {
	return sql`SELECT COALESCE(sum(amount), 0) AS spend FROM spend
		WHERE ${inPeriod(sql`date`, ctx.period)} AND ${spendFilter(ctx.filters)}`;
}

/** `spend / won`; null without spend or without a won deal. */
export function cac(spend: number | null, won: number): number | null {
	return spend === null || won === 0 ? null : spend / won;
}

/** `spend / reached` for every funnel row. */
export function costPerStage(
	spend: number | null,
	funnel: readonly FunnelRow[]
): CostPerStage[] | null {
	if (spend === null) return null;
	return funnel.map((row) => ({
		stage: row.stage,
		cost: row.reached === 0 ? null : spend / row.reached
	}));
}
