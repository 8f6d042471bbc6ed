import type { Period } from '../model/filters';
import { sql, type Fragment } from '../sql/sql';
import { cac, costPerStage, spendQuery, type CostPerStage } from './cac';
import type { MetricContext } from './context';
import { funnelQuery, funnelRows, type FunnelRow } from './funnel';
import {
	kpiQuery,
	type DealCounts,
	type DealSize,
	type KpiCells,
	type Pipeline,
	type SalesCycle
} from './kpis';
import {
	forecast,
	lostByStage,
	lostReasons,
	type ForecastMonth,
	type LostAndForecastRow,
	type LostAtStage,
	type LostReason
} from './lost-and-forecast';
import type { TimeInStage } from './time-in-stage';
import { salesVelocity } from './velocity';
import { winRate } from './win-rate';

/** The `report --json` object of METRICS.md §4. */
export interface Report {
	period: Period;
	deals: DealCounts;
	funnel: FunnelRow[];
	win_rate: number | null;
	avg_deal_size: number | null;
	median_deal_size: number | null;
	sales_cycle_days: number | null;
	median_sales_cycle_days: number | null;
	sales_velocity_per_day: number | null;
	time_in_stage: TimeInStage[] | null;
	spend: number | null;
	cac: number | null;
	cost_per_stage: CostPerStage[] | null;
	pipeline: Pipeline;
	lost_reasons: LostReason[] | null;
	lost_by_stage: LostAtStage[] | null;
	forecast: ForecastMonth[] | null;
	warnings: string[];
}

/** A row of `reportCellsQuery`: a funnel row, with the view's KPI cells and spend repeated. */
export type ReportCells = KpiCells & { i: number; reached: number; spend: number };

/**
 * The report's counts, deal size, cycle, pipeline, funnel and spend in one statement: the funnel's
 * rows (i = 1 … k+1), each with the KPI cells and the spend (the builders of each family,
 * composed, so a report costs one round trip where it cost three).
 */
export function reportCellsQuery(ctx: MetricContext): Fragment {
	return sql`SELECT f.i, f.reached, k.*, s.spend
		FROM (${funnelQuery(ctx)}) f, (${kpiQuery(ctx)}) k, (${spendQuery(ctx)}) s ORDER BY f.i`;
}

/** The query results a report is assembled from (each family's rows). */
export interface ReportParts {
	period: Period;
	stages: readonly string[];
	counts: DealCounts;
	reached: readonly number[];
	size: DealSize;
	cycle: SalesCycle;
	/** Null when there are no stage events at all. */
	stays: readonly { n: number; mean_days: number | null; median_days: number | null }[] | null;
	/** Null when there is no spend table. */
	spend: number | null;
	pipeline: Pipeline;
	/** The rows of `lostAndForecastQuery`; null when they were not asked for (all three null). */
	losses: readonly LostAndForecastRow[] | null;
	/** Whether the deals have a lost-reason / an expected-close column mapped. */
	mapped: { lost_reason: boolean; expected_close: boolean };
	warnings: readonly string[];
}

/** Assemble the report object from the families' results; derived metrics are computed here. */
export function assembleReport(p: ReportParts): Report {
	const funnel = funnelRows(p.stages, p.reached);
	const rate = winRate(p.counts.won, p.counts.lost);
	const warnings = [...p.warnings];
	if (p.cycle.negative > 0) {
		warnings.push(
			`${p.cycle.negative} won deal${p.cycle.negative === 1 ? ' was' : 's were'} closed before ${p.cycle.negative === 1 ? 'it was' : 'they were'} created; left out of the sales cycle`
		);
	}
	return {
		period: p.period,
		deals: p.counts,
		funnel,
		win_rate: rate,
		avg_deal_size: p.size.avg_deal_size,
		median_deal_size: p.size.median_deal_size,
		sales_cycle_days: p.cycle.sales_cycle_days,
		median_sales_cycle_days: p.cycle.median_sales_cycle_days,
		sales_velocity_per_day: salesVelocity(
			p.counts.created,
			rate,
			p.size.avg_deal_size,
			p.cycle.sales_cycle_days
		),
		time_in_stage:
			p.stays === null
				? null
				: p.stages.map((stage, i) => ({
						stage,
						...(p.stays?.[i] ?? { n: 0, mean_days: null, median_days: null })
					})),
		spend: p.spend,
		cac: cac(p.spend, p.counts.won),
		cost_per_stage: costPerStage(p.spend, funnel),
		pipeline: p.pipeline,
		lost_reasons: p.losses && lostReasons(p.losses, p.mapped.lost_reason),
		lost_by_stage: p.losses && lostByStage(p.losses, p.stages),
		forecast: p.losses && forecast(p.losses, p.mapped.expected_close),
		warnings
	};
}
