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
 * after the open ones, then the label), which is that of the list's fields.
 */

/** One stage-date column as the list carries it. */
export interface StageDateColumn {
	column: string;
	/** The stage label (the event's stage). */
	stage: string;
	/** Its open-stage position, else the position after the open stages (`stage_events.ord`). */
	ord: number;
	/** Whether entering it is a step: an open stage or a won label (see `createStageFacts`). */
	step: boolean;
	/** Whether the stage map knows the label at all (an unknown one is warned about). */
	known: boolean;
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
	return mapping.stageColumns.map((s) => {
		const entry = entries.find((e) => e.key === s.stage.toLowerCase());
		const open = entry?.kind === 'open';
		return {
			column: s.column,
			stage: s.stage,
			ord: open ? entry.idx : after,
			step: open || entry?.kind === 'won',
			known: entry !== undefined
		};
	});
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
 * A row's stage events, sorted: a list of `{at, ord, stage, step}`, the columns without a
 * readable date left out. Each column is named once; the numbers are our own.
 */
export function stageDatesList(
	columns: readonly StageDateColumn[],
	formats: ColumnFormats
): Fragment {
	const family = (c: string): DateFamily => formats.dates[c] ?? 'iso';
	const items = columns.map(
		(c) =>
			sql`{'at': ${parseTimestamp(ident(c.column), family(c.column))}, 'ord': ${raw(String(c.ord))}, 'stage': ${c.stage}::VARCHAR, 'step': ${raw(String(c.step))}}`
	);
	return sql`list_sort(list_filter([${join(items)}], __e -> __e."at" IS NOT NULL))`;
}

/** A list without stage dates (files whose events take the event path). */
export const NO_STAGE_DATES = raw('CAST(NULL AS INTEGER)');

/**
 * `stage_lists` (each deal's sorted events, deals with none left out) and `stage_events` from
 * it, for the views that read events (the snapshot funnel, the stage editor, the export). Only
 * when every row with an id and a created date is a deal of its own (no id repeats), so the rows
 * of `deals_all` that `deals` keeps are the deals.
 */
export function createStageLists(stageCount: number): Fragment[] {
	const k = raw(String(stageCount));
	return [
		sql`CREATE OR REPLACE TABLE stage_lists AS
			SELECT id, stage_dates AS ev FROM deals_all
			WHERE id IS NOT NULL AND created IS NOT NULL AND len(stage_dates) > 0`,
		sql`CREATE OR REPLACE TABLE stage_events AS
			SELECT id, e.stage AS stage, e."at" AS "at", CASE WHEN e.ord <= ${k} THEN e.ord END AS idx, e.ord AS ord
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
			SELECT idx, days, g, created FROM (
				SELECT s.e.ord AS idx, d.g, d.created,
					(epoch(COALESCE(s.next_at, CASE WHEN d.outcome <> 'open' THEN CAST(d.closed AS TIMESTAMP) END)) - epoch(s.e."at")) / 86400.0 AS days
				FROM (SELECT id, ev[i] AS e, struct_extract(ev[i + 1], 'at') AS next_at
					FROM (SELECT id, ev, ${each('ev', 1)} AS i FROM stage_lists)) s
				JOIN deal_facts d USING (id) WHERE s.e.ord <= ${k}
			) WHERE days >= 0
			-- In the order the quantiles sort them: a view's quantiles then sort sorted runs.
			ORDER BY idx, days`,
		sql`CREATE OR REPLACE TABLE stage_skips AS
			WITH steps AS (SELECT id, list_filter(ev, __e -> __e.step) AS s FROM stage_lists),
			pairs AS (SELECT id, j, s[j - 1] AS a, s[j] AS b FROM (SELECT id, s, ${each('s', 2)} AS j FROM steps)),
			-- A step's position: its open stage, or won after the last open stage.
			found AS (SELECT id, j, a, b,
					CASE WHEN b.ord <= ${k} THEN b.ord ELSE (SELECT max(idx) FROM stage_map WHERE kind = 'open') + 1 END AS pos
				FROM pairs WHERE a.ord <= ${k})
			SELECT f.id, d.row, d.g, d.created, f.a.stage AS "from", f.b.stage AS "to",
				(f.pos - f.a.ord - 1)::DOUBLE AS skipped, f.b."at" AS "at"
			FROM found f JOIN deal_facts d USING (id)
			WHERE f.pos > f.a.ord + 1
			QUALIFY row_number() OVER (PARTITION BY f.id ORDER BY f.j) = 1`,
		sql`CREATE OR REPLACE TABLE backward_moves AS
			WITH opens AS (SELECT id, list_filter(ev, __e -> __e.ord <= ${k}) AS o FROM stage_lists),
			moves AS (SELECT id, j, struct_extract(o[j - 1], 'stage') AS "from", o[j] AS b,
					list_max(list_transform(o[1:j - 1], __e -> __e.ord)) AS high
				FROM (SELECT id, o, ${each('o', 2)} AS j FROM opens))
			SELECT id, "from", b.stage AS "to", b."at" AS "at" FROM moves WHERE b.ord < high
			QUALIFY row_number() OVER (PARTITION BY id ORDER BY j) = 1`,
		sql`DROP TABLE stage_lists`
	];
}

/**
 * Stage-date events whose label the stage map does not know, per label (most first, at most
 * 20), counted over every row as the event path's warning counts them (rows left out too).
 */
export function unknownStageEvents(columns: readonly StageDateColumn[]): Fragment | null {
	const unknown = [...new Set(columns.filter((c) => !c.known).map((c) => c.stage))];
	if (unknown.length === 0) return null;
	return sql`SELECT e.stage AS stage, count(*)::DOUBLE AS n
		FROM (SELECT unnest(stage_dates) AS e FROM deals_all)
		WHERE e.stage IN (${join(unknown)}) GROUP BY 1 ORDER BY n DESC, stage LIMIT 20`;
}
