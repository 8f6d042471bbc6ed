import { ident, join, raw, sql, type Fragment } from '../sql/sql';
import type { ColumnFormats } from './canonical';
import type { DealsMapping } from './mapping';
import { parseTimestamp, type DateFamily } from './parse';

/**
 * A wide stage-date export (HubSpot `Date entered …`: one column per stage, one row per deal)
 * read row by row: each row's stage dates become one list, sorted within the row, from which the
 * furthest stage, the stays, the skips and the backward moves are read by position. No event
 * table is sorted as a whole; the events of a history file (one row per stage change) still are
 * (see `createStageFacts`).
 *
 * Every figure is the one `createStageFacts` computes from the same events: a row's list holds
 * the events `stageColumnEvents` would give it (its stage columns with a readable date), in the
 * order METRICS.md sorts a deal's events (time, then stage order with won / lost / unknown stages
 * after the open ones, then the label). Typing, each event is one number, its time in
 * microseconds times `RANKS` plus its column's rank in that stage order, so a row's list sorts
 * as numbers; `stage_lists` turns the numbers back into events.
 */

/** Columns a row can hold ranks for (a time of 1900–2199 in microseconds, times this, fits 64 bits). */
const RANKS = 1024;

/** One stage-date column as the list carries it. */
export interface StageDateColumn {
	column: string;
	/** The stage label (the event's stage). */
	stage: string;
	/** Its open-stage position, else the position after the open stages (`stage_events.position`). */
	position: number;
	/** Whether entering it is a step: an open stage or a won label (see `createStageFacts`). */
	step: boolean;
	/** Whether the stage map knows the label at all (an unknown one is warned about). */
	known: boolean;
	/** Its place among the columns by stage order, then label (as the engine compares text). */
	rank: number;
}

/**
 * Whether a deals file's stage-date columns can be read row by row, or the events must take the
 * event path: a history file gives them, a stage list renames stages (`stage_lookup`), a
 * per-pipeline order places a column by the deal's pipeline, there is no id column, or two
 * columns name one stage (two events could then share deal, stage and time and must be merged).
 * Stage orders do not matter here: the decision holds whatever order the stages are put in.
 */
export function readsStageDatesByRow(
	mapping: DealsMapping,
	{ fromHistory, hasStageList }: { fromHistory: boolean; hasStageList: boolean }
): boolean {
	if (fromHistory || hasStageList || (mapping.pipelineStages?.length ?? 0) > 0) return false;
	if (!mapping.columns.id || mapping.stageColumns.length === 0) return false;
	if (mapping.stageColumns.length > RANKS) return false;
	const keys = mapping.stageColumns.map((s) => s.stage.toLowerCase());
	return new Set(keys).size === keys.length;
}

/**
 * The stage-date columns as a list carries them, placed by the stage map's entries. Labels are
 * matched as `stage_events` matches them: case-folded, untrimmed.
 */
export function stageDateColumns(
	mapping: DealsMapping,
	entries: readonly { key: string; idx: number; kind: 'open' | 'won' | 'lost' }[]
): StageDateColumn[] {
	const after = mapping.stages.length + 1;
	const columns = mapping.stageColumns.map((s) => {
		const entry = entries.find((e) => e.key === s.stage.toLowerCase());
		const open = entry?.kind === 'open';
		return {
			column: s.column,
			stage: s.stage,
			position: open ? entry.idx : after,
			step: open || entry?.kind === 'won',
			known: entry !== undefined,
			rank: 0
		};
	});
	const text = new TextEncoder();
	[...columns]
		.sort(
			(a, b) => a.position - b.position || bytesCompare(text.encode(a.stage), text.encode(b.stage))
		)
		.forEach((c, rank) => (c.rank = rank));
	return columns;
}

/** Text compared as the engine compares it: byte by byte, in UTF-8. */
function bytesCompare(a: Uint8Array, b: Uint8Array): number {
	for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
	return a.length - b.length;
}

/** The columns in rank order (a list literal's element `rank + 1`). */
function byRank(columns: readonly StageDateColumn[]): StageDateColumn[] {
	return [...columns].sort((a, b) => a.rank - b.rank);
}

/**
 * How many of a row's stage-date columns have text: with the length of its list (the dates that
 * read), the typing statement's count of dates that did not read (see `confirmFlags`).
 */
export function stageDateTexts(mapping: DealsMapping): Fragment {
	const texts = mapping.stageColumns.map((s) => ident(s.column));
	return sql`len(list_filter([${join(texts)}], __e -> NULLIF(trim(__e), '') IS NOT NULL))`;
}

/**
 * A row's stage events, sorted: a list of numbers (see `RANKS`), the columns without a readable
 * date left out. Each column is named once, and the date parse is written once per date family
 * (a lambda over the family's columns): the parse macro expands to a large expression, and
 * pasting it per column made planning this statement cost more than running it.
 */
export function stageDatesList(
	columns: readonly StageDateColumn[],
	formats: ColumnFormats
): Fragment {
	const byFamily = new Map<DateFamily, StageDateColumn[]>();
	for (const c of columns) {
		const family = formats.dates[c.column] ?? 'iso';
		byFamily.set(family, [...(byFamily.get(family) ?? []), c]);
	}
	const lists = [...byFamily].map(([family, group]) => {
		const pairs = group.map((c) => sql`{'v': ${ident(c.column)}, 'k': ${raw(String(c.rank))}}`);
		const time = parseTimestamp(raw('__s.v'), family);
		return sql`list_transform([${join(pairs)}], __s -> epoch_us(${time}) * ${raw(String(RANKS))} + __s.k)`;
	});
	const all = lists.length === 1 ? lists[0] : sql`flatten([${join(lists)}])`;
	return sql`list_sort(list_filter(${all}, __e -> __e IS NOT NULL))`;
}

/** A list without stage dates (files whose events take the event path). */
export const NO_STAGE_DATES = raw('CAST(NULL AS INTEGER)');

/**
 * `stage_lists` (each deal's sorted events, deals with none left out) and `stage_events` from
 * it, for the views that read events (the snapshot funnel, the stage editor, the export). Only
 * when every row with an id and a created date is a deal of its own (no id repeats), so the rows
 * of `deals_all` that `deals` keeps are the deals.
 */
export function createStageLists(
	columns: readonly StageDateColumn[],
	stageCount: number
): Fragment[] {
	const k = raw(String(stageCount));
	const ranked = byRank(columns);
	// An event number's rank, as a list position, and its time.
	const at = raw(`make_timestamp((__k - (__k & ${RANKS - 1})) // ${RANKS})`);
	const of = raw(`[(__k & ${RANKS - 1}) + 1]`);
	const positions = raw(`[${ranked.map((c) => c.position).join(', ')}]`);
	const steps = raw(`[${ranked.map((c) => c.step).join(', ')}]`);
	const stages = sql`[${join(ranked.map((c) => sql`${c.stage}::VARCHAR`))}]`;
	return [
		sql`CREATE OR REPLACE TABLE stage_lists AS
			SELECT id, list_transform(stage_dates, __k -> {'at': ${at}, 'position': ${positions}${of},
				'stage': ${stages}${of}, 'step': ${steps}${of}}) AS ev
			FROM deals_all
			WHERE id IS NOT NULL AND created IS NOT NULL AND len(stage_dates) > 0`,
		sql`CREATE OR REPLACE TABLE stage_events AS
			SELECT id, e.stage AS stage, e."at" AS "at", CASE WHEN e.position <= ${k} THEN e.position END AS idx, e.position AS position
			FROM (SELECT id, unnest(ev) AS e FROM stage_lists)`
	];
}

/**
 * `stays`, `stage_skips` and `backward_moves` (see `createStageFacts`) read from each deal's
 * sorted list by position: the next event is the next element; the step before a step the
 * element before it among the steps; the highest stage before an open event the largest of the
 * open elements before it. Only the few skips and backward moves found are ranked per deal.
 */
export function createListStageFacts(stageCount: number): Fragment[] {
	const k = raw(String(stageCount));
	// Positions 1 … n of a list column, one row each.
	const each = (list: string, from: number) => raw(`unnest(range(${from}, len(${list}) + 1))`);
	return [
		sql`CREATE OR REPLACE TABLE stays AS
			SELECT idx, days, group_id, created FROM (
				SELECT s.e.position AS idx, d.group_id, d.created,
					(epoch(COALESCE(s.next_at, CASE WHEN d.outcome <> 'open' THEN CAST(d.closed AS TIMESTAMP) END)) - epoch(s.e."at")) / 86400.0 AS days
				FROM (SELECT id, ev[i] AS e, struct_extract(ev[i + 1], 'at') AS next_at
					FROM (SELECT id, ev, ${each('ev', 1)} AS i FROM stage_lists)) s
				JOIN deal_facts d USING (id) WHERE s.e.position <= ${k}
			) WHERE days >= 0
			-- In the order the quantiles sort them: a view's quantiles then sort sorted runs.
			ORDER BY idx, days`,
		sql`CREATE OR REPLACE TABLE stage_skips AS
			WITH steps AS (SELECT id, list_filter(ev, __e -> __e.step) AS s FROM stage_lists),
			pairs AS (SELECT id, j, s[j - 1] AS a, s[j] AS b FROM (SELECT id, s, ${each('s', 2)} AS j FROM steps)),
			-- A step's position: its open stage, or won after the last open stage.
			found AS (SELECT id, j, a, b,
					CASE WHEN b.position <= ${k} THEN b.position ELSE (SELECT max(idx) FROM stage_map WHERE kind = 'open') + 1 END AS pos
				FROM pairs WHERE a.position <= ${k})
			SELECT f.id, d.row, d.group_id, d.created, f.a.stage AS "from", f.b.stage AS "to",
				(f.pos - f.a.position - 1)::DOUBLE AS skipped, f.b."at" AS "at"
			FROM found f JOIN deal_facts d USING (id)
			WHERE f.pos > f.a.position + 1
			QUALIFY row_number() OVER (PARTITION BY f.id ORDER BY f.j) = 1`,
		sql`CREATE OR REPLACE TABLE backward_moves AS
			WITH opens AS (SELECT id, list_filter(ev, __e -> __e.position <= ${k}) AS o FROM stage_lists),
			moves AS (SELECT id, j, struct_extract(o[j - 1], 'stage') AS "from", o[j] AS b,
					list_max(list_transform(o[1:j - 1], __e -> __e.position)) AS high
				FROM (SELECT id, o, ${each('o', 2)} AS j FROM opens))
			SELECT id, "from", b.stage AS "to", b."at" AS "at" FROM moves WHERE b.position < high
			QUALIFY row_number() OVER (PARTITION BY id ORDER BY j) = 1`,
		sql`DROP TABLE stage_lists`
	];
}

/**
 * Stage-date events whose label the stage map does not know, per label (most first, at most
 * 20), counted over every row as the event path's warning counts them (rows left out too).
 */
export function unknownStageEvents(columns: readonly StageDateColumn[]): Fragment | null {
	const unknown = columns.filter((c) => !c.known);
	if (unknown.length === 0) return null;
	const stages = sql`[${join(byRank(columns).map((c) => sql`${c.stage}::VARCHAR`))}]`;
	const rank = raw(`(__k & ${RANKS - 1})`);
	return sql`SELECT ${stages}[${rank} + 1] AS stage, count(*)::DOUBLE AS n
		FROM (SELECT unnest(stage_dates) AS __k FROM deals_all)
		WHERE ${rank} IN (${join(unknown.map((c) => raw(String(c.rank))))})
		GROUP BY 1 ORDER BY n DESC, stage LIMIT 20`;
}
