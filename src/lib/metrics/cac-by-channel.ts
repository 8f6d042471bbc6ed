import { int, sql, type Fragment } from '../sql/sql';
import { cac, costPerStage, spendInView, type CostPerStage } from './cac';
import type { MetricContext } from './context';
import { funnelRows } from './funnel';
import { flaggedDeals } from './kpis';

/** Acquisition cost of one channel: its spend against the deals whose source is that channel. */
export interface ChannelCac {
	channel: string;
	/** Spend rows of the channel dated in the period. */
	spend: number;
	/** How many spend rows `spend` sums (none: CAC and cost per stage are null, see `cac`). */
	spend_rows: number;
	/** Cohort deals from the channel. */
	created: number;
	/** Their funnel: S1 … Sk, then won (whenever). */
	reached: number[];
	/** Deals from the channel won in the period (the CAC denominator, as in the report). */
	won: number;
	cac: number | null;
	/** `spend / reached` per funnel row. */
	cost_per_stage: CostPerStage[];
}

export interface CacByChannel {
	/** Labels of `reached` and `cost_per_stage`: S1 … Sk, then `won`. */
	stages: string[];
	/** Channels with spend in the period or with deals created or won in it, most spend first. */
	channels: ChannelCac[];
	/** All channels together: the report's spend, CAC and cost per stage. */
	total: ChannelCac;
}

/** One query row: a channel, a funnel row index, and the channel's totals repeated. */
export interface ChannelCell {
	channel: string;
	i: number;
	spend: number;
	spend_rows: number;
	created: number;
	won: number;
	reached: number;
}

/**
 * `(channel, i, spend, created, won, reached)` for every channel (spend `channel` = deal
 * `source`) and i = 1 … k+1. Every cohort deal and spend row belongs to exactly one channel, so
 * the channels add up to the report.
 */
export function cacByChannelQuery(ctx: MetricContext): Fragment {
	const k = ctx.stages.length;
	// The cohort and the deals won in the period, as the report counts them (`flaggedDeals`).
	return sql`WITH d AS (SELECT source AS channel, furthest, created_in, won_in FROM ${flaggedDeals(ctx)}),
		spent AS (
			SELECT channel, sum(amount) AS spend, count(*)::DOUBLE AS spend_rows
			FROM spend WHERE ${spendInView(ctx)} GROUP BY channel
		),
		-- Deals counted per (channel, furthest stage) in one pass, then summed per channel and step.
		per_f AS (
			SELECT channel, furthest, count(*) FILTER (WHERE created_in) AS n,
				count(*) FILTER (WHERE won_in) AS won
			FROM d GROUP BY channel, furthest
		),
		per AS (
			SELECT channel, sum(n)::DOUBLE AS created, sum(won)::DOUBLE AS won FROM per_f GROUP BY channel
		),
		channels AS (
			SELECT channel FROM spent UNION SELECT channel FROM per WHERE created > 0 OR won > 0
		),
		steps AS (SELECT i FROM range(1, CAST(${int(k + 2)} AS INTEGER)) s(i)),
		reach AS (
			SELECT p.channel, s.i, sum(p.n)::DOUBLE AS reached
			FROM per_f p JOIN steps s ON p.furthest >= s.i GROUP BY p.channel, s.i
		)
		SELECT c.channel, s.i::INTEGER AS i, COALESCE(spent.spend, 0) AS spend,
			COALESCE(spent.spend_rows, 0) AS spend_rows,
			COALESCE(per.created, 0) AS created, COALESCE(per.won, 0) AS won,
			COALESCE(reach.reached, 0) AS reached
		FROM channels c CROSS JOIN steps s
		LEFT JOIN spent ON spent.channel = c.channel
		LEFT JOIN per ON per.channel = c.channel
		LEFT JOIN reach ON reach.channel = c.channel AND reach.i = s.i
		ORDER BY c.channel, s.i`;
}

function channelCac(
	stages: readonly string[],
	channel: string,
	spend: { spend: number; rows: number },
	created: number,
	won: number,
	reached: number[]
): ChannelCac {
	return {
		channel,
		spend: spend.spend,
		spend_rows: spend.rows,
		created,
		reached,
		won,
		cac: cac(spend.spend, won, spend.rows),
		cost_per_stage: costPerStage(spend.spend, funnelRows(stages, reached), spend.rows) ?? []
	};
}

/** Group the rows per channel, order by spend, and add the total. */
export function cacByChannel(
	stages: readonly string[],
	cells: readonly ChannelCell[]
): CacByChannel {
	const width = stages.length + 1;
	const byChannel = new Map<string, ChannelCell[]>();
	for (const cell of cells) {
		const list = byChannel.get(cell.channel) ?? [];
		list.push(cell);
		byChannel.set(cell.channel, list);
	}
	const reachedOf = (list: readonly ChannelCell[]) =>
		Array.from({ length: width }, (_, i) => list.find((c) => c.i === i + 1)?.reached ?? 0);
	const channels = [...byChannel].map(([channel, list]) =>
		channelCac(
			stages,
			channel,
			{ spend: list[0].spend, rows: list[0].spend_rows },
			list[0].created,
			list[0].won,
			reachedOf(list)
		)
	);
	channels.sort(
		(a, b) => b.spend - a.spend || b.created - a.created || (a.channel < b.channel ? -1 : 1)
	);
	const sum = (pick: (c: ChannelCac) => number) => channels.reduce((s, c) => s + pick(c), 0);
	const total = channelCac(
		stages,
		'total',
		{ spend: sum((c) => c.spend), rows: sum((c) => c.spend_rows) },
		sum((c) => c.created),
		sum((c) => c.won),
		Array.from({ length: width }, (_, i) => sum((c) => c.reached[i]))
	);
	return { stages: [...stages, 'won'], channels, total };
}
