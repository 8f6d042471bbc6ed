import type { Db, Row } from '../db/types';
import type { Filters, Period } from '../model/filters';
import type { ViewSlot } from '../model/view-values';
import type { MetricContext } from '../metrics/context';
import type { KpiCells } from '../metrics/kpis';
import { assembleReport, reportCellsQuery, type ReportCells, type Report } from '../metrics/report';
import { lostAndForecastQuery, type LostAndForecastRow } from '../metrics/lost-and-forecast';
import { timeInStageQuery } from '../metrics/time-in-stage';
import { viewStages } from '../model/pipeline-view';
import type { Dataset } from './dataset';
import { inView } from './view-values';

export interface ReportRequest {
	/** Without a period, the whole data (METRICS.md §2). */
	period?: Period | null;
	filters?: Filters;
	/**
	 * The row of `view_values` holding the period and filters (written by the caller, see
	 * engine/view-values.ts); without it they are bound.
	 */
	slot?: ViewSlot;
	/**
	 * Time in stage's cells (per open stage, in order) from a caller that computes them anyway
	 * (the dashboard's stay distribution: one pass over the stays, not two). Null leaves time in
	 * stage out (a report only read for its KPIs).
	 */
	stays?: Promise<StayCells[] | null>;
	/**
	 * The view's counts, deal size, cycle and pipeline from a caller that computes them anyway
	 * (the dashboard's breakdown: its totals row is the same aggregates), instead of a query.
	 */
	kpis?: Promise<KpiCells>;
	/** The funnel's counts (S1 … Sk, won) from a caller that has them (the cohort matrix's cells). */
	reached?: Promise<number[]>;
	/** Spend in the period from a caller that has it (the breakdown's totals row). */
	spend?: Promise<number>;
	/** How many spend rows `spend` sums, from the same caller. */
	spendRows?: Promise<number>;
	/**
	 * False leaves out lost reasons, lost by stage and the forecast (a report only read for its
	 * KPIs): their statement is not run.
	 */
	losses?: boolean;
}

export interface StayCells {
	n: number;
	mean_days: number | null;
	median_days: number | null;
}

/** The period a request covers: the one given, else the whole data. */
export function resolvePeriod(dataset: Dataset, period?: Period | null): Period {
	if (period) return period;
	if (dataset.whole) return dataset.whole;
	throw new Error('the deals have no dates, so there is no period to report on');
}

/**
 * The report of one view as the page runs it: the period and filters written to `view_values`
 * and read from there by the same statements (`report` runs this).
 */
export function viewReport(
	db: Db,
	dataset: Dataset,
	request: Omit<ReportRequest, 'slot'> = {}
): Promise<Report> {
	const period = resolvePeriod(dataset, request.period);
	const filters = request.filters ?? {};
	return inView(
		db,
		{ period, filters },
		(viewDb) => runReport(viewDb, dataset, { ...request, period, filters, slot: 'view' }),
		(report) => [report]
	);
}

/** Run every metric family for one view and assemble the METRICS.md §4 object. */
export async function runReport(
	db: Db,
	dataset: Dataset,
	request: ReportRequest = {}
): Promise<Report> {
	const ctx: MetricContext = {
		period: resolvePeriod(dataset, request.period),
		filters: request.filters ?? {},
		slot: request.slot,
		stages: viewStages(dataset.stages, dataset.pipelines, request.filters ?? {})
	};
	// What the caller did not give comes from one statement (`reportCellsQuery`), run once.
	let cells: Promise<ReportCells[]> | undefined;
	const fromCells = <T>(pick: (rows: ReportCells[]) => T): Promise<T> => {
		cells ??= db.query<ReportCells & Row>(reportCellsQuery(ctx));
		return cells.then(pick);
	};
	const [kpis, funnel, stays, periodSpend, spendRows, losses] = await Promise.all([
		request.kpis ?? fromCells((rows) => rows[0]),
		request.reached ?? fromCells((rows) => rows.map((r) => r.reached)),
		request.stays !== undefined
			? request.stays
			: dataset.eventCount > 0
				? db.query<StayCells & Record<string, number | null>>(timeInStageQuery(ctx))
				: Promise.resolve(null),
		request.spend ?? fromCells((rows) => rows[0].spend),
		request.spendRows ?? fromCells((rows) => rows[0].spend_rows),
		request.losses === false
			? Promise.resolve(null)
			: db.query<LostAndForecastRow & Row>(lostAndForecastQuery(ctx))
	]);
	const spend = dataset.hasSpend ? periodSpend : null;
	return assembleReport({
		period: ctx.period,
		stages: ctx.stages,
		counts: { created: kpis.created, won: kpis.won, lost: kpis.lost },
		reached: funnel,
		size: { avg_deal_size: kpis.avg_deal_size, median_deal_size: kpis.median_deal_size },
		cycle: {
			sales_cycle_days: kpis.sales_cycle_days,
			median_sales_cycle_days: kpis.median_sales_cycle_days,
			negative: kpis.negative
		},
		stays: stays
			? stays.map(({ n, mean_days, median_days }) => ({ n, mean_days, median_days }))
			: null,
		spend,
		spendRows,
		sources: ctx.filters.source ?? [],
		pipeline: {
			open_deals: kpis.open_deals,
			open_value: kpis.open_value,
			weighted_value: kpis.weighted_value
		},
		losses,
		mapped: {
			lost_reason: dataset.deals.columns.lost_reason !== undefined,
			expected_close: dataset.deals.columns.expected_close !== undefined
		},
		warnings: dataset.warnings
	});
}
