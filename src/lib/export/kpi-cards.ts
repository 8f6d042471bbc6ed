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
	const p = previous;
	return [
		{
			key: 'created',
			label: 'kpi.created',
			value: fmt.count(report.deals.created),
			detail: t('kpi.created.detail'),
			now: report.deals.created,
			before: p?.deals.created ?? null
		},
		{
			key: 'win-rate',
			label: 'kpi.win-rate',
			value: fmt.percent(report.win_rate),
			detail: t('kpi.win-rate.detail', {
				won: fmt.count(report.deals.won),
				closed: fmt.count(report.deals.won + report.deals.lost)
			}),
			now: report.win_rate,
			before: p?.win_rate ?? null
		},
		{
			key: 'avg-deal',
			label: 'kpi.avg-deal',
			value: fmt.number(report.avg_deal_size),
			detail: t('kpi.median', { value: fmt.number(report.median_deal_size) }),
			now: report.avg_deal_size,
			before: p?.avg_deal_size ?? null
		},
		{
			key: 'cycle',
			label: 'kpi.cycle',
			value: fmt.days(report.sales_cycle_days),
			detail: t('kpi.median', { value: fmt.days(report.median_sales_cycle_days) }),
			now: report.sales_cycle_days,
			before: p?.sales_cycle_days ?? null,
			lowerIsBetter: true
		},
		{
			key: 'velocity',
			label: 'kpi.velocity',
			value: fmt.number(report.sales_velocity_per_day),
			detail: t('kpi.velocity.detail'),
			now: report.sales_velocity_per_day,
			before: p?.sales_velocity_per_day ?? null
		},
		{
			key: 'cac',
			label: 'kpi.cac',
			value: fmt.number(report.cac),
			detail:
				report.spend === null
					? t('kpi.cac.none')
					: report.cac === null && report.deals.won > 0
						? t('kpi.cac.empty')
						: t('kpi.cac.detail', { value: fmt.number(report.spend) }),
			now: report.cac,
			before: p?.cac ?? null,
			lowerIsBetter: true
		},
		{
			key: 'pipeline',
			label: 'kpi.pipeline',
			value: fmt.number(report.pipeline.open_value),
			detail: t('kpi.pipeline.detail', { n: fmt.count(report.pipeline.open_deals) }),
			now: report.pipeline.open_value,
			before: p?.pipeline.open_value ?? null
		},
		{
			key: 'weighted',
			label: 'kpi.weighted',
			value: fmt.number(report.pipeline.weighted_value),
			detail:
				report.pipeline.weighted_value === null ? t('kpi.weighted.none') : t('kpi.weighted.detail'),
			now: report.pipeline.weighted_value,
			before: p?.pipeline.weighted_value ?? null
		}
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
