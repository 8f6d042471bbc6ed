import { raw, sql, type Fragment } from '../sql/sql';
import { inViewPeriod, viewPeriodEnd, withoutPeriod, withPeriod } from '../model/filters';
import { filteredDeals, type MetricContext } from './context';

export interface DealCounts {
	created: number;
	won: number;
	lost: number;
}

export interface DealSize {
	avg_deal_size: number | null;
	median_deal_size: number | null;
}

export interface SalesCycle {
	sales_cycle_days: number | null;
	median_sales_cycle_days: number | null;
	/** Won deals closed before they were created: left out, and warned about. */
	negative: number;
}

export interface Pipeline {
	open_deals: number;
	open_value: number;
	weighted_value: number | null;
}

/** The report's aggregates over deals: counts, deal size, sales cycle, open pipeline. */
export type KpiCells = DealCounts & DealSize & SalesCycle & Pipeline;

/**
 * The view's deals (`filteredDeals`), every column, and the period's sets each deal is in, as
 * columns `KPI_COLUMNS` filters on: each test is evaluated once per deal, not once per aggregate
 * that uses it.
 * - `created_in`: created in the period (the cohort);
 * - `won_in` / `lost_in`: won / lost with the close date in the period;
 * - `open_at_end`: open, created on or before the period's end (the open pipeline).
 * The period is read once per statement (`withPeriod`), not once per test.
 */
export function flaggedDeals(ctx: MetricContext): Fragment {
	const closedIn = inViewPeriod(sql`closed`);
	return sql`(SELECT ${withoutPeriod}, ${inViewPeriod(sql`created`)} AS created_in,
		outcome = 'won' AND ${closedIn} AS won_in,
		outcome = 'lost' AND ${closedIn} AS lost_in,
		outcome = 'open' AND created <= ${viewPeriodEnd} AS open_at_end
		FROM ${withPeriod(filteredDeals(ctx), ctx)})`;
}

/**
 * The counts, deal size and sales cycle of closed deals, with `won` and `lost` the tests that
 * pick them (the period's flags for the report, the outcome alone for a month of the series):
 * won and lost counts; mean and median amount of the won deals that have one; mean and median
 * `closed − created` days of the won deals, negatives left out.
 */
export function closedAggregates(won: Fragment, lost: Fragment): Fragment {
	return sql`count(*) FILTER (WHERE ${won})::DOUBLE AS won,
		count(*) FILTER (WHERE ${lost})::DOUBLE AS lost,
		avg(amount) FILTER (WHERE ${won}) AS avg_deal_size,
		quantile_cont(amount, 0.5) FILTER (WHERE ${won}) AS median_deal_size,
		avg(cycle_days) FILTER (WHERE ${won} AND cycle_days >= 0) AS sales_cycle_days,
		quantile_cont(cycle_days::DOUBLE, 0.5) FILTER (WHERE ${won} AND cycle_days >= 0)
			AS median_sales_cycle_days`;
}

/**
 * The KPI aggregates over deals with their period's flags (`flaggedDeals`): one scan gives them
 * all, and the breakdown groups the same aggregates by a dimension, so its totals row is the
 * report.
 * - counts: the cohort, won and lost in the period;
 * - deal size: mean and median amount of deals won in the period that have one;
 * - sales cycle: mean and median `closed − created` days of deals won in the period, negatives
 *   left out (and counted: `negative`);
 * - pipeline: the open deals, their amounts (a missing one counting 0) and the amounts weighted
 *   by probability (null when no open deal has one).
 */
export const KPI_COLUMNS: Fragment = sql`count(*) FILTER (WHERE created_in)::DOUBLE AS created,
		${closedAggregates(raw('won_in'), raw('lost_in'))},
		count(*) FILTER (WHERE won_in AND cycle_days < 0)::DOUBLE AS negative,
		count(*) FILTER (WHERE open_at_end)::DOUBLE AS open_deals,
		COALESCE(sum(COALESCE(amount, 0)) FILTER (WHERE open_at_end), 0) AS open_value,
		CASE WHEN count(probability) FILTER (WHERE open_at_end) = 0 THEN NULL
			ELSE sum(COALESCE(amount, 0) * COALESCE(probability, 0) / 100) FILTER (WHERE open_at_end)
		END AS weighted_value`;

/** One row of `KpiCells` for the view. */
export function kpiQuery(ctx: MetricContext): Fragment {
	return sql`SELECT ${KPI_COLUMNS}
		FROM ${flaggedDeals(ctx)}`;
}
