import { literal, sql, type Fragment } from '../sql/sql';
import type { MetricContext } from './context';
import { flaggedDeals } from './kpis';

/** `lost_reasons[i]` (METRICS.md §3). */
export interface LostReason {
	reason: string;
	deals: number;
	amount: number;
}

/** `lost_by_stage[i]`: lost deals whose furthest stage is `stage`. */
export interface LostAtStage {
	stage: string;
	deals: number;
}

/** `forecast[i]`: open deals expected to close in `month` (null: no expected date). */
export interface ForecastMonth {
	month: string | null;
	deals: number;
	value: number;
	weighted_value: number | null;
}

/** A row of `lostAndForecastQuery`: one group of one of its three parts. */
export interface LostAndForecastRow {
	part: 'reason' | 'stage' | 'month';
	key: string | null;
	deals: number;
	value: number | null;
	weighted: number | null;
	/** Deals of the group that have a probability (months only). */
	with_probability: number | null;
}

/** The text a lost deal without a reason is counted under. */
export const NO_REASON = '(none)';

/**
 * Lost reasons, lost deals by furthest stage and the forecast by expected-close month in one
 * statement: the lost deals of the period (`deals.lost`) grouped by reason and by furthest stage, and the
 * open pipeline (`pipeline.open_deals`) grouped by month. Amounts that are null count 0.
 */
export function lostAndForecastQuery(ctx: MetricContext): Fragment {
	return sql`WITH d AS NOT MATERIALIZED (SELECT * FROM ${flaggedDeals(ctx)})
		SELECT 'reason' AS part, COALESCE(lost_reason, ${literal(NO_REASON)}) AS key, count(*)::DOUBLE AS deals,
			sum(COALESCE(amount, 0)) AS value, CAST(NULL AS DOUBLE) AS weighted,
			CAST(NULL AS DOUBLE) AS with_probability
		FROM d WHERE lost_in GROUP BY 2
		UNION ALL
		SELECT 'stage', CAST(CAST(furthest AS INTEGER) AS VARCHAR), count(*)::DOUBLE, NULL, NULL, NULL
		FROM d WHERE lost_in GROUP BY furthest
		UNION ALL
		SELECT 'month', strftime(expected_close, '%Y-%m'), count(*)::DOUBLE, sum(COALESCE(amount, 0)),
			sum(COALESCE(amount, 0) * COALESCE(probability, 0) / 100), count(probability)::DOUBLE
		FROM d WHERE open_at_end GROUP BY 2`;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Lost reasons, most deals first (ties by reason); null when no lost-reason column is mapped. */
export function lostReasons(
	rows: readonly LostAndForecastRow[],
	mapped: boolean
): LostReason[] | null {
	if (!mapped) return null;
	return rows
		.filter((r) => r.part === 'reason')
		.map((r) => ({ reason: r.key ?? NO_REASON, deals: r.deals, amount: r.value ?? 0 }))
		.sort((a, b) => b.deals - a.deals || byText(a.reason, b.reason));
}

/** Every open stage in order with the lost deals whose furthest stage it is (0 where none). */
export function lostByStage(
	rows: readonly LostAndForecastRow[],
	stages: readonly string[]
): LostAtStage[] {
	const counts = new Map(rows.filter((r) => r.part === 'stage').map((r) => [r.key, r.deals]));
	return stages.map((stage, i) => ({ stage, deals: counts.get(String(i + 1)) ?? 0 }));
}

/**
 * Open deals by expected-close month, months ascending and the deals without a date last; the
 * weighted values null when no open deal has a probability. Null when no expected-close column
 * is mapped.
 */
export function forecast(
	rows: readonly LostAndForecastRow[],
	mapped: boolean
): ForecastMonth[] | null {
	if (!mapped) return null;
	const months = rows.filter((r) => r.part === 'month');
	const weighted = months.some((r) => (r.with_probability ?? 0) > 0);
	return months
		.map((r) => ({
			month: r.key,
			deals: r.deals,
			value: r.value ?? 0,
			weighted_value: weighted ? (r.weighted ?? 0) : null
		}))
		.sort((a, b) => (a.month === null ? 1 : b.month === null ? -1 : byText(a.month, b.month)));
}
