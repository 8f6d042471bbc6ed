// Tooltip texts for the chart marks: the exact value and the counts behind every rate.
import type { Formats } from '../i18n/format';
import type { MessageKey } from '../i18n/messages';
import type { SeriesRow } from '../metrics/series';
import type { StageDuration } from '../metrics/stage-durations';
import type { FunnelBar } from './funnel-layout';

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** What a tooltip needs to speak: the language's number formats and texts. */
export interface Speech {
	fmt: Formats;
	t: Translate;
}

/** The monthly trends a KPI card or a velocity factor draws. */
export type Trend =
	'created' | 'win-rate' | 'avg-deal' | 'cycle' | 'velocity' | 'cac' | 'pipeline' | 'weighted';

/** One month of a trend line: its value and what it is made of. */
export function monthTooltip(trend: Trend, m: SeriesRow, { fmt, t }: Speech): string {
	const month = m.month;
	/** A mean over the month's won deals, with their median and count. */
	const overWon = (
		key: MessageKey,
		mean: number | null,
		median: number | null,
		format: (value: number | null) => string
	) => t(key, { month, value: format(mean), median: format(median), won: fmt.count(m.won) });
	switch (trend) {
		case 'created':
			return t('tip.created', { month, n: fmt.count(m.created) });
		case 'win-rate':
			return t('tip.win-rate', {
				month,
				rate: fmt.percent(m.win_rate),
				won: fmt.count(m.won),
				closed: fmt.count(m.won + m.lost)
			});
		case 'avg-deal':
			return overWon('tip.avg-deal', m.avg_deal_size, m.median_deal_size, fmt.exact);
		case 'cycle':
			return overWon('tip.cycle', m.sales_cycle_days, m.median_sales_cycle_days, fmt.days);
		case 'velocity':
			return t('tip.velocity', {
				month,
				value: fmt.exact(m.sales_velocity_per_day),
				created: fmt.count(m.created),
				rate: fmt.percent(m.win_rate),
				size: fmt.exact(m.avg_deal_size),
				cycle: fmt.days(m.sales_cycle_days)
			});
		case 'cac':
			return m.spend === null
				? t('tip.cac.none', { month })
				: t('tip.cac', {
						month,
						value: fmt.exact(m.cac),
						spend: fmt.exact(m.spend),
						won: fmt.count(m.won)
					});
		case 'pipeline':
			return t('tip.pipeline', {
				month,
				value: fmt.exact(m.open_value),
				n: fmt.count(m.open_deals)
			});
		case 'weighted':
			return t('tip.weighted', {
				month,
				value: fmt.exact(m.weighted_value),
				total: fmt.exact(m.open_value),
				n: fmt.count(m.open_deals)
			});
	}
}

/**
 * A funnel bar: deals reached, both rates with their numerator and denominator, and the drop
 * from the previous bar. `first` is the first row's `reached`; `label` names the stage.
 */
export function funnelTooltip(
	bar: Pick<FunnelBar, 'stage' | 'reached' | 'fromPrevious' | 'fromFirst' | 'dropped'>,
	first: number,
	label: string,
	{ fmt, t }: Speech
): string {
	const parts = [t('funnel.tooltip', { stage: label, reached: fmt.count(bar.reached) })];
	if (bar.fromPrevious !== null && bar.dropped !== null)
		parts.push(
			t('funnel.prev.counts', {
				value: fmt.percent(bar.fromPrevious),
				n: fmt.count(bar.reached),
				of: fmt.count(bar.reached + bar.dropped)
			})
		);
	if (bar.fromFirst !== null)
		parts.push(
			t('funnel.first.counts', {
				value: fmt.percent(bar.fromFirst),
				n: fmt.count(bar.reached),
				of: fmt.count(first)
			})
		);
	if (bar.dropped !== null) parts.push(t('funnel.dropped', { n: fmt.count(bar.dropped) }));
	return parts.join('; ');
}

/** A cohort heatmap cell: the month's deals that reached the stage, of all created that month. */
export function cohortTooltip(
	cell: { month: string; stage: string; reached: number; created: number; share: number | null },
	{ fmt, t }: Speech
): string {
	return t('cohorts.cell', {
		month: cell.month,
		stage: cell.stage,
		n: fmt.count(cell.reached),
		of: fmt.count(cell.created),
		share: fmt.percent(cell.share)
	});
}

/** A time-in-stage box: the five marks drawn (whiskers p5 / p95, box p25 / p75, median), mean and n. */
export function durationTooltip(d: StageDuration, label: string, { fmt, t }: Speech): string {
	return t('tis.tooltip', {
		stage: label,
		median: fmt.days(d.median),
		mean: fmt.days(d.mean),
		n: fmt.count(d.n),
		p5: fmt.days(d.p5),
		p25: fmt.days(d.p25),
		p75: fmt.days(d.p75),
		p95: fmt.days(d.p95)
	});
}

/** A channel's CAC bar: the spend and won deals it divides, or why there is none. */
export function cacTooltip(
	c: { channel: string; spend: number; won: number; cac: number | null },
	{ fmt, t }: Speech
): string {
	return t(c.cac === null ? 'cac.bar.none' : 'cac.bar', {
		channel: c.channel,
		value: fmt.exact(c.cac),
		spend: fmt.exact(c.spend),
		won: fmt.count(c.won)
	});
}

/** A cost-per-stage cell: the spend divided by the deals that reached the stage. */
export function stageCostTooltip(
	c: { stage: string; cost: number | null; spend: number; reached: number },
	{ fmt, t }: Speech
): string {
	return t('cost.cell', {
		stage: c.stage,
		value: fmt.exact(c.cost),
		spend: fmt.exact(c.spend),
		n: fmt.count(c.reached)
	});
}
