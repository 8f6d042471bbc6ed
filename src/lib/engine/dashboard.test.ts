import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose } from '../../../tests/unit/expect-close';
import { HUBSPOT_EXAMPLE, loadHubspotExample } from '../../../tests/unit/hubspot-example';
import { useNodeDb } from '../../../tests/unit/node-db';
import { DIMENSIONS } from '../model/config';
import type { BreakdownRow } from '../metrics/breakdown';
import type { Report } from '../metrics/report';
import { QUALITY_KINDS } from '../metrics/quality';
import { runDashboard, type DashboardResults } from './dashboard';
import { runReport } from './report';
import type { Dataset } from './dataset';

const YEAR = { from: '2024-04-01', to: '2025-03-31' };

const db = useNodeDb();
let dataset: Dataset;
let view: DashboardResults;
beforeAll(async () => {
	dataset = await loadHubspotExample(db);
	view = await runDashboard(db, dataset, { period: YEAR, breakdown: 'source' });
});

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** The breakdown's totals row against the report it must equal. */
function expectTotalsMatch(total: BreakdownRow, report: Report): void {
	expectClose(total, {
		created: report.deals.created,
		won: report.deals.won,
		lost: report.deals.lost,
		win_rate: report.win_rate,
		avg_deal_size: report.avg_deal_size,
		median_deal_size: report.median_deal_size,
		sales_cycle_days: report.sales_cycle_days,
		median_sales_cycle_days: report.median_sales_cycle_days,
		sales_velocity_per_day: report.sales_velocity_per_day,
		open_deals: report.pipeline.open_deals,
		open_value: report.pipeline.open_value,
		weighted_value: report.pipeline.weighted_value,
		spend: report.spend,
		cac: report.cac
	});
}

describe('runDashboard on the HubSpot example', () => {
	it('runDashboard(db, dataset, request).report is the report of expected.json', () => {
		const runs = JSON.parse(readFileSync(join(HUBSPOT_EXAMPLE, 'expected.json'), 'utf8')) as {
			from: string | null;
			to: string | null;
			where: unknown;
			expected: Record<string, unknown>;
		}[];
		const run = runs.find((r) => r.from === YEAR.from && r.to === YEAR.to && r.where === null)!;
		expect(view.period).toEqual(YEAR);
		// Every figure expected.json holds (the period, deals, funnel, rates, sizes, cycle,
		// velocity, time in stage, spend, CAC, cost per stage, pipeline), each one compared.
		expect(Object.keys(run.expected).sort()).toEqual([
			'avg_deal_size',
			'cac',
			'cost_per_stage',
			'deals',
			'funnel',
			'median_deal_size',
			'median_sales_cycle_days',
			'period',
			'pipeline',
			'sales_cycle_days',
			'sales_velocity_per_day',
			'spend',
			'time_in_stage',
			'win_rate'
		]);
		expectClose(view.report, run.expected);
	});

	it('the breakdown totals row equals the report, for every dimension', async () => {
		expectTotalsMatch(view.breakdown.total, view.report);
		for (const dimension of DIMENSIONS) {
			const other = await runDashboard(db, dataset, { period: YEAR, breakdown: dimension });
			expect(other.breakdown.dimension).toBe(dimension);
			expectTotalsMatch(other.breakdown.total, other.report);
			expect(sum(other.breakdown.rows.map((r) => r.created))).toBe(other.report.deals.created);
			expect(sum(other.breakdown.rows.map((r) => r.open_deals))).toBe(
				other.report.pipeline.open_deals
			);
		}
	});

	it('breakdown rows by source carry spend that adds up to the report’s', () => {
		expectClose(sum(view.breakdown.rows.map((r) => r.spend ?? 0)), view.report.spend ?? NaN);
		expect(sum(view.breakdown.rows.map((r) => r.won))).toBe(view.report.deals.won);
	});

	it('a breakdown row is the report filtered by its value', async () => {
		const row = view.breakdown.rows[0];
		const filtered = await runDashboard(db, dataset, {
			period: YEAR,
			filters: { source: [row.value] },
			breakdown: 'source'
		});
		expectTotalsMatch({ ...row }, filtered.report);
		expect(filtered.breakdown.rows.map((r) => r.value)).toEqual([row.value]);
	});

	it('series: one row per month; created, won, lost and spend add up to the report', () => {
		expect(view.series.months.map((m) => m.month)).toEqual([
			'2024-04',
			'2024-05',
			'2024-06',
			'2024-07',
			'2024-08',
			'2024-09',
			'2024-10',
			'2024-11',
			'2024-12',
			'2025-01',
			'2025-02',
			'2025-03'
		]);
		const months = view.series.months;
		expect(sum(months.map((m) => m.created))).toBe(view.report.deals.created);
		expect(sum(months.map((m) => m.won))).toBe(view.report.deals.won);
		expect(sum(months.map((m) => m.lost))).toBe(view.report.deals.lost);
		expectClose(sum(months.map((m) => m.spend ?? 0)), view.report.spend ?? NaN);
		expect(view.report.funnel).toHaveLength(dataset.stages.length + 1);
		view.report.funnel.forEach((row, i) =>
			expect(sum(months.map((m) => m.reached[i]))).toBe(row.reached)
		);
		// The last month's pipeline is the report's (open deals created on or before `to`).
		expectClose(months[months.length - 1], {
			open_deals: view.report.pipeline.open_deals,
			open_value: view.report.pipeline.open_value,
			weighted_value: view.report.pipeline.weighted_value
		});
	});

	it('cohort matrix: the first column is 1 wherever a month has deals; counts match the series', () => {
		expect(view.cohorts.columns).toEqual([...dataset.stages, 'won']);
		expect(view.cohorts.rows.map((r) => r.month)).toEqual(view.series.months.map((m) => m.month));
		expect(view.cohorts.rows.map((r) => r.created)).toEqual(
			view.series.months.map((m) => m.created)
		);
		expect(view.cohorts.rows.map((r) => r.reached)).toEqual(
			view.series.months.map((m) => m.reached)
		);
		// Every month of the HubSpot example's year has deals created in it.
		expect(view.cohorts.rows.map((r) => r.created > 0 && r.share[0])).toEqual(
			view.cohorts.rows.map(() => 1)
		);
	});

	it('durations: n and median per stage equal time in stage’s', () => {
		const durations = view.durations!;
		const times = view.report.time_in_stage!;
		expect(durations.map((d) => d.stage)).toEqual(dataset.stages);
		expect(times.map((t) => t.stage)).toEqual(dataset.stages);
		expect(durations.map((d) => [d.n, d.median])).toEqual(times.map((t) => [t.n, t.median_days]));
		expectClose(
			durations.map((d) => d.mean),
			times.map((t) => t.mean_days)
		);
		// Every stage was stayed in by some deal, so each has a full, ordered spread.
		for (const d of durations) {
			expect(d.n).toBeGreaterThan(0);
			const order = [d.min, d.p5, d.p25, d.median, d.p75, d.p95, d.max] as number[];
			expect([...order].sort((a, b) => a - b)).toEqual(order);
		}
	});

	it('a cohort view offers snapshot counting without computing it', () => {
		expect(view.snapshotAvailable).toBe(true);
		expect(view.snapshot).toBeNull();
		expect(view.funnel).toEqual({ mode: 'cohort', rows: view.report.funnel });
	});

	it('funnelMode snapshot: the snapshot funnel in `funnel`, labelled, its won row the deals won in the period', async () => {
		const snap = await runDashboard(db, dataset, { period: YEAR, funnelMode: 'snapshot' });
		expect(snap.funnel).toEqual(snap.snapshot);
		expect(snap.snapshot?.mode).toBe('snapshot');
		expect(snap.snapshot?.rows.map((r) => r.stage)).toEqual([...dataset.stages, 'won']);
		expect(snap.snapshot?.rows.at(-1)?.reached).toBe(snap.report.deals.won);
	});

	it('cac by channel: the total is the report’s spend, CAC and cost per stage', () => {
		const cac = view.cacByChannel;
		expect(cac).not.toBeNull();
		expectClose(cac?.total, {
			spend: view.report.spend,
			created: view.report.deals.created,
			won: view.report.deals.won,
			reached: view.report.funnel.map((f) => f.reached),
			cac: view.report.cac,
			cost_per_stage: view.report.cost_per_stage
		});
	});

	it('the report is the one `report` prints: its time in stage (from the stay distribution) too', async () => {
		const alone = await runReport(db, dataset, { period: YEAR });
		expect(alone.time_in_stage?.some((t) => t.n > 0)).toBe(true);
		expect(view.report.time_in_stage?.map((t) => [t.stage, t.n, t.median_days])).toEqual(
			alone.time_in_stage?.map((t) => [t.stage, t.n, t.median_days])
		);
		view.report.time_in_stage?.forEach((t, i) =>
			expectClose(t.mean_days, alone.time_in_stage?.[i].mean_days)
		);
		expect({ ...view.report, time_in_stage: null }).toEqual({ ...alone, time_in_stage: null });
	});

	it('previous: the KPIs of the year before, same filters', async () => {
		expect(view.previousPeriod).toEqual({ from: '2023-04-02', to: '2024-03-31' });
		expect(view.previous?.period).toEqual(view.previousPeriod);
		expect(view.previous?.deals.created).toBeGreaterThan(0);
		const alone = await runReport(db, dataset, { period: view.previousPeriod });
		// Only the KPIs are asked for: no time in stage, no lost reasons or forecast.
		const kpisOnly = {
			time_in_stage: null,
			lost_reasons: null,
			lost_by_stage: null,
			forecast: null
		};
		expect(view.previous).toEqual({ ...alone, ...kpisOnly });
	});

	it('quality: one finding per kind with at most five examples', () => {
		expect(view.quality.map((q) => q.kind)).toEqual([...QUALITY_KINDS]);
		for (const q of view.quality) {
			expect(q.examples.length).toBe(Math.min(5, q.count));
			for (const e of q.examples) expect(e.line).toBeGreaterThan(1);
		}
	});
});
