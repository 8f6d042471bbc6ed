import type { Formats } from '../i18n/format';
import type { MessageKey } from '../i18n/messages';
import type { Report } from '../metrics/report';
import type { SeriesRow } from '../metrics/series';
import type { Trend } from '../charts/tooltips';

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** One KPI card: the figure for the view and the same figure for the previous period. */
export interface KpiCard {
	key: Trend;
	label: MessageKey;
	value: string;
	detail: string;
	now: number | null;
	before: number | null;
	/** A smaller value is better (sales cycle, CAC). */
	lowerIsBetter?: boolean;
}

/** The monthly series behind each card's sparkline. */
export const KPI_TREND: Record<Trend, (m: SeriesRow) => number | null> = {
	created: (m) => m.created,
	'win-rate': (m) => m.win_rate,
	'avg-deal': (m) => m.avg_deal_size,
	cycle: (m) => m.sales_cycle_days,
	velocity: (m) => m.sales_velocity_per_day,
	cac: (m) => m.cac,
	pipeline: (m) => m.open_value,
	weighted: (m) => m.weighted_value
};

/** The KPI row of the dashboard (and of the standalone report), in display order. */
export function kpiCards(
	report: Report,
	previous: Report | null,
	{ t, fmt }: { t: Translate; fmt: Formats }
): KpiCard[] {
	/** The card of `key`: `figure` read from the view's report and from the previous period's. */
	const card = (
		key: Trend,
		figure: (r: Report) => number | null,
		value: string,
		detail: string,
		lowerIsBetter?: true
	): KpiCard => ({
		key,
		label: `kpi.${key}`,
		value,
		detail,
		now: figure(report),
		before: previous ? figure(previous) : null,
		...(lowerIsBetter ? { lowerIsBetter } : {})
	});
	const { deals, pipeline } = report;
	const closed = { won: fmt.count(deals.won), closed: fmt.count(deals.won + deals.lost) };
	return [
		card('created', (r) => r.deals.created, fmt.count(deals.created), t('kpi.created.detail')),
		card(
			'win-rate',
			(r) => r.win_rate,
			fmt.percent(report.win_rate),
			t('kpi.win-rate.detail', closed)
		),
		card(
			'avg-deal',
			(r) => r.avg_deal_size,
			fmt.number(report.avg_deal_size),
			t('kpi.median', { value: fmt.number(report.median_deal_size) })
		),
		card(
			'cycle',
			(r) => r.sales_cycle_days,
			fmt.days(report.sales_cycle_days),
			t('kpi.median', { value: fmt.days(report.median_sales_cycle_days) }),
			true
		),
		card(
			'velocity',
			(r) => r.sales_velocity_per_day,
			fmt.number(report.sales_velocity_per_day),
			t('kpi.velocity.detail')
		),
		card(
			'cac',
			(r) => r.cac,
			fmt.number(report.cac),
			report.spend === null
				? t('kpi.cac.none')
				: report.cac === null && deals.won > 0
					? t('kpi.cac.empty')
					: t('kpi.cac.detail', { value: fmt.number(report.spend) }),
			true
		),
		card(
			'pipeline',
			(r) => r.pipeline.open_value,
			fmt.number(pipeline.open_value),
			t('kpi.pipeline.detail', { n: fmt.count(pipeline.open_deals) })
		),
		card(
			'weighted',
			(r) => r.pipeline.weighted_value,
			fmt.number(pipeline.weighted_value),
			pipeline.weighted_value === null ? t('kpi.weighted.none') : t('kpi.weighted.detail')
		)
	];
}

/** ▲/▼ and the relative change against the previous period, when both exist. */
export function kpiChange(card: KpiCard, fmt: Formats): { text: string; good: boolean } | null {
	if (card.now === null || card.before === null || card.before === 0) return null;
	const ratio = (card.now - card.before) / Math.abs(card.before);
	const up = ratio >= 0;
	return {
		text: `${up ? '▲' : '▼'} ${fmt.percent(Math.abs(ratio))}`,
		good: up !== Boolean(card.lowerIsBetter)
	};
}
