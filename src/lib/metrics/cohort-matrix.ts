import { int, sql, type Fragment } from '../sql/sql';
import { inPeriod } from '../model/filters';
import { filteredDeals, type MetricContext } from './context';
import { monthOf, type Month } from './months';

/** One created month's cohort: how many deals, and how many (and what share) reached each column. */
export interface CohortRow extends Month {
	created: number;
	/** Cohort deals with furthest stage ≥ i, for S1 … Sk, then won (whenever). */
	reached: number[];
	/** `reached / created`; null for a month without deals. */
	share: (number | null)[];
}

/** Rows = created months of the period (every month, empty ones too), columns = S1 … Sk, won. */
export interface CohortMatrix {
	columns: string[];
	rows: CohortRow[];
}

/**
 * `(month, i, created, reached)` for every created month that has cohort deals and every
 * i = 1 … k+1: the funnel's `reached` (METRICS.md) per created month.
 */
export function cohortQuery(ctx: MetricContext): Fragment {
	const k = ctx.stages.length;
	// Deals counted per (month, furthest stage) first, the month named once per group.
	return sql`WITH per AS (
			SELECT date_trunc('month', created) AS m, furthest, count(*) AS n FROM ${filteredDeals(ctx)}
			WHERE ${inPeriod(sql`created`, ctx)} GROUP BY m, furthest
		),
		c AS (SELECT ${monthOf(sql`m`)} AS month, furthest, n FROM per)
		SELECT c.month, s.i::INTEGER AS i, sum(c.n)::DOUBLE AS created,
			COALESCE(sum(c.n) FILTER (WHERE c.furthest >= s.i), 0)::DOUBLE AS reached
		FROM c CROSS JOIN range(1, CAST(${int(k + 2)} AS INTEGER)) s(i)
		GROUP BY c.month, s.i ORDER BY c.month, s.i`;
}

export interface CohortCell {
	month: string;
	i: number;
	created: number;
	reached: number;
}

/** Per month of the period: the counts per column, zero-filled, and shares of the month's cohort. */
export function cohortRows(
	stageCount: number,
	months: readonly Month[],
	cells: readonly CohortCell[]
): CohortRow[] {
	const byMonth = new Map<string, CohortCell[]>();
	for (const cell of cells) {
		const list = byMonth.get(cell.month) ?? [];
		list.push(cell);
		byMonth.set(cell.month, list);
	}
	return months.map((m) => {
		const list = byMonth.get(m.month) ?? [];
		const created = list[0]?.created ?? 0;
		const reached = Array.from(
			{ length: stageCount + 1 },
			(_, i) => list.find((c) => c.i === i + 1)?.reached ?? 0
		);
		return {
			...m,
			created,
			reached,
			share: reached.map((r) => (created === 0 ? null : r / created))
		};
	});
}

/**
 * The whole cohort's funnel from the cells: `reached` summed over the created months, for
 * S1 … Sk, then won (the report's funnel counts, without a query of their own).
 */
export function cohortFunnel(stageCount: number, cells: readonly CohortCell[]): number[] {
	const reached = new Array<number>(stageCount + 1).fill(0);
	for (const cell of cells)
		if (cell.i >= 1 && cell.i <= stageCount + 1) reached[cell.i - 1] += cell.reached;
	return reached;
}

/** The heatmap: columns labelled S1 … Sk, then `won`. */
export function cohortMatrix(
	stages: readonly string[],
	months: readonly Month[],
	cells: readonly CohortCell[]
): CohortMatrix {
	return { columns: [...stages, 'won'], rows: cohortRows(stages.length, months, cells) };
}
