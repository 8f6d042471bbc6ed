import type { Db, Row } from '../db/types';
import type { Dimension } from '../model/config';
import type { Filters, Period } from '../model/filters';
import { MEDDIC_ELEMENTS } from '../model/meddic';
import {
	breakdown,
	breakdownQuery,
	breakdownTotal,
	type Breakdown,
	type BreakdownCells
} from '../metrics/breakdown';
import {
	cacByChannel,
	cacByChannelQuery,
	type CacByChannel,
	type ChannelCell
} from '../metrics/cac-by-channel';
import {
	cohortFunnel,
	cohortMatrix,
	cohortQuery,
	type CohortCell,
	type CohortMatrix
} from '../metrics/cohort-matrix';
import type { MetricContext } from '../metrics/context';
import {
	meddic,
	meddicByCountQuery,
	meddicByStageQuery,
	type Meddic,
	type MeddicCountCells
} from '../metrics/meddic';
import { monthsOf } from '../metrics/months';
import { previousPeriod } from '../metrics/previous-period';
import { qualityFindings, qualityQuery, type QualityFinding } from '../metrics/quality';
import type { Report } from '../metrics/report';
import { series, seriesQuery, type Series, type SeriesCells } from '../metrics/series';
import {
	snapshotFunnel,
	snapshotFunnelQuery,
	type FunnelMode,
	type FunnelView
} from '../metrics/snapshot-funnel';
import {
	stageDurations,
	stageDurationsQuery,
	type StageDuration,
	type StageDurationCells
} from '../metrics/stage-durations';
import { viewStages } from '../model/pipeline-view';
import { sourceLine } from '../ingest/raw-table';
import type { Dataset } from './dataset';
import { resolvePeriod, runReport } from './report';
import { inView, viewValuesUpdate } from './view-values';
import type { Sql } from '../sql/sql';

export interface DashboardRequest {
	/** Without a period, the whole data (METRICS.md §2). */
	period?: Period | null;
	filters?: Filters;
	/** The dimension of the breakdown table (`owner` when not given). */
	breakdown?: Dimension;
	/** Which funnel `funnel` shows (`cohort` when not given). */
	funnelMode?: FunnelMode;
}

/** Every view of the dashboard for one period and set of filters. */
export interface DashboardResults {
	period: Period;
	filters: Filters;
	/** The METRICS.md §4 object: the KPI row, the cohort funnel, time in stage, CAC. */
	report: Report;
	/** The period of the same length just before, which `previous` covers. */
	previousPeriod: Period;
	/**
	 * The report for `previousPeriod`, same filters, for the KPI cards' change (its time in stage
	 * is left empty); null when the data starts after it.
	 */
	previous: Report | null;
	/**
	 * The funnel in the requested mode; the cohort funnel when snapshot counting was asked for
	 * but there is no stage history (`mode` says which it is).
	 */
	funnel: FunnelView;
	/**
	 * Snapshot counting when it was asked for (`funnelMode: 'snapshot'`), else null: its query is
	 * the dearest of a view, so a cohort view does not pay for it.
	 */
	snapshot: FunnelView | null;
	/** Whether snapshot counting can be asked for (there are stage events). */
	snapshotAvailable: boolean;
	/** Per calendar month of the period: sparklines, velocity factors, trends. */
	series: Series;
	breakdown: Breakdown;
	/** Created month × stage reached. */
	cohorts: CohortMatrix;
	/** Stay lengths per open stage; null without stage events. */
	durations: StageDuration[] | null;
	/** CAC and cost per stage per channel; null without a spend table. */
	cacByChannel: CacByChannel | null;
	/** One finding per kind (`QUALITY_KINDS` order), zero counts included. */
	quality: QualityFinding[];
	/** Qualification by furthest stage and win rate by elements filled; null without MEDDIC columns. */
	meddic: Meddic | null;
}

/** `DashboardResults` with every panel's result still on its way: each settles as its statements end. */
export type DashboardParts = Pick<
	DashboardResults,
	'period' | 'filters' | 'previousPeriod' | 'snapshotAvailable'
> & {
	[
		K in Exclude<
			keyof DashboardResults,
			'period' | 'filters' | 'previousPeriod' | 'snapshotAvailable'
		>
	]: Promise<DashboardResults[K]>;
};

/**
 * Every panel of a view as its own promise, named, so a page can draw each as soon as it is
 * ready. The statements are asked in the order the page shows them first: the breakdown (the
 * KPI cards' counts, deal size, cycle, pipeline and spend) and the cohort (the funnel), then the
 * rest; the engine runs them in that order.
 */
export function dashboardParts(
	db: Db,
	dataset: Dataset,
	request: DashboardRequest = {}
): DashboardParts {
	const period = resolvePeriod(dataset, request.period);
	const filters = request.filters ?? {};
	// The view's statements bind nothing: they read the periods and filters from `view_values`.
	return inView(
		db,
		{ period, filters },
		(viewDb) => panels(viewDb, dataset, request, { period, filters }),
		(parts) => Object.values(parts).filter((part) => part instanceof Promise)
	);
}

/**
 * The statements the view of `request` sends (its values' write first), none of them sent: what
 * `planAhead` plans while the page waits. Every statement of a view is asked at once, before
 * any result is back, so none is missing here.
 */
export function viewStatements(dataset: Dataset, request: DashboardRequest = {}): Sql[] {
	const period = resolvePeriod(dataset, request.period);
	const filters = request.filters ?? {};
	const statements = [viewValuesUpdate(period, filters)];
	const recorder: Db = {
		query: (statement) => {
			statements.push(statement);
			// Never answered: nothing is computed from a statement that did not run.
			return new Promise(() => {});
		},
		registerFile: () => Promise.reject(new Error('a view registers no file')),
		dropFile: () => Promise.reject(new Error('a view drops no file')),
		close: () => Promise.resolve()
	};
	panels(recorder, dataset, request, { period, filters });
	return statements;
}

function panels(
	db: Db,
	dataset: Dataset,
	request: DashboardRequest,
	{ period, filters }: { period: Period; filters: Filters }
): DashboardParts {
	const ctx: MetricContext = {
		period,
		filters,
		slot: 'view',
		stages: viewStages(dataset.stages, dataset.pipelines, filters)
	};
	const dimension = request.breakdown ?? 'owner';
	// The period `view_values` holds as the previous one (`inView`).
	const before = previousPeriod(period);
	const hasEvents = dataset.eventCount > 0;
	const hasSpend = dataset.hasSpend;
	const dealsFile = dataset.files.find((f) => f.role === 'deals');
	// The row of the user's file (the sheet row of a workbook, the table row of an HTML table).
	const lineOf = dealsFile
		? (row: number) => sourceLine(dealsFile.raw, row + dealsFile.raw.preamble + 1)
		: undefined;
	const elements = MEDDIC_ELEMENTS.filter((e) => dataset.deals.meddic?.[e] !== undefined);

	const breakdownRows = db.query<BreakdownCells & Row>(breakdownQuery(ctx, dimension));
	// The breakdown's totals row is the report's counts, deal size, cycle, pipeline and spend.
	const kpis = breakdownRows.then(breakdownTotal);
	const spend = kpis.then((total) => total.spend ?? 0);
	const spendRows = kpis.then((total) => total.spend_rows);
	const cohortRows = db.query<CohortCell & Row>(cohortQuery(ctx));
	// The cohort matrix summed over its months is the report's funnel.
	const reached = cohortRows.then((cells) => cohortFunnel(ctx.stages.length, cells));
	// The stay distribution's cells give the report its time in stage too (one pass over stays).
	const durations = hasEvents
		? db
				.query<StageDurationCells & Row>(stageDurationsQuery(ctx))
				.then((rows) => stageDurations(ctx.stages, rows))
		: Promise.resolve(null);
	const stays = durations.then(
		(rows) => rows?.map((r) => ({ n: r.n, mean_days: r.mean, median_days: r.median })) ?? null
	);
	const report = runReport(db, dataset, {
		period,
		filters,
		slot: 'view',
		stays,
		kpis,
		reached,
		spend,
		spendRows
	});
	const snapshot =
		hasEvents && request.funnelMode === 'snapshot'
			? db
					.query<{ i: number; reached: number }>(snapshotFunnelQuery(ctx))
					.then((rows) => snapshotFunnel(ctx.stages, rows))
			: Promise.resolve(null);
	// The previous period only gives the KPI cards their change: no time in stage.
	const previous =
		dataset.whole && before.to >= dataset.whole.from
			? runReport(db, dataset, {
					period: before,
					filters,
					slot: 'previous',
					stays: Promise.resolve(null),
					losses: false
				})
			: Promise.resolve(null);
	const seriesCells = db.query<SeriesCells & Record<string, string | number | null>>(
		seriesQuery(ctx)
	);
	const channelCells = hasSpend
		? db.query<ChannelCell & Record<string, string | number>>(cacByChannelQuery(ctx))
		: Promise.resolve(null);
	const meddicRows = elements.length
		? Promise.all([
				db.query(meddicByStageQuery(ctx, elements)),
				db.query<MeddicCountCells & Row>(meddicByCountQuery(ctx, elements))
			])
		: Promise.resolve(null);
	const quality = db.query(qualityQuery(ctx)).then((rows) => qualityFindings(rows, { lineOf }));
	return {
		period,
		filters,
		previousPeriod: before,
		snapshotAvailable: hasEvents,
		report,
		previous,
		funnel: snapshot.then(async (view) => view ?? { mode: 'cohort', rows: (await report).funnel }),
		snapshot,
		series: Promise.all([seriesCells, cohortRows]).then(([cells, cohort]) =>
			series(ctx, cells, cohort, { hasSpend })
		),
		breakdown: breakdownRows.then((cells) => breakdown(dimension, cells, { hasSpend })),
		cohorts: cohortRows.then((cells) => cohortMatrix(ctx.stages, monthsOf(period), cells)),
		durations,
		cacByChannel: channelCells.then((cells) => (cells ? cacByChannel(ctx.stages, cells) : null)),
		quality,
		meddic: meddicRows.then((rows) => (rows ? meddic(ctx.stages, elements, ...rows) : null))
	};
}

/** Every panel of a view, once all have settled (`dashboardParts`, awaited). */
export async function runDashboard(
	db: Db,
	dataset: Dataset,
	request: DashboardRequest = {}
): Promise<DashboardResults> {
	return settled<DashboardResults>(dashboardParts(db, dataset, request));
}

/** An object of named values and promises, once every promise has settled (the first failure rejects). */
export async function settled<T extends object>(parts: {
	[K in keyof T]: T[K] | Promise<T[K]>;
}): Promise<T> {
	const entries = await Promise.all(
		Object.entries(parts).map(async ([key, value]) => [key, await value] as const)
	);
	return Object.fromEntries(entries) as T;
}
