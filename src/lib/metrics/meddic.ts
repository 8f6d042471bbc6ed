import type { Row } from '../sql/row';
import { int, join, sql, type Fragment } from '../sql/sql';
import { inPeriod } from '../model/filters';
import { meddicColumn, type MeddicElement } from '../model/meddic';
import { filteredDeals, type MetricContext } from './context';
import { winRate } from './win-rate';

/** Cohort deals whose furthest stage is this one, and the share with each element filled. */
export interface MeddicStageRow {
	stage: string;
	deals: number;
	/** Per element the file has: deals with it filled, and their share (null without deals). */
	filled: Partial<Record<MeddicElement, { count: number; share: number | null }>>;
}

/** Deals closed in the period with this many elements filled, and their win rate. */
export interface MeddicCountRow {
	filled: number;
	won: number;
	lost: number;
	win_rate: number | null;
}

export interface Meddic {
	/** The elements the deals file has, in MEDDIC order. */
	elements: MeddicElement[];
	/** One row per furthest stage: S1 … Sk, then won. */
	by_stage: MeddicStageRow[];
	/** One row per number of elements filled, 0 … elements.length. */
	by_count: MeddicCountRow[];
}

function filledCount(elements: readonly MeddicElement[]): Fragment {
	return join(
		elements.map((e) => sql`CAST(COALESCE(${meddicColumn(e)}, false) AS INTEGER)`),
		' + '
	);
}

/** `(i, deals, <element>…)`: cohort deals by furthest stage i = 1 … k+1 and how many filled each element. */
export function meddicByStageQuery(
	ctx: MetricContext,
	elements: readonly MeddicElement[]
): Fragment {
	const k = ctx.stages.length;
	const counts = elements.map(
		(e) => sql`, count(d.id) FILTER (WHERE d.${meddicColumn(e)})::DOUBLE AS ${meddicColumn(e)}`
	);
	return sql`SELECT s.i::INTEGER AS i, count(d.id)::DOUBLE AS deals ${join(counts, ' ')}
		FROM range(1, CAST(${int(k + 2)} AS INTEGER)) s(i)
		LEFT JOIN (SELECT * FROM ${filteredDeals(ctx)} WHERE ${inPeriod(sql`created`, ctx)}) d
			ON d.furthest = s.i
		GROUP BY s.i ORDER BY s.i`;
}

/** `(filled, won, lost)` over deals closed in the period, by how many elements are filled. */
export function meddicByCountQuery(
	ctx: MetricContext,
	elements: readonly MeddicElement[]
): Fragment {
	return sql`SELECT ${filledCount(elements)} AS filled,
			count(*) FILTER (WHERE outcome = 'won')::DOUBLE AS won,
			count(*) FILTER (WHERE outcome = 'lost')::DOUBLE AS lost
		FROM ${filteredDeals(ctx)}
		WHERE outcome IN ('won', 'lost') AND ${inPeriod(sql`closed`, ctx)}
		GROUP BY 1 ORDER BY 1`;
}

/** A row of `meddicByCountQuery`. */
export interface MeddicCountCells {
	filled: number;
	won: number;
	lost: number;
}

/** Label and zero-fill both tables. */
export function meddic(
	stages: readonly string[],
	elements: readonly MeddicElement[],
	byStage: readonly Row[],
	byCount: readonly MeddicCountCells[]
): Meddic {
	return {
		elements: [...elements],
		by_stage: [...stages, 'won'].map((stage, i) => {
			const row = byStage.find((r) => r.i === i + 1);
			const deals = Number(row?.deals ?? 0);
			const filled: MeddicStageRow['filled'] = {};
			for (const e of elements) {
				const count = Number(row?.[`meddic_${e}`] ?? 0);
				filled[e] = { count, share: deals === 0 ? null : count / deals };
			}
			return { stage, deals, filled };
		}),
		by_count: Array.from({ length: elements.length + 1 }, (_, n) => {
			const row = byCount.find((r) => r.filled === n);
			const won = row?.won ?? 0;
			const lost = row?.lost ?? 0;
			return { filled: n, won, lost, win_rate: winRate(won, lost) };
		})
	};
}
