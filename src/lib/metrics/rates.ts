import type { DealCounts, DealSize, SalesCycle } from './kpis';
import { salesVelocity } from './velocity';
import { winRate } from './win-rate';

/** The closed-deal rates a view shows beside its counts: the report's, a breakdown row's, a month's. */
export interface Rates {
	win_rate: number | null;
	avg_deal_size: number | null;
	median_deal_size: number | null;
	sales_cycle_days: number | null;
	median_sales_cycle_days: number | null;
	sales_velocity_per_day: number | null;
}

/** The rates of a set of deals from its counts and aggregates: win rate and velocity derived here. */
export function rates(cells: DealCounts & DealSize & Omit<SalesCycle, 'negative'>): Rates {
	const rate = winRate(cells.won, cells.lost);
	return {
		win_rate: rate,
		avg_deal_size: cells.avg_deal_size,
		median_deal_size: cells.median_deal_size,
		sales_cycle_days: cells.sales_cycle_days,
		median_sales_cycle_days: cells.median_sales_cycle_days,
		sales_velocity_per_day: salesVelocity(
			cells.created,
			rate,
			cells.avg_deal_size,
			cells.sales_cycle_days
		)
	};
}
