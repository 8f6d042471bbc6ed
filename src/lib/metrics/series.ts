import { raw, sql, type Fragment } from '../sql/sql';
import { inPeriod } from '../model/filters';
import { cac, spendInView } from './cac';
import { cohortRows, type CohortCell } from './cohort-matrix';
import { filteredDeals, type MetricContext } from './context';
import { closedAggregates } from './kpis';
import { monthOf, monthsOf, monthsTable, type Month } from './months';
import { rates, type Rates } from './rates';

/**
 * One calendar month of the period (clipped to it). Cohort metrics count deals created in the
 * month, closed metrics deals closed in it, spend the rows dated in it; the pipeline is open deals
 * created on or before the month's last day (METRICS.md `pipeline` with `to` = that day).
 */
export interface SeriesRow extends Month, Rates {
	created: number;
	/** Funnel `reached` of the month's cohort: S1 … Sk, then won (whenever). */
	reached: number[];
	won: number;
	lost: number;
	/** Null without a spend table. */
	spend: number | null;
	cac: number | null;
	open_deals: number;
	open_value: number;
	weighted_value: number | null;
}

export interface Series {
	/** Labels of `reached`: S1 … Sk, then `won`. */
	stages: string[];
	months: SeriesRow[];
}

/** The scalar columns the series query returns per month. */
export interface SeriesCells {
	month: string;
	won: number;
	lost: number;
	avg_deal_size: number | null;
	median_deal_size: number | null;
	sales_cycle_days: number | null;
	median_sales_cycle_days: number | null;
	spend: number;
	/** Spend rows the month's spend sums (none: its CAC is null, see `cac`). */
	spend_rows: number;
	open_deals: number;
	open_value: number;
	weighted_value: number | null;
}

/**
 * One row per month of the period, in order (months without data have zeros and nulls). The
 * cohort per created month (its size and funnel counts) comes from `cohortQuery`, shared with
 * the cohort matrix.
 */
export function seriesQuery(ctx: MetricContext): Fragment {
	return sql`WITH months AS ${monthsTable(ctx)},
		d AS NOT MATERIALIZED ${filteredDeals(ctx)},
		closed AS (SELECT ${monthOf(sql`m`)} AS month, * EXCLUDE (m) FROM (
			SELECT date_trunc('month', closed) AS m,
				${closedAggregates(raw(`outcome = 'won'`), raw(`outcome = 'lost'`))}
			FROM d WHERE outcome IN ('won', 'lost') AND ${inPeriod(sql`closed`, ctx)} GROUP BY m
		)),
		spent AS (
			SELECT ${monthOf(sql`date`)} AS month, sum(amount) AS spend, count(*)::DOUBLE AS spend_rows
			FROM spend
			WHERE ${spendInView(ctx)} GROUP BY 1
		),
		-- Open deals summed per created day first, then each month adds up the days up to its end.
		open_days AS (
			SELECT created, count(*) AS n, sum(COALESCE(amount, 0)) AS value,
				count(probability) AS with_probability,
				sum(COALESCE(amount, 0) * COALESCE(probability, 0) / 100) AS weighted
			FROM d WHERE outcome = 'open' GROUP BY created
		),
		open AS (
			SELECT m.month, COALESCE(sum(o.n), 0)::DOUBLE AS open_deals,
				COALESCE(sum(o.value), 0) AS open_value,
				CASE WHEN COALESCE(sum(o.with_probability), 0) = 0 THEN NULL
					ELSE sum(o.weighted) END AS weighted_value
			FROM months m LEFT JOIN open_days o ON o.created <= m.month_to
			GROUP BY m.month
		)
		SELECT m.month, COALESCE(closed.won, 0) AS won, COALESCE(closed.lost, 0) AS lost,
			closed.avg_deal_size, closed.median_deal_size,
			closed.sales_cycle_days, closed.median_sales_cycle_days,
			COALESCE(spent.spend, 0) AS spend, COALESCE(spent.spend_rows, 0) AS spend_rows,
			open.open_deals, open.open_value, open.weighted_value
		FROM months m
		LEFT JOIN closed USING (month)
		LEFT JOIN spent USING (month) LEFT JOIN open USING (month)
		ORDER BY m.month`;
}

/** Assemble the months: the query's cells, the cohort's funnel counts, and the derived rates. */
export function series(
	ctx: MetricContext,
	cells: readonly SeriesCells[],
	cohort: readonly CohortCell[],
	{ hasSpend }: { hasSpend: boolean }
): Series {
	const months = monthsOf(ctx.period);
	const funnels = cohortRows(ctx.stages.length, months, cohort);
	return {
		stages: [...ctx.stages, 'won'],
		months: months.map((m, i) => {
			const c = cells.find((row) => row.month === m.month);
			const created = funnels[i].created;
			const won = c?.won ?? 0;
			const lost = c?.lost ?? 0;
			const spend = hasSpend ? (c?.spend ?? 0) : null;
			return {
				...m,
				created,
				reached: funnels[i].reached,
				won,
				lost,
				...rates({
					created,
					won,
					lost,
					avg_deal_size: c?.avg_deal_size ?? null,
					median_deal_size: c?.median_deal_size ?? null,
					sales_cycle_days: c?.sales_cycle_days ?? null,
					median_sales_cycle_days: c?.median_sales_cycle_days ?? null
				}),
				spend,
				cac: cac(spend, won, c?.spend_rows ?? 0),
				open_deals: c?.open_deals ?? 0,
				open_value: c?.open_value ?? 0,
				weighted_value: c?.weighted_value ?? null
			};
		})
	};
}
