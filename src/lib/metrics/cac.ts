import { sql, type Fragment } from '../sql/sql';
import { inPeriod, spendFilter } from '../model/filters';
import type { MetricContext } from './context';
import type { FunnelRow } from './funnel';

export interface CostPerStage {
	stage: string;
	cost: number | null;
}

/**
 * The spend rows a view counts, as a condition on `spend`: dated in the period, and by channel
 * when deals are filtered by source (METRICS.md §2). Every spend figure sums these rows.
 */
export function spendInView(ctx: MetricContext): Fragment {
	return sql`${inPeriod(sql`date`, ctx)} AND ${spendFilter(ctx)}`;
}

/** Spend in the view (`spendInView`), one number, and how many spend rows it sums. */
export function spendQuery(ctx: MetricContext): Fragment {
	return sql`SELECT COALESCE(sum(amount), 0) AS spend, count(*)::DOUBLE AS spend_rows
		FROM spend WHERE ${spendInView(ctx)}`;
}

/**
 * `spend / won`; null without spend, when the view counts no spend row (`rows` 0: a period or
 * a source filter with no spend, where 0 would read as free deals), or without a won deal.
 */
export function cac(spend: number | null, won: number, rows?: number): number | null {
	return spend === null || rows === 0 || won === 0 ? null : spend / won;
}

/** `spend / reached` for every funnel row (each null when the view counts no spend row). */
export function costPerStage(
	spend: number | null,
	funnel: readonly FunnelRow[],
	rows?: number
): CostPerStage[] | null {
	if (spend === null) return null;
	return funnel.map((row) => ({
		stage: row.stage,
		cost: row.reached === 0 || rows === 0 ? null : spend / row.reached
	}));
}
