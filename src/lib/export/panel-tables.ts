// Each panel's table, defined once: its columns with the CSV header (a stable machine name and
// the exact value) and the report header (from the catalogue and the formatted value). The page's
// CSV exports and the standalone HTML report both read these definitions.
import { heatColour } from '../charts/heatmap-layout';
import type { Translate } from '../charts/tooltips';
import type { Formats } from '../i18n/format';
import type { Breakdown, BreakdownRow } from '../metrics/breakdown';
import type { CacByChannel, ChannelCac } from '../metrics/cac-by-channel';
import type { CohortMatrix, CohortRow } from '../metrics/cohort-matrix';
import type { FunnelRow } from '../metrics/funnel';
import {
	NO_REASON,
	type ForecastMonth,
	type LostAtStage,
	type LostReason
} from '../metrics/lost-and-forecast';
import type { Meddic, MeddicCountRow, MeddicStageRow } from '../metrics/meddic';
import type { QualityFinding } from '../metrics/quality';
import type { Report } from '../metrics/report';
import type { SeriesRow } from '../metrics/series';
import type { StageDuration } from '../metrics/stage-durations';
import type { ReportCell, ReportRow, ReportTable } from './html-report';

export interface Show {
	t: Translate;
	fmt: Formats;
}

/**
 * One column. A column with a `csv` header is in the CSV export, one with a `label` is in the
 * report; most have both.
 */
export interface Column<R> {
	/** The CSV header. */
	csv?: string;
	/** The exact value, as the CSV holds it. */
	value?: (row: R) => unknown;
	/** The report's header. */
	label?: (t: Translate) => string;
	/** The value as the report shows it. */
	cell?: (row: R, show: Show) => ReportCell;
}

export interface PanelTable<R> {
	columns: Column<R>[];
	rows: readonly R[];
	/**
	 * The totals: the report's foot, its first cell `label`; the CSV's last row when `csv` is
	 * set (its first cell `csv`, or the row's own when `true`).
	 */
	total?: { row: R; label: (t: Translate) => string; csv?: string | true };
	/** Machine-readable values of a row in the report (`data-*` attributes). */
	data?: (row: R) => Record<string, string | number | null>;
	/** The report's caption above the table. */
	caption?: (t: Translate) => string;
}

/** A CSV table: the columns with a CSV header, the rows, then the totals when the CSV has them. */
export function csvTable<R>(table: PanelTable<R>): { columns: string[]; rows: unknown[][] } {
	const columns = table.columns.filter((c) => c.csv !== undefined);
	const line = (row: R) => columns.map((c) => c.value?.(row) ?? null);
	const rows = table.rows.map(line);
	const total = table.total;
	if (total?.csv !== undefined) {
		const last = line(total.row);
		if (total.csv !== true) last[0] = total.csv;
		rows.push(last);
	}
	return { columns: columns.map((c) => c.csv!), rows };
}

/** The table as the report shows it: the columns with a label, formatted cells, the totals foot. */
export function reportTable<R>(table: PanelTable<R>, show: Show): ReportTable {
	const columns = table.columns.filter((c) => c.label !== undefined);
	const line = (row: R, first?: string): ReportRow => {
		const cells = columns.map((c) => c.cell?.(row, show) ?? '');
		if (first !== undefined) cells[0] = first;
		return table.data ? { cells, data: table.data(row) } : { cells };
	};
	return {
		...(table.caption ? { caption: table.caption(show.t) } : {}),
		columns: columns.map((c) => c.label!(show.t)),
		rows: table.rows.map((r) => line(r)),
		...(table.total ? { foot: line(table.total.row, table.total.label(show.t)) } : {})
	};
}

/** A stage's name; the won step in `won`'s words. */
const stageName = (stage: string, t: Translate, won: 'funnel.won' | 'cost.won' = 'funnel.won') =>
	stage === 'won' ? t(won) : stage;

export function funnelTable(rows: readonly FunnelRow[]): PanelTable<FunnelRow> {
	return {
		columns: [
			{
				csv: 'stage',
				value: (r) => r.stage,
				label: (t) => t('cost.stage'),
				cell: (r, { t }) => stageName(r.stage, t)
			},
			{
				csv: 'reached',
				value: (r) => r.reached,
				label: (t) => t('cost.reached'),
				cell: (r, { fmt }) => fmt.count(r.reached)
			},
			{
				csv: 'from_previous',
				value: (r) => r.from_previous,
				label: (t) => t('report.from-previous'),
				cell: (r, { fmt }) => fmt.percent(r.from_previous)
			},
			{
				csv: 'from_first',
				value: (r) => r.from_first,
				label: (t) => t('report.from-first'),
				cell: (r, { fmt }) => fmt.percent(r.from_first)
			}
		],
		rows,
		data: (r) => ({ stage: r.stage, reached: r.reached })
	};
}

const days = (
	csv: string,
	label: ((t: Translate) => string) | string,
	pick: (d: StageDuration) => number | null
): Column<StageDuration> => ({
	csv,
	value: pick,
	label: typeof label === 'string' ? () => label : label,
	cell: (d, { fmt }) => fmt.days(pick(d))
});

export function durationsTable(rows: readonly StageDuration[]): PanelTable<StageDuration> {
	return {
		columns: [
			{ csv: 'stage', value: (d) => d.stage, label: (t) => t('cost.stage'), cell: (d) => d.stage },
			{
				csv: 'n',
				value: (d) => d.n,
				label: (t) => t('report.stays'),
				cell: (d, { fmt }) => fmt.count(d.n)
			},
			days(
				'mean_days',
				(t) => t('report.mean'),
				(d) => d.mean
			),
			days('p5', 'p5', (d) => d.p5),
			days('p25', 'p25', (d) => d.p25),
			days(
				'median_days',
				(t) => t('report.median'),
				(d) => d.median
			),
			days('p75', 'p75', (d) => d.p75),
			days('p95', 'p95', (d) => d.p95)
		],
		rows,
		data: (d) => ({ stage: d.stage, n: d.n })
	};
}

export function velocityTable(months: readonly SeriesRow[]): PanelTable<SeriesRow> {
	return {
		columns: [
			{
				csv: 'month',
				value: (m) => m.month,
				label: (t) => t('cohorts.month'),
				cell: (m) => m.month
			},
			{
				csv: 'created',
				value: (m) => m.created,
				label: (t) => t('kpi.created'),
				cell: (m, { fmt }) => fmt.count(m.created)
			},
			{
				csv: 'win_rate',
				value: (m) => m.win_rate,
				label: (t) => t('kpi.win-rate'),
				cell: (m, { fmt }) => fmt.percent(m.win_rate)
			},
			{
				csv: 'avg_deal_size',
				value: (m) => m.avg_deal_size,
				label: (t) => t('kpi.avg-deal'),
				cell: (m, { fmt }) => fmt.number(m.avg_deal_size)
			},
			{
				csv: 'sales_cycle_days',
				value: (m) => m.sales_cycle_days,
				label: (t) => t('kpi.cycle'),
				cell: (m, { fmt }) => fmt.days(m.sales_cycle_days)
			},
			{
				csv: 'sales_velocity_per_day',
				value: (m) => m.sales_velocity_per_day,
				label: (t) => t('kpi.velocity'),
				cell: (m, { fmt }) => fmt.number(m.sales_velocity_per_day)
			}
		],
		rows: months,
		data: (m) => ({ month: m.month })
	};
}

export function cohortsTable(matrix: CohortMatrix): PanelTable<CohortRow> {
	return {
		columns: [
			{
				csv: 'month',
				value: (r) => r.month,
				label: (t) => t('cohorts.month'),
				cell: (r) => r.month
			},
			{
				csv: 'created',
				value: (r) => r.created,
				label: (t) => t('cohorts.deals'),
				cell: (r, { fmt }) => fmt.count(r.created)
			},
			...matrix.columns.map((stage, i): Column<CohortRow> => ({
				csv: stage,
				value: (r) => r.share[i],
				label: (t) => stageName(stage, t),
				cell: (r, { fmt }) => {
					const share = r.share[i] ?? null;
					return share === null ? '' : { text: fmt.percent(share), ...heatColour(share) };
				}
			}))
		],
		rows: matrix.rows,
		data: (r) => ({ month: r.month, created: r.created })
	};
}

/** A row of the cost-per-stage table; `reached` is absent on the spend row. */
export interface CostRow {
	stage: string;
	reached?: number | null;
	cost: number | null;
}

export function costTable(report: Report): PanelTable<CostRow> {
	return {
		columns: [
			{
				csv: 'stage',
				value: (c) => c.stage,
				label: (t) => t('cost.stage'),
				cell: (c, { t }) => stageName(c.stage, t, 'cost.won')
			},
			{
				csv: 'reached',
				value: (c) => c.reached,
				label: (t) => t('cost.reached'),
				cell: (c, { fmt }) => (c.reached === undefined ? '' : fmt.count(c.reached))
			},
			{
				csv: 'cost',
				value: (c) => c.cost,
				label: (t) => t('cost.per-deal'),
				cell: (c, { fmt }) => fmt.exact(c.cost)
			}
		],
		rows: (report.cost_per_stage ?? []).map((c, i) => ({
			stage: c.stage,
			reached: report.funnel[i]?.reached ?? null,
			cost: c.cost
		})),
		// The report closes the table with the spend it was divided from.
		total: { row: { stage: '', cost: report.spend }, label: (t) => t('cost.spend') }
	};
}

const channelMoney = (
	csv: string,
	label: 'cac.spend' | 'cac.cac',
	pick: (c: ChannelCac) => number | null
): Column<ChannelCac> => ({
	csv,
	value: pick,
	label: (t) => t(label),
	cell: (c, { fmt }) => fmt.exact(pick(c))
});

export function cacTable(cac: CacByChannel): PanelTable<ChannelCac> {
	return {
		columns: [
			{
				csv: 'channel',
				value: (c) => c.channel,
				label: (t) => t('cac.channel'),
				cell: (c) => c.channel
			},
			channelMoney('spend', 'cac.spend', (c) => c.spend),
			{
				csv: 'created',
				value: (c) => c.created,
				label: (t) => t('cac.created'),
				cell: (c, { fmt }) => fmt.count(c.created)
			},
			{
				csv: 'won',
				value: (c) => c.won,
				label: (t) => t('cac.won'),
				cell: (c, { fmt }) => fmt.count(c.won)
			},
			channelMoney('cac', 'cac.cac', (c) => c.cac),
			...cac.stages.map((stage, i): Column<ChannelCac> => ({
				csv: `cost_${stage}`,
				value: (c) => c.cost_per_stage[i]?.cost,
				label: (t) => stageName(stage, t),
				cell: (c, { fmt }) => fmt.exact(c.cost_per_stage[i]?.cost ?? null)
			}))
		],
		rows: cac.channels,
		total: { row: cac.total, label: (t) => t('cac.total'), csv: true }
	};
}

const breakdownColumn = (
	csv: keyof BreakdownRow,
	show?: { label: (t: Translate) => string; cell: (r: BreakdownRow, s: Show) => string }
): Column<BreakdownRow> => ({ csv, value: (r) => r[csv], ...show });

export function breakdownTable(b: Breakdown): PanelTable<BreakdownRow> {
	const dim = (t: Translate) => t(`dim.${b.dimension}`);
	return {
		columns: [
			{ csv: b.dimension, value: (r) => r.value, label: dim, cell: (r) => r.value },
			breakdownColumn('created', {
				label: (t) => t('kpi.created'),
				cell: (r, { fmt }) => fmt.count(r.created)
			}),
			breakdownColumn('won', {
				label: (t) => t('cac.won'),
				cell: (r, { fmt }) => fmt.count(r.won)
			}),
			breakdownColumn('lost'),
			breakdownColumn('win_rate', {
				label: (t) => t('kpi.win-rate'),
				cell: (r, { fmt }) => fmt.percent(r.win_rate)
			}),
			breakdownColumn('avg_deal_size', {
				label: (t) => t('kpi.avg-deal'),
				cell: (r, { fmt }) => fmt.number(r.avg_deal_size)
			}),
			breakdownColumn('sales_cycle_days', {
				label: (t) => t('kpi.cycle'),
				cell: (r, { fmt }) => fmt.days(r.sales_cycle_days)
			}),
			breakdownColumn('sales_velocity_per_day', {
				label: (t) => t('kpi.velocity'),
				cell: (r, { fmt }) => fmt.number(r.sales_velocity_per_day)
			}),
			breakdownColumn('open_deals'),
			breakdownColumn('open_value', {
				label: (t) => t('kpi.pipeline'),
				cell: (r, { fmt }) => fmt.number(r.open_value)
			}),
			breakdownColumn('spend'),
			breakdownColumn('cac', {
				label: (t) => t('kpi.cac'),
				cell: (r, { fmt }) => fmt.number(r.cac)
			})
		],
		rows: b.rows,
		total: { row: b.total, label: (t) => t('breakdown.total'), csv: 'Total' },
		data: (r) => ({ value: r.value, created: r.created })
	};
}

const meddicName = (e: string) => e.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

export function meddicStageTable(m: Meddic): PanelTable<MeddicStageRow> {
	return {
		caption: (t) => t('meddic.filled'),
		columns: [
			{
				csv: 'stage',
				value: (r) => r.stage,
				label: () => '',
				cell: (r, { t }) => stageName(r.stage, t)
			},
			{
				csv: 'deals',
				value: (r) => r.deals,
				label: (t) => t('cohorts.deals'),
				cell: (r, { fmt }) => fmt.count(r.deals)
			},
			...m.elements.map((e): Column<MeddicStageRow> => ({
				csv: e,
				value: (r) => r.filled[e]?.share ?? null,
				label: () => meddicName(e),
				cell: (r, { fmt }) => fmt.percent(r.filled[e]?.share ?? null)
			}))
		],
		rows: m.by_stage
	};
}

export function meddicCountTable(m: Meddic): PanelTable<MeddicCountRow> {
	const of = m.elements.length;
	const winRate = (r: MeddicCountRow) => r.win_rate;
	return {
		caption: (t) => t('meddic.win-rate'),
		columns: [
			{ csv: 'filled', value: (r) => r.filled },
			{ csv: 'of', value: () => of },
			{ label: () => '', cell: (r) => `${r.filled} / ${of}` },
			// The report reads the win rate first; the CSV keeps it last.
			{ label: (t) => t('kpi.win-rate'), cell: (r, { fmt }) => fmt.percent(r.win_rate) },
			{
				csv: 'won',
				value: (r) => r.won,
				label: (t) => t('cac.won'),
				cell: (r, { fmt }) => fmt.count(r.won)
			},
			{
				csv: 'lost',
				value: (r) => r.lost,
				label: (t) => t('report.lost'),
				cell: (r, { fmt }) => fmt.count(r.lost)
			},
			{ csv: 'win_rate', value: winRate }
		],
		rows: m.by_count
	};
}

/** A data-quality finding or a load warning, as the CSV lists them (the report lists them apart). */
export interface QualityLine {
	finding: string;
	count: number | null;
	examples: string | null;
}

export function qualityTable(
	quality: readonly QualityFinding[],
	warnings: readonly string[]
): PanelTable<QualityLine> {
	return {
		columns: [
			{ csv: 'finding', value: (q) => q.finding },
			{ csv: 'count', value: (q) => q.count },
			{ csv: 'examples', value: (q) => q.examples }
		],
		rows: [
			...quality
				.filter((q) => q.count > 0)
				.map((q) => ({
					finding: q.kind,
					count: q.count,
					examples: q.examples.map((e) => e.id).join(' ')
				})),
			...warnings.map((w) => ({ finding: w, count: null, examples: null }))
		]
	};
}

export function lostReasonsTable(rows: readonly LostReason[]): PanelTable<LostReason> {
	return {
		columns: [
			{
				csv: 'reason',
				value: (r) => r.reason,
				label: (t) => t('lost.reason'),
				cell: (r, { t }) => (r.reason === NO_REASON ? t('lost.no-reason') : r.reason)
			},
			{
				csv: 'deals',
				value: (r) => r.deals,
				label: (t) => t('lost.deals'),
				cell: (r, { fmt }) => fmt.count(r.deals)
			},
			{
				csv: 'amount',
				value: (r) => r.amount,
				label: (t) => t('lost.amount'),
				cell: (r, { fmt }) => fmt.exact(r.amount)
			}
		],
		rows,
		data: (r) => ({ reason: r.reason, deals: r.deals })
	};
}

export function lostByStageTable(rows: readonly LostAtStage[]): PanelTable<LostAtStage> {
	return {
		columns: [
			{
				csv: 'stage',
				value: (r) => r.stage,
				label: (t) => t('cost.stage'),
				cell: (r) => r.stage
			},
			{
				csv: 'deals',
				value: (r) => r.deals,
				label: (t) => t('lost.deals'),
				cell: (r, { fmt }) => fmt.count(r.deals)
			}
		],
		rows,
		data: (r) => ({ stage: r.stage, deals: r.deals })
	};
}

export function forecastTable(rows: readonly ForecastMonth[]): PanelTable<ForecastMonth> {
	return {
		columns: [
			{
				csv: 'month',
				value: (r) => r.month,
				label: (t) => t('forecast.month'),
				cell: (r, { t }) => r.month ?? t('forecast.no-date')
			},
			{
				csv: 'deals',
				value: (r) => r.deals,
				label: (t) => t('forecast.deals'),
				cell: (r, { fmt }) => fmt.count(r.deals)
			},
			{
				csv: 'value',
				value: (r) => r.value,
				label: (t) => t('forecast.value'),
				cell: (r, { fmt }) => fmt.exact(r.value)
			},
			{
				csv: 'weighted_value',
				value: (r) => r.weighted_value,
				label: (t) => t('forecast.weighted'),
				cell: (r, { fmt }) => fmt.exact(r.weighted_value)
			}
		],
		rows,
		data: (r) => ({ month: r.month, deals: r.deals })
	};
}
