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
import { rates, type Rates } from './rates';

/** The `report --json` object of METRICS.md §4. */
export interface Report extends Rates {
	period: Period;
	deals: DealCounts;
	funnel: FunnelRow[];
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
export type ReportCells = KpiCells & {
	i: number;
	reached: number;
	spend: number;
	spend_rows: number;
};

/**
 * The report's counts, deal size, cycle, pipeline, funnel and spend in one statement: the funnel's
 * rows (i = 1 … k+1), each with the KPI cells and the spend (the builders of each family,
 * composed, so a report costs one round trip where it cost three).
 */
export function reportCellsQuery(ctx: MetricContext): Fragment {
	return sql`SELECT f.i, f.reached, k.*, s.spend, s.spend_rows
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
	/** Spend rows the view counts (its period; its channels under a source filter). */
	spendRows?: number;
	/** The view's source filter: named in the note when it leaves no spend row. */
	sources?: readonly string[];
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
	const warnings = [...p.warnings];
	if (p.spend !== null && p.spendRows === 0 && p.sources?.length) {
		warnings.push(
			`no spend for the sources in view (${p.sources.map((s) => `"${s}"`).join(', ')}): no spend row of the period has their channel, so CAC and cost per stage are not computed`
		);
	}
	if (p.cycle.negative > 0) {
		warnings.push(
			`${p.cycle.negative} won deal${p.cycle.negative === 1 ? ' was' : 's were'} closed before ${p.cycle.negative === 1 ? 'it was' : 'they were'} created; left out of the sales cycle`
		);
	}
	return {
		period: p.period,
		deals: p.counts,
		funnel,
		...rates({ ...p.counts, ...p.size, ...p.cycle }),
		time_in_stage:
			p.stays === null
				? null
				: p.stages.map((stage, i) => ({
						stage,
						...(p.stays?.[i] ?? { n: 0, mean_days: null, median_days: null })
					})),
		spend: p.spend,
		cac: cac(p.spend, p.counts.won, p.spendRows),
		cost_per_stage: costPerStage(p.spend, funnel, p.spendRows),
		pipeline: p.pipeline,
		lost_reasons: p.losses && lostReasons(p.losses, p.mapped.lost_reason),
		lost_by_stage: p.losses && lostByStage(p.losses, p.stages),
		forecast: p.losses && forecast(p.losses, p.mapped.expected_close),
		warnings
	};
}
