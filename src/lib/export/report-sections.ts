// The dashboard's views as report sections: tables of aggregates, formatted like the page.
// Only figures per stage, month, channel or dimension value go in; never a deal (the data
// quality examples name deals, so only their counts are kept).
import { interpolateBlues } from 'd3';
import { kpiCards, kpiChange } from '../components/kpi-cards';
import type { Dashboard } from '../engine/dashboard';
import type { Formats } from '../i18n/format';
import type { MessageKey } from '../i18n/messages';
import { DIMENSIONS } from '../model/config';
import type { ReportKpi, ReportRow, ReportSection } from './html-report';

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

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

const meddicName = (e: string) => e.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

export function reportKpis(data: Dashboard, o: SectionOptions): ReportKpi[] {
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
	data: Dashboard,
	t: Translate
): { label: string; values: string[] }[] {
	return DIMENSIONS.filter((d) => (data.filters[d] ?? []).length > 0).map((d) => ({
		label: t(`dim.${d}`),
		values: [...(data.filters[d] ?? [])]
	}));
}

/** Load warnings, then each data-quality finding with its count. */
/**
 * The engine's warnings name a deal id as an example (`first: id "D-17" at line 9`); a report of
 * aggregates keeps the line and leaves the id out.
 */
export function withoutDealIds(warning: string): string {
	return warning.replace(/\bid ".*?"(?=(?: again)? at |\))/g, 'id …');
}

export function reportWarnings(data: Dashboard, { t, fmt }: SectionOptions): string[] {
	return [
		...data.report.warnings.map(withoutDealIds),
		...data.quality
			.filter((q) => q.count > 0)
			.map((q) => `${t(`quality.kind.${q.kind}`)}: ${fmt.count(q.count)}`)
	];
}

export function reportSections(data: Dashboard, o: SectionOptions): ReportSection[] {
	const { t, fmt } = o;
	const charts = (id: string) => o.charts?.[id] ?? [];
	const stage = (s: string) => (s === 'won' ? t('funnel.won') : s);
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
		tables: [
			{
				columns: [
					t('cost.stage'),
					t('cost.reached'),
					t('report.from-previous'),
					t('report.from-first')
				],
				rows: data.funnel.rows.map((f) => ({
					cells: [
						stage(f.stage),
						fmt.count(f.reached),
						fmt.percent(f.from_previous),
						fmt.percent(f.from_first)
					],
					data: { stage: f.stage, reached: f.reached }
				}))
			}
		]
	});

	const months = data.series.months;
	sections.push({
		id: 'velocity',
		title: t('velocity.heading'),
		caption: t('velocity.formula'),
		charts: charts('velocity'),
		tables: [
			{
				columns: [
					t('cohorts.month'),
					t('kpi.created'),
					t('kpi.win-rate'),
					t('kpi.avg-deal'),
					t('kpi.cycle'),
					t('kpi.velocity')
				],
				rows: months.map((m) => ({
					cells: [
						m.month,
						fmt.count(m.created),
						fmt.percent(m.win_rate),
						fmt.number(m.avg_deal_size),
						fmt.days(m.sales_cycle_days),
						fmt.number(m.sales_velocity_per_day)
					],
					data: { month: m.month }
				}))
			}
		]
	});

	sections.push({
		id: 'cohorts',
		title: t('cohorts.heading'),
		caption: t('cohorts.caption'),
		charts: [],
		tables: [
			{
				columns: [t('cohorts.month'), t('cohorts.deals'), ...data.cohorts.columns.map(stage)],
				rows: data.cohorts.rows.map((r) => ({
					cells: [
						r.month,
						fmt.count(r.created),
						...r.share.map((s) =>
							s === null
								? ''
								: {
										text: fmt.percent(s),
										fill: interpolateBlues(s),
										ink: s > 0.55 ? '#fff' : '#1d2330'
									}
						)
					],
					data: { month: r.month, created: r.created }
				}))
			}
		]
	});

	sections.push({
		id: 'time-in-stage',
		title: t('tis.heading'),
		caption: data.durations ? t('tis.caption') : undefined,
		charts: data.durations ? charts('time-in-stage') : [],
		tables: data.durations
			? [
					{
						columns: [
							t('cost.stage'),
							t('report.stays'),
							t('report.mean'),
							'p5',
							'p25',
							t('report.median'),
							'p75',
							'p95'
						],
						rows: data.durations.map((d) => ({
							cells: [
								d.stage,
								fmt.count(d.n),
								fmt.days(d.mean),
								fmt.days(d.p5),
								fmt.days(d.p25),
								fmt.days(d.median),
								fmt.days(d.p75),
								fmt.days(d.p95)
							],
							data: { stage: d.stage, n: d.n }
						}))
					}
				]
			: [],
		notes: data.durations ? [] : [t('tis.empty')]
	});

	sections.push({
		id: 'cost-per-stage',
		title: t('cost.heading'),
		charts: [],
		tables: report.cost_per_stage
			? [
					{
						columns: [t('cost.stage'), t('cost.reached'), t('cost.per-deal')],
						rows: report.cost_per_stage.map((c, i) => ({
							cells: [
								c.stage === 'won' ? t('cost.won') : c.stage,
								fmt.count(report.funnel[i]?.reached ?? null),
								fmt.exact(c.cost)
							]
						})),
						foot: { cells: [t('cost.spend'), '', fmt.exact(report.spend)] }
					}
				]
			: [],
		notes: report.cost_per_stage ? [] : [t('cost.empty')]
	});

	if (data.cacByChannel) {
		const cac = data.cacByChannel;
		const channelRow = (c: (typeof cac.channels)[number], label = c.channel): ReportRow => ({
			cells: [
				label,
				fmt.exact(c.spend),
				fmt.count(c.created),
				fmt.count(c.won),
				fmt.exact(c.cac),
				...c.cost_per_stage.map((x) => fmt.exact(x.cost))
			]
		});
		sections.push({
			id: 'cac-by-channel',
			title: t('cac.heading'),
			charts: [],
			tables: [
				{
					columns: [
						t('cac.channel'),
						t('cac.spend'),
						t('cac.created'),
						t('cac.won'),
						t('cac.cac'),
						...cac.stages.map(stage)
					],
					rows: cac.channels.map((c) => channelRow(c)),
					foot: channelRow(cac.total, t('cac.total'))
				}
			]
		});
	}

	const b = data.breakdown;
	const breakdownRow = (r: (typeof b.rows)[number], label = r.value): ReportRow => ({
		cells: [
			label,
			fmt.count(r.created),
			fmt.count(r.won),
			fmt.percent(r.win_rate),
			fmt.number(r.avg_deal_size),
			fmt.days(r.sales_cycle_days),
			fmt.number(r.sales_velocity_per_day),
			fmt.number(r.open_value),
			fmt.number(r.cac)
		],
		data: { value: r.value, created: r.created }
	});
	sections.push({
		id: 'breakdown',
		title: `${t('breakdown.heading')}: ${t(`dim.${b.dimension}`)}`,
		charts: [],
		tables: [
			{
				columns: [
					t(`dim.${b.dimension}`),
					t('kpi.created'),
					t('cac.won'),
					t('kpi.win-rate'),
					t('kpi.avg-deal'),
					t('kpi.cycle'),
					t('kpi.velocity'),
					t('kpi.pipeline'),
					t('kpi.cac')
				],
				rows: b.rows.map((r) => breakdownRow(r)),
				foot: breakdownRow(b.total, t('breakdown.total'))
			}
		]
	});

	if (data.meddic) {
		const m = data.meddic;
		sections.push({
			id: 'meddic',
			title: t('meddic.heading'),
			charts: [],
			tables: [
				{
					caption: t('meddic.filled'),
					columns: ['', t('cohorts.deals'), ...m.elements.map(meddicName)],
					rows: m.by_stage.map((r) => ({
						cells: [
							stage(r.stage),
							fmt.count(r.deals),
							...m.elements.map((e) => fmt.percent(r.filled[e]?.share ?? null))
						]
					}))
				},
				{
					caption: t('meddic.win-rate'),
					columns: ['', t('kpi.win-rate'), t('cac.won'), t('report.lost')],
					rows: m.by_count.map((r) => ({
						cells: [
							`${r.filled} / ${m.elements.length}`,
							fmt.percent(r.win_rate),
							fmt.count(r.won),
							fmt.count(r.lost)
						]
					}))
				}
			]
		});
	}
	return sections;
}
