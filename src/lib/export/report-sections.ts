// The dashboard's views as report sections: tables of aggregates, formatted like the page.
// Only figures per stage, month, channel or dimension value go in; never a deal (the data
// quality examples name deals, so only their counts are kept).
import type { Translate } from '../charts/tooltips';
import type { DashboardResults } from '../engine/dashboard';
import type { Formats } from '../i18n/format';
import { DIMENSIONS } from '../model/config';
import type { ReportKpi, ReportSection } from './html-report';
import { kpiCards, kpiChange } from './kpi-cards';
import {
	breakdownTable,
	cacTable,
	cohortsTable,
	costTable,
	durationsTable,
	forecastTable,
	funnelTable,
	lostByStageTable,
	lostReasonsTable,
	meddicCountTable,
	meddicStageTable,
	reportTable,
	velocityTable
} from './panel-tables';

export interface SectionOptions {
	t: Translate;
	fmt: Formats;
	/** SVG markup per panel id, serialised from the page. */
	charts?: Record<string, string[]>;
	/** Sparkline markup per KPI key. */
	sparks?: Record<string, string>;
	/** Days of the previous period (the KPI change's tooltip). */
	previousDays?: number;
}

export function reportKpis(data: DashboardResults, o: SectionOptions): ReportKpi[] {
	return kpiCards(data.report, data.previous, o).map((card) => ({
		key: card.key,
		label: o.t(card.label),
		value: card.value,
		detail: card.detail,
		raw: card.now,
		change: data.previous ? kpiChange(card, o.fmt) : null,
		changeTitle: o.t('kpi.vs-previous', { days: o.previousDays ?? 0 }),
		spark: o.sparks?.[card.key]
	}));
}

/** The active filters, labelled. */
export function reportFilters(
	data: DashboardResults,
	t: Translate
): { label: string; values: string[] }[] {
	return DIMENSIONS.filter((d) => (data.filters[d] ?? []).length > 0).map((d) => ({
		label: t(`dim.${d}`),
		values: [...(data.filters[d] ?? [])]
	}));
}

/**
 * The engine's warnings name a deal id as an example (`first: id "D-17" at line 9`); a report of
 * aggregates keeps the line and leaves the id out.
 */
export function withoutDealIds(warning: string): string {
	return warning.replace(/\bid ".*?"(?=(?: again)? at |\))/g, 'id …');
}

/** Load warnings, then each data-quality finding with its count. */
export function reportWarnings(data: DashboardResults, { t, fmt }: SectionOptions): string[] {
	return [
		...data.report.warnings.map(withoutDealIds),
		...data.quality
			.filter((q) => q.count > 0)
			.map((q) => `${t(`quality.kind.${q.kind}`)}: ${fmt.count(q.count)}`)
	];
}

/** The panels as report sections, each table from its panel's definition (`panel-tables`). */
export function reportSections(data: DashboardResults, o: SectionOptions): ReportSection[] {
	const { t } = o;
	const show = { t, fmt: o.fmt };
	const charts = (id: string) => o.charts?.[id] ?? [];
	const report = data.report;
	const sections: ReportSection[] = [];

	sections.push({
		id: 'funnel',
		title: t('funnel.heading'),
		caption: t(
			data.funnel.mode === 'cohort' ? 'funnel.cohort-caption' : 'funnel.snapshot-caption',
			{ from: report.period.from, to: report.period.to }
		),
		charts: charts('funnel'),
		tables: [reportTable(funnelTable(data.funnel.rows), show)]
	});

	const lostCaption = { from: report.period.from, to: report.period.to };
	if (report.lost_by_stage) {
		sections.push({
			id: 'lost-by-stage',
			title: t('lost-stage.heading'),
			caption: t('lost-stage.caption', lostCaption),
			charts: charts('lost-by-stage'),
			tables: [reportTable(lostByStageTable(report.lost_by_stage), show)]
		});
	}
	sections.push({
		id: 'lost-reasons',
		title: t('lost.heading'),
		caption: t('lost.caption', lostCaption),
		charts: report.lost_reasons ? charts('lost-reasons') : [],
		tables: report.lost_reasons ? [reportTable(lostReasonsTable(report.lost_reasons), show)] : [],
		notes: report.lost_reasons ? [] : [t('lost.empty')]
	});
	sections.push({
		id: 'forecast',
		title: t('forecast.heading'),
		caption: t('forecast.caption'),
		charts: report.forecast ? charts('forecast') : [],
		tables: report.forecast ? [reportTable(forecastTable(report.forecast), show)] : [],
		notes: report.forecast ? [] : [t('forecast.empty')]
	});

	sections.push({
		id: 'velocity',
		title: t('velocity.heading'),
		caption: t('velocity.formula'),
		charts: charts('velocity'),
		tables: [reportTable(velocityTable(data.series.months), show)]
	});

	sections.push({
		id: 'cohorts',
		title: t('cohorts.heading'),
		caption: t('cohorts.caption'),
		charts: [],
		tables: [reportTable(cohortsTable(data.cohorts), show)]
	});

	sections.push({
		id: 'time-in-stage',
		title: t('tis.heading'),
		caption: data.durations ? t('tis.caption') : undefined,
		charts: data.durations ? charts('time-in-stage') : [],
		tables: data.durations ? [reportTable(durationsTable(data.durations), show)] : [],
		notes: data.durations ? [] : [t('tis.empty')]
	});

	sections.push({
		id: 'cost-per-stage',
		title: t('cost.heading'),
		charts: [],
		tables: report.cost_per_stage ? [reportTable(costTable(report), show)] : [],
		notes: report.cost_per_stage ? [] : [t('cost.empty')]
	});

	if (data.cacByChannel) {
		sections.push({
			id: 'cac-by-channel',
			title: t('cac.heading'),
			charts: [],
			tables: [reportTable(cacTable(data.cacByChannel), show)]
		});
	}

	sections.push({
		id: 'breakdown',
		title: `${t('breakdown.heading')}: ${t(`dim.${data.breakdown.dimension}`)}`,
		charts: [],
		tables: [reportTable(breakdownTable(data.breakdown), show)]
	});

	if (data.meddic) {
		sections.push({
			id: 'meddic',
			title: t('meddic.heading'),
			charts: [],
			tables: [
				reportTable(meddicStageTable(data.meddic), show),
				reportTable(meddicCountTable(data.meddic), show)
			]
		});
	}
	return sections;
}
