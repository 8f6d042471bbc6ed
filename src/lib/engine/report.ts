import type { Db } from '../db/types';
import type { Filters, Period } from '../model/filters';
import type { MetricContext } from '../metrics/context';
import { spendQuery } from '../metrics/cac';
import { cycleQuery, type SalesCycle } from '../metrics/cycle';
import { dealCountsQuery, type DealCounts } from '../metrics/deal-counts';
import { dealSizeQuery, type DealSize } from '../metrics/deal-size';
import { funnelQuery } from '../metrics/funnel';
import { pipelineQuery, type Pipeline } from '../metrics/pipeline';
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
	const [[counts], funnel, [size], [cycle], stays, spend, [pipeline]] = await Promise.all([
		db.query<DealCounts & Record<string, number>>(dealCountsQuery(ctx)),
		db.query<{ i: number; reached: number }>(funnelQuery(ctx)),
		db.query<DealSize & Record<string, number | null>>(dealSizeQuery(ctx)),
		db.query<SalesCycle & Record<string, number | null>>(cycleQuery(ctx)),
		request.stays !== undefined
			? request.stays
			: dataset.eventCount > 0
				? db.query<StayCells & Record<string, number | null>>(timeInStageQuery(ctx))
				: Promise.resolve(null),
		dataset.hasSpend ? db.query<{ spend: number }>(spendQuery(ctx)) : Promise.resolve(null),
		db.query<Pipeline & Record<string, number | null>>(pipelineQuery(ctx))
	]);
	return assembleReport({
		period: ctx.period,
		stages: ctx.stages,
		counts: { created: counts.created, won: counts.won, lost: counts.lost },
		reached: funnel.map((r) => r.reached),
		size: { avg_deal_size: size.avg_deal_size, median_deal_size: size.median_deal_size },
		cycle: {
			sales_cycle_days: cycle.sales_cycle_days,
			median_sales_cycle_days: cycle.median_sales_cycle_days,
			negative: cycle.negative
		},
		stays: stays
			? stays.map(({ n, mean_days, median_days }) => ({ n, mean_days, median_days }))
			: null,
		spend: spend ? spend[0].spend : null,
		pipeline: {
			open_deals: pipeline.open_deals,
			open_value: pipeline.open_value,
			weighted_value: pipeline.weighted_value
		},
		warnings: dataset.warnings
	});
}
