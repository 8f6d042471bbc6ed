import type { Period } from '../model/filters';
import { cac, costPerStage, type CostPerStage } from './cac';
import { funnelRows, type FunnelRow } from './funnel';
import type { DealCounts, DealSize, Pipeline, SalesCycle } from './kpis';
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
	warnings: string[];
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
		warnings
	};
}
