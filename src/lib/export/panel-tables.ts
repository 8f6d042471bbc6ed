// Each panel's table, defined once: its columns with the CSV header (a stable machine name and
// the exact value) and the report header (from the catalogue and the formatted value). The page's
// tables, its CSV exports and the standalone HTML report all read these definitions.
import { heatColour } from '../charts/heatmap-layout';
import { cacTooltip, stageCostTooltip, type Translate } from '../charts/tooltips';
import type { Formats } from '../i18n/format';
import type { MessageKey } from '../i18n/messages';
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
	/** The value as the report shows it; the page shows it too, unless `compact` is given. */
	cell?: (row: R, show: Show) => ReportCell;
	/** False: the report has the column and the page does not. */
	page?: false;
	/** The value in the page's narrower table, when shorter than the report's. */
	compact?: (row: R, show: Show) => string;
	/** The page's tooltip of a cell (not of the totals). */
	tip?: (row: R, show: Show) => string;
	/** A narrow column on the page: its header muted and cut short, whole in its tooltip. */
	narrow?: true;
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

/** A table as the page shows it: the columns with a label, each cell's text and tooltip. */
export interface PageTable<R> {
	caption?: string;
	columns: { key: string; label: string; narrow: boolean }[];
	rows: { row: R; cells: PageCell[] }[];
	foot?: PageCell[];
}

export interface PageCell {
	text: string;
	title?: string;
}

/** The table as the page shows it: the report's columns and cells, shortened where the page is. */
export function pageTable<R>(table: PanelTable<R>, show: Show): PageTable<R> {
	const columns = table.columns.filter((c) => c.label !== undefined && c.page !== false);
	const text = (c: Column<R>, row: R) => {
		if (c.compact) return c.compact(row, show);
		const cell = c.cell?.(row, show) ?? '';
		return typeof cell === 'string' ? cell : cell.text;
	};
	const total = table.total;
	return {
		...(table.caption ? { caption: table.caption(show.t) } : {}),
		columns: columns.map((c) => ({
			key: c.csv ?? '',
			label: c.label!(show.t),
			narrow: c.narrow === true
		})),
		rows: table.rows.map((row) => ({
			row,
			cells: columns.map((c) => ({ text: text(c, row), title: c.tip?.(row, show) }))
		})),
		...(total
			? {
					foot: columns.map((c, i) => ({
						text: i === 0 ? total.label(show.t) : text(c, total.row)
					}))
				}
			: {})
	};
}

/** A stage's name; the won step in `won`'s words. */
const stageName = (stage: string, t: Translate, won: 'funnel.won' | 'cost.won' = 'funnel.won') =>
	stage === 'won' ? t(won) : stage;

/** The column of a row's text `field` (a month, a channel), shown as it is. */
function text<R>(field: keyof R & string, label: MessageKey): Column<R> {
	return {
		csv: field,
		value: (row) => row[field],
		label: (t) => t(label),
		cell: (row) => row[field] as string
	};
}

/** How the report formats a figure. */
type Format = 'count' | 'percent' | 'number' | 'days' | 'exact';

/**
 * The column of a row's figure `field`, the CSV header the field's name; with `label` and
 * `format`, in the report too, under that catalogue text and formatted so.
 */
function figure<R>(field: keyof R & string, label?: MessageKey, format?: Format): Column<R> {
	const value = (row: R) => row[field];
	if (label === undefined || format === undefined) return { csv: field, value };
	return {
		csv: field,
		value,
		label: (t) => t(label),
		cell: (row, { fmt }) => fmt[format](row[field] as number | null)
	};
}

export function funnelTable(rows: readonly FunnelRow[]): PanelTable<FunnelRow> {
	return {
		columns: [
			{
				csv: 'stage',
				value: (r) => r.stage,
				label: (t) => t('cost.stage'),
				cell: (r, { t }) => stageName(r.stage, t)
			},
			figure('reached', 'cost.reached', 'count'),
			figure('from_previous', 'report.from-previous', 'percent'),
			figure('from_first', 'report.from-first', 'percent')
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
			figure('n', 'report.stays', 'count'),
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
			text('month', 'cohorts.month'),
			figure('created', 'kpi.created', 'count'),
			figure('win_rate', 'kpi.win-rate', 'percent'),
			figure('avg_deal_size', 'kpi.avg-deal', 'number'),
			figure('sales_cycle_days', 'kpi.cycle', 'days'),
			figure('sales_velocity_per_day', 'kpi.velocity', 'number')
		],
		rows: months,
		data: (m) => ({ month: m.month })
	};
}

export function cohortsTable(matrix: CohortMatrix): PanelTable<CohortRow> {
	return {
		columns: [
			text('month', 'cohorts.month'),
			figure('created', 'cohorts.deals', 'count'),
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
				...figure<CostRow>('cost', 'cost.per-deal', 'exact'),
				tip: (c, show) =>
					stageCostTooltip(
						{
							stage: stageName(c.stage, show.t, 'cost.won'),
							cost: c.cost,
							spend: report.spend ?? 0,
							reached: c.reached ?? 0
						},
						show
					)
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
			text('channel', 'cac.channel'),
			channelMoney('spend', 'cac.spend', (c) => c.spend),
			figure('created', 'cac.created', 'count'),
			figure('won', 'cac.won', 'count'),
			{ ...channelMoney('cac', 'cac.cac', (c) => c.cac), tip: cacTooltip },
			...cac.stages.map((stage, i): Column<ChannelCac> => ({
				csv: `cost_${stage}`,
				value: (c) => c.cost_per_stage[i]?.cost,
				label: (t) => stageName(stage, t),
				cell: (c, { fmt }) => fmt.exact(c.cost_per_stage[i]?.cost ?? null),
				// The cost per won deal is the CAC: the page does not show it twice.
				...(i === cac.stages.length - 1 ? { page: false as const } : {}),
				compact: (c, { fmt }) => fmt.number(c.cost_per_stage[i]?.cost ?? null),
				tip: (c, show) => {
					const cost = c.cost_per_stage[i];
					return stageCostTooltip(
						{
							stage: cost?.stage ?? stage,
							cost: cost?.cost ?? null,
							spend: c.spend,
							reached: c.reached[i]
						},
						show
					);
				},
				narrow: true
			}))
		],
		rows: cac.channels,
		total: { row: cac.total, label: (t) => t('cac.total'), csv: true }
	};
}

export function breakdownTable(b: Breakdown): PanelTable<BreakdownRow> {
	const dim = (t: Translate) => t(`dim.${b.dimension}`);
	return {
		columns: [
			{ csv: b.dimension, value: (r) => r.value, label: dim, cell: (r) => r.value },
			figure('created', 'kpi.created', 'count'),
			figure('won', 'cac.won', 'count'),
			figure('lost'),
			figure('win_rate', 'kpi.win-rate', 'percent'),
			figure('avg_deal_size', 'kpi.avg-deal', 'number'),
			figure('sales_cycle_days', 'kpi.cycle', 'days'),
			figure('sales_velocity_per_day', 'kpi.velocity', 'number'),
			figure('open_deals'),
			figure('open_value', 'kpi.pipeline', 'number'),
			figure('spend'),
			figure('cac', 'kpi.cac', 'number')
		],
		rows: b.rows,
		total: { row: b.total, label: (t) => t('breakdown.total'), csv: 'Total' },
		data: (r) => ({ value: r.value, created: r.created })
	};
}

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
			figure('deals', 'cohorts.deals', 'count'),
			...m.elements.map((e): Column<MeddicStageRow> => ({
				csv: e,
				value: (r) => r.filled[e]?.share ?? null,
				label: (t) => t(`meddic.${e}`),
				cell: (r, { fmt }) => fmt.percent(r.filled[e]?.share ?? null),
				tip: (r, { t, fmt }) =>
					t('meddic.cell', {
						stage: stageName(r.stage, t),
						element: t(`meddic.${e}`),
						count: fmt.count(r.filled[e]?.count ?? 0),
						deals: fmt.count(r.deals),
						share: fmt.percent(r.filled[e]?.share ?? null)
					})
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
			{
				label: (t) => t('kpi.win-rate'),
				cell: (r, { fmt }) => fmt.percent(r.win_rate),
				tip: (r, { t, fmt }) =>
					t('meddic.rate-cell', {
						n: r.filled,
						of,
						won: fmt.count(r.won),
						closed: fmt.count(r.won + r.lost),
						rate: fmt.percent(r.win_rate)
					})
			},
			// The page tells won and closed in the win rate's tooltip.
			{ ...figure<MeddicCountRow>('won', 'cac.won', 'count'), page: false },
			{ ...figure<MeddicCountRow>('lost', 'report.lost', 'count'), page: false },
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
