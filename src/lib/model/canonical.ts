import { ident, join, list, raw, sql, type Fragment, type SqlValue } from '../sql/sql';
import { stageKey } from './config';
import type { DealsMapping, HistoryMapping, SpendMapping, StagesMapping } from './mapping';
import { meddicSelect } from './meddic';
import { NO_STAGE_DATES, stageDatesList, type StageDateColumn } from './stage-dates';
import { createViewValues } from './view-values';
import {
	cleanText,
	parseDate,
	parseNumber,
	parseSpendDate,
	parseTimestamp,
	type DateFamily,
	type DecimalMark
} from './parse';

/**
 * The canonical tables (METRICS.md §1), built once at load with explicit casts:
 * `stage_map`, `deals`, `stage_events`, `spend`, and `deal_facts` (per-deal facts every metric reads).
 */

/** How each text column of a raw table is written, decided from all of its values. */
export interface ColumnFormats {
	dates: Record<string, DateFamily>;
	decimals: Record<string, DecimalMark>;
}

export interface StageMapEntry {
	key: string;
	label: string;
	idx: number;
	kind: 'open' | 'won' | 'lost';
}

/** Open stages 1 … k, then won labels (k+1) and lost labels (k+2). */
export function stageMapEntries(
	mapping: Pick<DealsMapping, 'stages' | 'won' | 'lost'>
): StageMapEntry[] {
	const k = mapping.stages.length;
	const seen = new Set<string>();
	const out: StageMapEntry[] = [];
	const add = (label: string, idx: number, kind: StageMapEntry['kind']) => {
		const key = stageKey(label);
		if (seen.has(key)) return;
		seen.add(key);
		out.push({ key, label, idx, kind });
	};
	mapping.stages.forEach((s, i) => add(s, i + 1, 'open'));
	mapping.won.forEach((s) => add(s, k + 1, 'won'));
	mapping.lost.forEach((s) => add(s, k + 2, 'lost'));
	return out;
}

/**
 * An entry of one pipeline's own stage order (`pipeline` is the case-folded pipeline name): its
 * open stages 1 … k_p, then the won labels (k_p+1) and lost labels (k_p+2).
 */
export interface PipelineStageMapEntry extends StageMapEntry {
	pipeline: string;
}

/** Every pipeline's own entries (none when the mapping has no per-pipeline orders). */
export function pipelineStageMapEntries(
	mapping: Pick<DealsMapping, 'pipelineStages' | 'won' | 'lost'>
): PipelineStageMapEntry[] {
	return (mapping.pipelineStages ?? []).flatMap((p) =>
		stageMapEntries({ stages: p.stages, won: mapping.won, lost: mapping.lost }).map((e) => ({
			...e,
			pipeline: stageKey(p.pipeline)
		}))
	);
}

/** `pipeline_stage_map`: per-pipeline stage positions (empty without per-pipeline orders). */
export function createPipelineStageMap(entries: readonly PipelineStageMapEntry[]): Fragment {
	if (entries.length === 0) {
		return sql`CREATE OR REPLACE TABLE pipeline_stage_map (pipeline VARCHAR, key VARCHAR, label VARCHAR, idx INTEGER, kind VARCHAR)`;
	}
	const rows = entries.map(
		(e) => sql`(${e.pipeline}, ${e.key}, ${e.label}, CAST(${e.idx} AS INTEGER), ${e.kind})`
	);
	return sql`CREATE OR REPLACE TABLE pipeline_stage_map AS SELECT * FROM (VALUES ${join(rows)}) AS t(pipeline, key, label, idx, kind)`;
}

/** Whether deals are placed by their own pipeline's order (per-pipeline orders and a pipeline column). */
export function usesPipelineStages(mapping: DealsMapping): boolean {
	return (mapping.pipelineStages?.length ?? 0) > 0 && mapping.columns.pipeline !== undefined;
}

export function createStageMap(entries: readonly StageMapEntry[]): Fragment {
	if (entries.length === 0) {
		return sql`CREATE OR REPLACE TABLE stage_map (key VARCHAR, label VARCHAR, idx INTEGER, kind VARCHAR)`;
	}
	const rows = entries.map(
		(e) => sql`(${e.key}, ${e.label}, CAST(${e.idx} AS INTEGER), ${e.kind})`
	);
	return sql`CREATE OR REPLACE TABLE stage_map AS SELECT * FROM (VALUES ${join(rows)}) AS t(key, label, idx, kind)`;
}

/**
 * A stage's index among the open stages (NULL for won, lost and unknown labels), from `stage_map`
 * joined as `sm`. With per-pipeline orders, a deal of one of those pipelines takes its index from
 * its own pipeline's order instead: `pipeline_stage_map` joined as `pm`, and the deal's pipeline,
 * when it has an order, as `pp`, their columns named with `prefix` (`pp.__pipeline`, `pm.__kind`).
 */
function openStageIndex(perPipeline: boolean, prefix = ''): Fragment {
	const combined = `WHEN sm.kind = 'open' THEN sm.idx END`;
	if (!perPipeline) return raw(`CASE ${combined}`);
	return raw(
		`CASE WHEN pp.${prefix}pipeline IS NOT NULL THEN (CASE WHEN pm.${prefix}kind = 'open' THEN pm.${prefix}idx END)
				${combined}`
	);
}

function col(name: string | undefined): Fragment | null {
	return name === undefined ? null : ident(name);
}

function textOrNone(name: string | undefined): Fragment {
	const c = col(name);
	return c ? sql`COALESCE(${cleanText(c)}, '(none)')` : raw(`'(none)'`);
}

function keyList(values: readonly string[]): Fragment {
	return list(values.map(stageKey) as SqlValue[]);
}

function family(formats: ColumnFormats, name: string | undefined): DateFamily {
	return (name && formats.dates[name]) || 'iso';
}

function decimal(formats: ColumnFormats, name: string | undefined): DecimalMark {
	return (name && formats.decimals[name]) || '.';
}

export interface DealsOptions {
	rawTable: string;
	mapping: DealsMapping;
	formats: ColumnFormats;
	/** Multiply the probability column by this (100 for a 0–1 column). */
	probabilityScale: number;
	/** Stage-date columns read row by row into `stage_dates` (see `stage-dates`); else none. */
	stageDates?: readonly StageDateColumn[] | null;
	/** The per-row flags that confirm the formats (`engine/profile` `confirmFlags`); else none. */
	flags?: Fragment;
}

/**
 * `deals_all`: every row of the deals file, typed. Outcome from the outcome column when mapped
 * and it says won or lost, else from the stage label; `closed` only for won and lost deals (an open deal's close date is
 * an expectation).
 */
export function createDealsAll({
	rawTable,
	mapping,
	formats,
	probabilityScale,
	stageDates,
	flags
}: DealsOptions): Fragment {
	const c = mapping.columns;
	const stage = col(c.stage);
	const stageText = stage ? cleanText(stage) : raw('NULL');
	const outcomeCol = col(c.outcome);
	const wonKeys = keyList([...mapping.won, ...mapping.outcomeWon]);
	const lostKeys = keyList([...mapping.lost, ...mapping.outcomeLost]);
	const byStage = sql`CASE WHEN sm.kind = 'won' THEN 'won' WHEN sm.kind = 'lost' THEN 'lost' ELSE 'open' END`;
	// An outcome value that is neither won nor lost leaves it to the stage: a stage label listed
	// as won or lost (the stage editor's lists) decides then.
	const outcome = outcomeCol
		? sql`CASE WHEN lower(trim(${outcomeCol})) IN ${wonKeys} THEN 'won'
				WHEN lower(trim(${outcomeCol})) IN ${lostKeys} THEN 'lost' ELSE ${byStage} END`
		: flagOutcome(mapping.flags, byStage);
	const id = col(c.id);
	const amount = col(c.amount);
	const probability = col(c.probability);
	const created = col(c.created);
	const closed = col(c.closed);
	const closedDate = closed
		? parseDate(closed, family(formats, c.closed))
		: raw('CAST(NULL AS DATE)');
	const currency = col(c.currency);
	const expected = col(c.expected_close);
	const lostReason = col(c.lost_reason);
	const stageName = sql`lower(COALESCE(sl.name, ${stageText}))`;
	const leftOut = leftOutLabel(mapping.leftOut ?? [], stageName, outcomeCol);
	const perPipeline = usesPipelineStages(mapping);
	// (`__`-named columns: a raw column may be called `Pipeline` or `Kind`.)
	const lost = lostStage(col(c.lost_stage), outcome, openStageIndex(perPipeline, '__'));
	const pipelineJoins = perPipeline
		? sql`LEFT JOIN (SELECT DISTINCT pipeline AS __pipeline FROM pipeline_stage_map) pp
				ON pp.__pipeline = lower(${cleanText(sql`r.${ident(c.pipeline ?? '')}`)})
			LEFT JOIN (SELECT pipeline AS __pipeline, key AS __key, idx AS __idx, kind AS __kind
				FROM pipeline_stage_map) pm ON pm.__pipeline = pp.__pipeline AND pm.__key = ${stageName}`
		: raw('');
	// `closed` only for won and lost deals, `expected_close` only for open ones (METRICS.md §1).
	return sql`CREATE OR REPLACE TABLE deals_all AS
	SELECT *, CASE WHEN outcome <> 'open' THEN closed_text_date END AS closed,
		CASE WHEN outcome = 'open' THEN expected_text_date END AS expected_close
	FROM (
		SELECT r.__row AS row,
			${id ? cleanText(id) : sql`CAST(r.__row AS VARCHAR)`} AS id,
			${textOrNone(c.owner)} AS owner,
			${textOrNone(c.source)} AS source,
			${!c.pipeline && mapping.pipelineFromStage ? stagePipeline(stageText) : textOrNone(c.pipeline)} AS pipeline,
			${textOrNone(c.segment)} AS segment,
			${amount ? scaled(parseNumber(amount, decimal(formats, c.amount)), mapping.amountScale) : raw('CAST(NULL AS DOUBLE)')} AS amount,
			${probability ? sql`${parseNumber(probability, decimal(formats, c.probability))} * ${probabilityScale}` : raw('CAST(NULL AS DOUBLE)')} AS probability,
			${created ? parseDate(created, family(formats, c.created)) : mapping.createdFromHistory ? raw('CAST(hf.__first_at AS DATE)') : raw('CAST(NULL AS DATE)')} AS created,
			${closedByOutcome(mapping.closedBy, outcome, closedDate, formats)} AS closed_text_date,
			${outcome} AS outcome,
			${lost.stage(sql`COALESCE(sl.name, ${stageText})`)} AS stage,
			${currency ? cleanText(currency) : raw('CAST(NULL AS VARCHAR)')} AS currency,
			${expected ? parseDate(expected, family(formats, c.expected_close)) : raw('CAST(NULL AS DATE)')} AS expected_text_date,
			${lostReason ? cleanText(lostReason) : raw('CAST(NULL AS VARCHAR)')} AS lost_reason,
			${lost.idx} AS stage_idx,
			sm.kind AS stage_kind,
			${stageDates ? stageDatesList(stageDates, formats) : NO_STAGE_DATES} AS stage_dates,
			${flags ?? raw('CAST(NULL AS INTEGER)')} AS flags,
			${leftOut} AS left_out,
			${meddicSelect(mapping.meddic)}
		FROM ${ident(rawTable)} r
		LEFT JOIN stage_lookup sl ON sl.key = lower(${stageText})
		LEFT JOIN stage_map sm ON sm.key = ${stageName}
		${lost.join}
		${!created && mapping.createdFromHistory ? sql`LEFT JOIN history_first hf ON hf.__deal = ${id ? cleanText(id) : raw('NULL')}` : raw('')}
		${pipelineJoins}
	)`;
}

/**
 * The lost-at-stage column (`lost_stage`, METRICS.md §1): a lost deal whose value there names an
 * open stage was lost at that stage: it is its `stage`, and its index in the combined stage order
 * (`stage_map`, joined as `ls`) its `stage_idx`. Any other deal keeps its stage and `stageIdx`.
 */
function lostStage(
	column: Fragment | null,
	outcome: Fragment,
	stageIdx: Fragment
): { stage: (stage: Fragment) => Fragment; idx: Fragment; join: Fragment } {
	if (!column) return { stage: (stage) => stage, idx: stageIdx, join: raw('') };
	const text = cleanText(column);
	const lost = sql`(${outcome}) = 'lost'`;
	// A label the stage list does not have yet is the stage too: the labels of every row complete
	// a guessed list (engine/stages-from-data.ts).
	return {
		stage: (stage) =>
			sql`CASE WHEN ${lost} AND ${text} IS NOT NULL AND COALESCE(ls.kind, 'open') = 'open' THEN ${text} ELSE ${stage} END`,
		idx: sql`CASE WHEN ${lost} AND ls.kind = 'open' THEN ls.idx ELSE (${stageIdx}) END`,
		join: sql`LEFT JOIN stage_map ls ON ls.key = lower(${text})`
	};
}

/** Whether the row's stage or outcome label is one of the left-out labels (bound, case-folded). */
function leftOutLabel(
	labels: readonly string[],
	stageName: Fragment,
	outcome: Fragment | null
): Fragment {
	if (labels.length === 0) return raw('false');
	const keys = keyList(labels);
	const byOutcome = outcome
		? sql` OR COALESCE(lower(trim(${outcome})) IN ${keys}, false)`
		: raw('');
	return sql`(COALESCE(${stageName} IN ${keys}, false)${byOutcome})`;
}

/** The pipeline a stage's prefix names (`C6:WON` → `C6`), `C0` without one (see `pipelineFromStage`). */
function stagePipeline(stage: Fragment): Fragment {
	return sql`CASE WHEN ${stage} IS NULL THEN '(none)'
		ELSE COALESCE(upper(NULLIF(regexp_extract(${stage}, '^([Cc][0-9]+):', 1), '')), 'C0') END`;
}

function scaled(value: Fragment, scale: number | undefined): Fragment {
	return scale === undefined || scale === 1 ? value : sql`${value} * ${scale}`;
}

/** The close date: from the won / lost column by outcome (`closedBy`), else the close column. */
function closedByOutcome(
	closedBy: DealsMapping['closedBy'],
	outcome: Fragment,
	closedDate: Fragment,
	formats: ColumnFormats
): Fragment {
	if (!closedBy?.won && !closedBy?.lost) return closedDate;
	const at = (name: string | undefined) =>
		name
			? sql`COALESCE(${parseDate(ident(name), family(formats, name))}, ${closedDate})`
			: closedDate;
	return sql`CASE (${outcome}) WHEN 'won' THEN ${at(closedBy.won)} WHEN 'lost' THEN ${at(closedBy.lost)} ELSE ${closedDate} END`;
}

/** Yes/no text as a boolean (NULL when empty or not a yes/no word). */
export function yesNo(column: Fragment): Fragment {
	return sql`CASE WHEN lower(trim(${column})) IN ('1', 'true', 'yes', 'y', 't', 'да', 'истина') THEN true
		WHEN lower(trim(${column})) IN ('0', 'false', 'no', 'n', 'f', 'нет', 'ложь') THEN false END`;
}

function flagOutcome(flags: DealsMapping['flags'], byStage: Fragment): Fragment {
	const won = flags?.won ? yesNo(ident(flags.won)) : null;
	const closed = flags?.closed ? yesNo(ident(flags.closed)) : null;
	if (!won && !closed) return byStage;
	if (won && closed) {
		return sql`CASE WHEN ${won} THEN 'won' WHEN ${closed} THEN (CASE WHEN sm.kind = 'won' THEN 'won' ELSE 'lost' END)
			WHEN ${closed} = false THEN 'open' ELSE ${byStage} END`;
	}
	if (won)
		return sql`CASE WHEN ${won} THEN 'won' ELSE (CASE WHEN sm.kind = 'lost' THEN 'lost' ELSE 'open' END) END`;
	return sql`CASE WHEN ${closed} THEN (CASE WHEN sm.kind = 'won' THEN 'won' ELSE 'lost' END)
		WHEN ${closed} = false THEN 'open' ELSE ${byStage} END`;
}

/** `stage_lookup`: stage ids → names, order and meaning, from a stage list file (empty without one). */
export function createStageLookup(
	source: { rawTable: string; mapping: StagesMapping } | null
): Fragment {
	if (!source) {
		return sql`CREATE OR REPLACE TABLE stage_lookup (key VARCHAR, name VARCHAR, position DOUBLE, kind VARCHAR)`;
	}
	const c = source.mapping.columns;
	const won = c.won ? yesNo(ident(c.won)) : raw('NULL');
	const closed = c.closed ? yesNo(ident(c.closed)) : raw('NULL');
	const lost = c.lost ? yesNo(ident(c.lost)) : raw('NULL');
	const order = c.order
		? sql`TRY_CAST(trim(${ident(c.order)}) AS DOUBLE)`
		: sql`CAST(r.__row AS DOUBLE)`;
	return sql`CREATE OR REPLACE TABLE stage_lookup AS
		SELECT lower(${cleanText(ident(c.id))}) AS key, ${cleanText(ident(c.name))} AS name, ${order} AS position,
			CASE WHEN ${won} THEN 'won' WHEN ${lost} OR (${closed} AND NOT COALESCE(${won}, false)) THEN 'lost' ELSE 'open' END AS kind
		FROM ${ident(source.rawTable)} r
		WHERE ${cleanText(ident(c.id))} IS NOT NULL AND ${cleanText(ident(c.name))} IS NOT NULL
		QUALIFY row_number() OVER (PARTITION BY lower(${cleanText(ident(c.id))}) ORDER BY r.__row) = 1`;
}

/**
 * `deals`: one row per id (the first), with a created date, whose stage or outcome label is not
 * left out (config `left_out`). This is where METRICS.md says which deals are kept; the rest is
 * reported, not lost.
 * Always a view, so that a build drops it without asking the catalog what it is: without
 * repeated ids (counted beforehand) there is nothing to pick, and it is a view over `deals_all`,
 * which `deal_facts` copies once; with them, a view over `deals_first`, the first rows.
 */
export function createDeals(repeatedIds: boolean): Fragment[] {
	const kept = raw(
		'SELECT * EXCLUDE (closed_text_date, stage_dates, flags, left_out) FROM deals_all WHERE id IS NOT NULL AND created IS NOT NULL AND NOT left_out'
	);
	return repeatedIds
		? [
				sql`CREATE OR REPLACE TABLE deals_first AS ${kept} QUALIFY row_number() OVER (PARTITION BY id ORDER BY row) = 1`,
				sql`CREATE VIEW deals AS SELECT * FROM deals_first`
			]
		: [sql`CREATE VIEW deals AS ${kept}`];
}

/**
 * Stage events from per-stage date columns of the deals file (HubSpot `Date entered …`): the
 * columns turned into rows in one scan (`UNPIVOT`), each column named once and its stage and
 * pipeline bound, so the text grows by a column name per stage column. One scan per date family
 * in use (a file's stage columns are usually written alike). Only for the files whose stage dates
 * cannot be read row by row (see `stage-dates`, `readsStageDatesByRow`).
 */
export function stageColumnEvents(
	rawTable: string,
	mapping: DealsMapping,
	formats: ColumnFormats
): Fragment | null {
	const id = col(mapping.columns.id);
	if (!id || mapping.stageColumns.length === 0) return null;
	const families = [...new Set(mapping.stageColumns.map((sc) => family(formats, sc.column)))];
	const parts = families.map((fam) => {
		const of = mapping.stageColumns.filter((sc) => family(formats, sc.column) === fam);
		const columns = [...new Set(of.map((sc) => sc.column))].map((c) => ident(c));
		const names = of.map(
			(sc) =>
				sql`(CAST(${sc.column} AS VARCHAR), CAST(${sc.stage} AS VARCHAR), CAST(${sc.pipeline ?? null} AS VARCHAR))`
		);
		const at = raw('u.__pipelens_at');
		return sql`SELECT u.__row AS row, u.__pipelens_id AS id, m.stage, ${parseTimestamp(at, fam)} AS "at", m.pipeline
			FROM (UNPIVOT (SELECT r.__row, ${cleanText(id)} AS __pipelens_id, ${join(columns)} FROM ${ident(rawTable)} r)
				ON ${join(columns)} INTO NAME __pipelens_column VALUE __pipelens_at) u
			JOIN (VALUES ${join(names)}) AS m(column_name, stage, pipeline) ON m.column_name = u.__pipelens_column
			WHERE ${cleanText(at)} IS NOT NULL`;
	});
	return join(parts, ' UNION ALL ');
}

/**
 * `history_first`: each deal's first stage event in the history file (its created date when the
 * deals file has none, `DealsMapping.createdFromHistory`).
 */
export function createHistoryFirst(
	rawTable: string,
	mapping: HistoryMapping,
	formats: ColumnFormats
): Fragment {
	const events =
		historyEvents(rawTable, mapping, formats) ?? raw('SELECT NULL AS id, NULL AS "at" WHERE false');
	return sql`CREATE OR REPLACE TABLE history_first AS
		SELECT id AS __deal, min("at") AS __first_at FROM (${events}) WHERE id IS NOT NULL AND "at" IS NOT NULL GROUP BY id`;
}

/** Stage events from a history file: one row per stage entered (rows that only changed the amount skipped). */
export function historyEvents(
	rawTable: string,
	mapping: HistoryMapping,
	formats: ColumnFormats
): Fragment | null {
	const c = mapping.columns;
	if (!c.id || !c.stage || !c.at) return null;
	const stage = cleanText(ident(c.stage));
	const from = c.from ? cleanText(ident(c.from)) : null;
	const notSame = from ? sql`AND (${from} IS NULL OR lower(${from}) <> lower(${stage}))` : raw('');
	const isStage = mapping.field
		? sql`lower(trim(${ident(mapping.field.column)})) IN ${keyList(mapping.field.values)}`
		: null;
	const field = isStage ? sql`AND ${isStage}` : raw('');
	const id = cleanText(ident(c.id));
	const at = parseTimestamp(ident(c.at), family(formats, c.at));
	const events = sql`SELECT r.__row AS row, ${id} AS id, ${stage} AS stage,
		${at} AS "at", CAST(NULL AS VARCHAR) AS pipeline
		FROM ${ident(rawTable)} r WHERE ${stage} IS NOT NULL ${notSame} ${field}`;
	const created = mapping.field?.created;
	const withCreated =
		created && isStage && from
			? sql`${events} UNION ALL ${creationEvents(rawTable, mapping.field?.column ?? '', created, { id, at, from, isStage })}`
			: events;
	if (!mapping.skipRepeats) return withCreated;
	// A row repeating the deal's previous stage changed something else (amount, close date).
	return sql`SELECT row, id, stage, "at", pipeline FROM (
		SELECT *, lag(lower(stage)) OVER (PARTITION BY id ORDER BY "at" NULLS LAST, row) AS previous
		FROM (${withCreated})) WHERE previous IS NULL OR previous <> lower(stage)`;
}

/**
 * Creation rows of a field history (`Created.`) as events: the deal entered its first stage at
 * creation, the `from` of its earliest stage change, else its `current` stage.
 */
function creationEvents(
	rawTable: string,
	fieldColumn: string,
	created: { values: string[]; current?: string },
	e: { id: Fragment; at: Fragment; from: Fragment; isStage: Fragment }
): Fragment {
	const current = created.current ? cleanText(ident(created.current)) : raw('NULL');
	const stage = sql`COALESCE(fs.__first_stage, ${current})`;
	const isCreated = sql`lower(trim(${ident(fieldColumn)}))`;
	return sql`SELECT r.__row AS row, ${e.id} AS id, ${stage} AS stage, ${e.at} AS "at",
			CAST(NULL AS VARCHAR) AS pipeline
		FROM ${ident(rawTable)} r
		LEFT JOIN (SELECT ${e.id} AS __deal, first(${e.from} ORDER BY ${e.at} NULLS LAST, r.__row) AS __first_stage
			FROM ${ident(rawTable)} r WHERE ${e.isStage} GROUP BY 1) fs ON fs.__deal = ${e.id}
		WHERE ${isCreated} IN ${keyList(created.values)} AND ${stage} IS NOT NULL`;
}

/**
 * `events_all` from any number of sources, then `stage_events` for known deals with a time.
 * With `perPipeline` (see `usesPipelineStages`), an event of a deal whose pipeline has its own
 * order is placed in that order; an event whose column names another pipeline (the deal moved)
 * has no index there: it ends a stay but reaches no stage of the deal's pipeline.
 */
export function createEvents(
	sources: readonly Fragment[],
	stageCount: number,
	perPipeline = false,
	/** False when no two events can share deal, stage and time (see `eventsMayRepeat`). */
	dedupe = true
): Fragment[] {
	const body =
		sources.length > 0
			? join(sources, ' UNION ALL ')
			: raw(
					'SELECT 0 AS row, NULL::VARCHAR AS id, NULL::VARCHAR AS stage, NULL::TIMESTAMP AS "at", NULL::VARCHAR AS pipeline WHERE false'
				);
	const idx = openStageIndex(perPipeline);
	const joins = perPipeline
		? raw(`LEFT JOIN (SELECT id, lower(pipeline) AS pipeline FROM deals) dp ON dp.id = e.id
			LEFT JOIN (SELECT DISTINCT pipeline FROM pipeline_stage_map) pp ON pp.pipeline = dp.pipeline
			LEFT JOIN pipeline_stage_map pm ON pm.pipeline = pp.pipeline
				AND pm.key = lower(COALESCE(sl.name, e.stage))
				AND (e.pipeline IS NULL OR lower(e.pipeline) = pp.pipeline)`)
		: raw('');
	return [
		sql`CREATE OR REPLACE TABLE events_all AS ${body}`,
		sql`CREATE OR REPLACE TABLE stage_events AS
			SELECT e.id, COALESCE(sl.name, e.stage) AS stage, e."at",
				${idx} AS idx,
				COALESCE(${idx}, ${stageCount + 1}) AS position
			FROM events_all e
			LEFT JOIN stage_lookup sl ON sl.key = lower(e.stage)
			LEFT JOIN stage_map sm ON sm.key = lower(COALESCE(sl.name, e.stage))
			${joins}
			WHERE e."at" IS NOT NULL AND e.id IN (SELECT id FROM deals)
			-- The same deal entering the same stage at the same time twice is one event.
			${dedupe ? raw('QUALIFY row_number() OVER (PARTITION BY e.id, COALESCE(sl.name, e.stage), e."at" ORDER BY e.row) = 1') : raw('')}`
	];
}

/**
 * `deal_facts`: the furthest stage each deal reached (METRICS.md §3) and its cycle in days,
 * computed once so a filter change only aggregates; and its filter group `group_id`, the number of its
 * (owner, source, pipeline, segment) in `deal_groups`, which tables of per-deal facts carry
 * instead of the four values (see `groupFilter`); and `closed_early`, the deals closed before
 * they were created.
 */
export function createDealFacts(stageCount: number): Fragment[] {
	const won = stageCount + 1;
	return [
		sql`CREATE OR REPLACE TABLE deal_groups AS
			SELECT row_number() OVER (ORDER BY owner, source, pipeline, segment)::INTEGER AS group_id, *
			FROM (SELECT DISTINCT owner, source, pipeline, segment FROM deals)`,
		// The outcome an ENUM: every view compares it with 'won', 'lost' or 'open', and an ENUM
		// compares small integers rather than text.
		sql`CREATE OR REPLACE TABLE deal_facts AS
			SELECT d.* REPLACE (CAST(d.outcome AS ${OUTCOME_TYPE}) AS outcome),
				CASE WHEN d.outcome = 'won' THEN ${won}
					ELSE greatest(COALESCE(d.stage_idx, 1), COALESCE(e.max_idx, 0)) END AS furthest,
				CASE WHEN d.outcome = 'won' AND d.closed IS NOT NULL THEN date_diff('day', d.created, d.closed) END AS cycle_days,
				dg.group_id
			FROM deals d
			LEFT JOIN (SELECT id, max(idx) AS max_idx FROM stage_events WHERE idx IS NOT NULL GROUP BY id) e USING (id)
			LEFT JOIN deal_groups dg
				ON dg.owner = d.owner AND dg.source = d.source AND dg.pipeline = d.pipeline AND dg.segment = d.segment
			-- Grouped by filter values (owner first): a filtered scan skips the row groups of others.
			ORDER BY dg.group_id, d.row`,
		// The few deals closed before they were created, found once (a data-quality finding).
		sql`CREATE OR REPLACE TABLE closed_early AS
			SELECT id, row, outcome, created, closed, group_id FROM deal_facts
			WHERE outcome IN ('won', 'lost') AND closed < created`,
		// Where a view's statements read its period and filters.
		...createViewValues
	];
}

/** The deals' outcome in `deal_facts`, as the values it can take. */
const OUTCOME_TYPE = raw(`ENUM('open', 'won', 'lost')`);

/** The columns `deal_facts` adds to the deals (the `deals` view leaves them out). */
export const DEAL_FACT_COLUMNS = raw('furthest, cycle_days, group_id');

/**
 * The window over one deal's events in order: time, then the order the file listed them, then
 * the stage.
 */
const DEAL_EVENTS = raw('PARTITION BY e.id ORDER BY e."at", e.position, e.stage');

/**
 * Per-deal stage facts, computed once so a filter change only aggregates (a filter keeps or
 * drops whole deals, so a window over one deal's events never changes with it). The first two
 * carry the deal's created date and filter group (`group_id`, see `deal_groups`), so a view filters them
 * without a join:
 * - `stays`: each open-stage stay in days, to the next event or, for a closed deal, to its close
 *   (METRICS.md `time_in_stage`; negative stays are left out);
 * - `stage_skips`: each deal's first step (open-stage or won event) more than one position past
 *   the open stage it came from (won is the position after the last open stage of the deal's own
 *   pipeline: a deal won from its pipeline's last stage skipped nothing, however long the other
 *   pipelines in a view are);
 * - `backward_moves`: each deal's first open-stage event below the highest entered before it.
 *
 * All three come from `stage_seq`, one ordered pass over each deal's events (one sort): a window
 * over a subset of the events (open stages; open and won) is the same window over all of them
 * with the other events' values NULL and skipped (`IGNORE NULLS`; `max` and `count` skip NULLs).
 */
export const createStageFacts: readonly Fragment[] = [
	sql`CREATE OR REPLACE TABLE stage_seq AS
		WITH marked AS (
			SELECT e.*, (e.idx IS NOT NULL OR sm.kind = 'won') AS step
			FROM stage_events e LEFT JOIN stage_map sm ON sm.key = lower(e.stage)
		)
		SELECT e.id, e.stage, e."at", e.idx, e.step,
			row_number() OVER (${DEAL_EVENTS}) AS pos,
			lead(e."at") OVER (${DEAL_EVENTS}) AS next_at,
			-- The step before: its index, 0 for a won event (whose idx is NULL).
			lag(CASE WHEN e.step THEN COALESCE(e.idx, 0) END IGNORE NULLS) OVER (${DEAL_EVENTS}) AS prev_step_idx,
			lag(CASE WHEN e.step THEN e.stage END IGNORE NULLS) OVER (${DEAL_EVENTS}) AS prev_step_stage,
			count(CASE WHEN e.step THEN 1 END) OVER (${DEAL_EVENTS} ROWS UNBOUNDED PRECEDING) AS step_nth,
			max(e.idx) OVER (${DEAL_EVENTS} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS high,
			lag(CASE WHEN e.idx IS NOT NULL THEN e.stage END IGNORE NULLS) OVER (${DEAL_EVENTS}) AS prev_open_stage
		FROM marked e`,
	sql`CREATE OR REPLACE TABLE stays AS
		SELECT idx, days, group_id, created FROM (
			SELECT s.idx, d.group_id, d.created,
				(epoch(COALESCE(s.next_at, CASE WHEN d.outcome <> 'open' THEN CAST(d.closed AS TIMESTAMP) END)) - epoch(s."at")) / 86400.0 AS days
			FROM stage_seq s JOIN deal_facts d USING (id) WHERE s.idx IS NOT NULL
		) WHERE days >= 0
		-- In the order the quantiles sort them: a view's quantiles then sort sorted runs.
		ORDER BY idx, days`,
	sql`CREATE OR REPLACE TABLE stage_skips AS
		WITH own AS (
			SELECT pipeline, max(idx) AS k FROM pipeline_stage_map WHERE kind = 'open' GROUP BY pipeline
		),
		steps AS (
			SELECT s.id, d.row, d.group_id, d.created, s.stage, s."at", s.step_nth AS nth,
				s.prev_step_stage AS prev_stage, NULLIF(s.prev_step_idx, 0) AS prev_idx,
				-- The step's position: its open stage, or won after the last open stage of the
				-- deal's own pipeline.
				COALESCE(s.idx, COALESCE(own.k, (SELECT max(idx) FROM stage_map WHERE kind = 'open')) + 1) AS pos
			FROM stage_seq s JOIN deal_facts d USING (id) LEFT JOIN own ON own.pipeline = lower(d.pipeline)
			WHERE s.step AND s.step_nth > 1 AND NULLIF(s.prev_step_idx, 0) IS NOT NULL
		)
		SELECT id, row, group_id, created, prev_stage AS "from", stage AS "to", (pos - prev_idx - 1)::DOUBLE AS skipped, "at"
		FROM steps WHERE pos > prev_idx + 1
		QUALIFY row_number() OVER (PARTITION BY id ORDER BY nth) = 1`,
	sql`CREATE OR REPLACE TABLE backward_moves AS
		SELECT id, prev_open_stage AS "from", stage AS "to", "at" FROM stage_seq WHERE idx < high
		QUALIFY row_number() OVER (PARTITION BY id ORDER BY pos) = 1`,
	sql`DROP TABLE stage_seq`
];

export interface SpendOptions {
	rawTable: string;
	mapping: SpendMapping;
	formats: ColumnFormats;
}

export function createSpend({ rawTable, mapping, formats }: SpendOptions): Fragment {
	const c = mapping.columns;
	const date = ident(c.date ?? '');
	const amount = ident(c.amount ?? '');
	return sql`CREATE OR REPLACE TABLE spend AS
		SELECT r.__row AS row, ${parseSpendDate(date, family(formats, c.date))} AS date,
			${textOrNone(c.channel)} AS channel,
			${parseNumber(amount, decimal(formats, c.amount))} AS amount,
			${cleanText(date)} AS date_text, ${cleanText(amount)} AS amount_text
		FROM ${ident(rawTable)} r`;
}
