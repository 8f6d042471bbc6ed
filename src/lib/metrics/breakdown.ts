import { ident, sql, type Fragment } from '../sql/sql';
import type { Dimension } from '../model/config';
import { cac, spendInView } from './cac';
import type { MetricContext } from './context';
import { flaggedDeals, KPI_COLUMNS, type KpiCells } from './kpis';
import { rates, type Rates } from './rates';

/** The metric set of one dimension value (or of all of them: the totals row). */
export interface BreakdownRow extends Rates {
	value: string;
	created: number;
	won: number;
	lost: number;
	open_deals: number;
	open_value: number;
	weighted_value: number | null;
	/** Spend whose channel is the value: for `source` rows (and the totals) when there is spend. */
	spend: number | null;
	cac: number | null;
}

export interface Breakdown {
	dimension: Dimension;
	/** Values with any deal created, closed or open in the view (or, for source, spend), most created first. */
	rows: BreakdownRow[];
	/** Over all values: the same numbers as the report for the view. */
	total: BreakdownRow;
}

/** The query's columns: the report's aggregates (`KpiCells`) per value, before the derived rates. */
export type BreakdownCells = KpiCells & {
	value: string | null;
	/** 1 for the totals row. */
	total: number;
	spend: number | null;
	/** Spend rows `spend` sums (0: CAC is null, see `cac`). */
	spend_rows: number;
};

/**
 * The report's metric families grouped by one dimension, plus the grand total (`total` = 1) from
 * the same aggregates (GROUPING SETS), so the totals row is the report by construction. The
 * filters apply, including one on the broken-down dimension. For `source`, spend is joined by
 * `channel = source`, and channels with spend but no deals get a row.
 */
export function breakdownQuery(ctx: MetricContext, dimension: Dimension): Fragment {
	const spendGroups =
		dimension === 'source'
			? sql`SELECT channel AS value, grouping(channel)::INTEGER AS total, sum(amount) AS spend,
					count(*)::DOUBLE AS spend_rows
				FROM spend WHERE ${spendInView(ctx)} GROUP BY GROUPING SETS ((channel), ())`
			: sql`SELECT NULL::VARCHAR AS value, 1 AS total, sum(amount) AS spend,
					count(*)::DOUBLE AS spend_rows
				FROM spend WHERE ${spendInView(ctx)}`;
	return sql`WITH d AS NOT MATERIALIZED (
			SELECT ${ident(dimension)} AS value, * EXCLUDE (${ident(dimension)}) FROM ${flaggedDeals(ctx)}
		),
		agg AS (
			SELECT value, grouping(value)::INTEGER AS total, ${KPI_COLUMNS}
			FROM d GROUP BY GROUPING SETS ((value), ())
		),
		spent AS (${spendGroups})
		SELECT COALESCE(a.value, s.value) AS value, COALESCE(a.total, s.total) AS total,
			COALESCE(a.created, 0) AS created, COALESCE(a.won, 0) AS won, COALESCE(a.lost, 0) AS lost,
			a.avg_deal_size, a.median_deal_size, a.sales_cycle_days, a.median_sales_cycle_days,
			COALESCE(a.open_deals, 0) AS open_deals, COALESCE(a.open_value, 0) AS open_value,
			a.weighted_value, COALESCE(a.negative, 0) AS negative, COALESCE(s.spend, 0) AS spend,
			COALESCE(s.spend_rows, 0) AS spend_rows
		FROM agg a FULL OUTER JOIN spent s ON a.total = s.total AND a.value IS NOT DISTINCT FROM s.value
		WHERE COALESCE(a.total, s.total) = 1 OR s.total IS NOT NULL
			OR a.created > 0 OR a.won > 0 OR a.lost > 0 OR a.open_deals > 0
		ORDER BY total, created DESC, won DESC, value`;
}

function row(cells: BreakdownCells, value: string, spend: number | null): BreakdownRow {
	return {
		value,
		created: cells.created,
		won: cells.won,
		lost: cells.lost,
		...rates(cells),
		open_deals: cells.open_deals,
		open_value: cells.open_value,
		weighted_value: cells.weighted_value,
		spend,
		cac: cac(spend, cells.won, cells.spend_rows)
	};
}

/** The totals row of the query's rows: the report's aggregates for the whole view. */
export function breakdownTotal<T extends BreakdownCells>(cells: readonly T[]): T {
	const total = cells.find((c) => c.total === 1);
	if (!total) throw new Error('the breakdown query returned no totals row');
	return total;
}

/** Label the rows and derive the rates; spend only where it means something (source, totals). */
export function breakdown(
	dimension: Dimension,
	cells: readonly BreakdownCells[],
	{ hasSpend }: { hasSpend: boolean }
): Breakdown {
	const spendOf = (c: BreakdownCells, applies: boolean) =>
		hasSpend && applies ? (c.spend ?? 0) : null;
	const totalCells = breakdownTotal(cells);
	return {
		dimension,
		rows: cells
			.filter((c) => c.total !== 1)
			.map((c) => row(c, c.value ?? '(none)', spendOf(c, dimension === 'source'))),
		total: row(totalCells, 'total', spendOf(totalCells, true))
	};
}
