import type { Db, Row } from '../db/types';
import type { Filters, Period } from '../model/filters';
import type { MetricContext } from '../metrics/context';
import { spendQuery } from '../metrics/cac';
import { funnelQuery } from '../metrics/funnel';
import { kpiQuery, type KpiCells } from '../metrics/kpis';
import { assembleReport, type Report } from '../metrics/report';
import { timeInStageQuery } from '../metrics/time-in-stage';
import { viewStages } from '../model/pipeline-view';
import type { Dataset } from './dataset';

export interface ReportRequest {
	/** Without a period, the whole data (METRICS.md §2). */
	period?: Period | null;
	filters?: Filters;
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

/** Run every metric family for one view and assemble the METRICS.md §4 object. */
export async function runReport(
	db: Db,
	dataset: Dataset,
	request: ReportRequest = {}
): Promise<Report> {
	const ctx: MetricContext = {
		period: resolvePeriod(dataset, request.period),
		filters: request.filters ?? {},
		stages: viewStages(dataset.stages, dataset.pipelines, request.filters ?? {})
	};
	const [kpis, funnel, stays, spend] = await Promise.all([
		request.kpis ?? db.query<KpiCells & Row>(kpiQuery(ctx)).then(([row]) => row),
		request.reached ??
			db
				.query<{ i: number; reached: number }>(funnelQuery(ctx))
				.then((rows) => rows.map((r) => r.reached)),
		request.stays !== undefined
			? request.stays
			: dataset.eventCount > 0
				? db.query<StayCells & Record<string, number | null>>(timeInStageQuery(ctx))
				: Promise.resolve(null),
		dataset.hasSpend ? db.query<{ spend: number }>(spendQuery(ctx)) : Promise.resolve(null)
	]);
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
		spend: spend ? spend[0].spend : null,
		pipeline: {
			open_deals: kpis.open_deals,
			open_value: kpis.open_value,
			weighted_value: kpis.weighted_value
		},
		warnings: dataset.warnings
	});
}
