import type { Db } from '../db/types';
import type { RawTable } from '../ingest/raw-table';
import {
	createDealFacts,
	createDeals,
	createEvents,
	createStageFacts,
	DEAL_FACT_COLUMNS,
	historyEvents,
	stageColumnEvents,
	usesPipelineStages
} from '../model/canonical';
import type { DateOrder } from '../model/config';
import type { DealsMapping, HistoryMapping } from '../model/mapping';
import { createListStageFacts, createStageLists, type StageDateColumn } from '../model/stage-dates';
import { sql, type Fragment } from '../sql/sql';
import { parseWarnings } from './audit';
import { dateOrderFor } from './load-options';
import { profileColumns, type Profile } from './profile';
import type { LeftOut } from './row-counts';
import { runStatements } from './statements';
import type { TypedDeals } from './type-deals';
import { dealWarnings, eventWarnings, stageDateWarnings } from './warnings';

/** `deals` is always a view (see `createDeals`): dropped without asking the catalog. */
const DROP_DEALS = sql`DROP VIEW IF EXISTS deals`;

/**
 * The deals kept (`deals`: one row per id, with a created date). Returns the stage-date lists
 * that are the deals' events: the rows' own, when every row with an id and a created date is a
 * deal of its own; else (rare, or none) null, and the events take the event path and are merged.
 */
export async function keepDeals(db: Db, typed: TypedDeals): Promise<StageDateColumn[] | null> {
	const { leftOut, stageDates } = typed;
	await runStatements(db, [DROP_DEALS, ...createDeals(leftOut.repeated > 0)]);
	return stageDates && leftOut.no_created + leftOut.repeated + leftOut.labels === 0
		? stageDates
		: null;
}

/** The history file's dates profiled (their formats), when there is a history file. */
export async function profileHistory(
	db: Db,
	history: { raw: RawTable; mapping: HistoryMapping } | null,
	chosen: DateOrder | undefined
): Promise<Profile | null> {
	if (!history) return null;
	return profileColumns(db, history.raw.table, {
		dates: [history.mapping.columns.at].filter((c) => c !== undefined),
		numbers: [],
		...dateOrderFor(chosen, history.mapping)
	});
}

/** What `buildEvents` reads: the typed deals and where their events come from. */
export interface EventSources {
	dealsRaw: RawTable;
	typed: TypedDeals;
	/** The stage-date lists read row by row (`keepDeals`), else null. */
	byRow: StageDateColumn[] | null;
	/** The history file and its profile, when there is one. */
	history: { raw: RawTable; mapping: HistoryMapping; profile: Profile } | null;
	hasStageList: boolean;
}

/**
 * The stage events (`events_all`, `stage_events`, or the rows' stage lists) and the per-deal
 * facts (`deal_facts`), which holds every column of `deals`: `deals` becomes a view over it.
 */
export async function buildEvents(db: Db, from: EventSources): Promise<void> {
	const { typed, byRow, history } = from;
	const deals = typed.mapping;
	const k = deals.stages.length;
	const sources: Fragment[] = [];
	if (history) {
		const events = historyEvents(history.raw.table, history.mapping, history.profile.formats);
		if (events) sources.push(events);
	} else if (!byRow) {
		const events = stageColumnEvents(from.dealsRaw.table, deals, typed.profile.formats);
		if (events) sources.push(events);
	}
	const dedupe = eventsMayRepeat(deals, typed.leftOut, history !== null, from.hasStageList);
	await runStatements(
		db,
		byRow ? createStageLists(byRow, k) : createEvents(sources, k, usesPipelineStages(deals), dedupe)
	);
	await runStatements(db, createDealFacts(k));
	// `deal_facts` holds every column of `deals`: one copy of the deals is enough.
	await runStatements(db, [
		DROP_DEALS,
		sql`DROP TABLE IF EXISTS deals_first`,
		sql`CREATE VIEW deals AS SELECT * EXCLUDE (${DEAL_FACT_COLUMNS}) FROM deal_facts`
	]);
}

/** The warnings only `deals_all` and `events_all` can give (see `auditTypedRows`). */
export interface TypedRowNotes {
	/** The deals file's values that do not read. */
	parse: string[];
	/** Deals left out or doubtful (`dealWarnings`). */
	deals: string[];
	/** Events left out, or stage dates that name no stage. */
	events: string[];
}

/**
 * What only `deals_all` and `events_all` can tell, asked before `buildStageFacts` drops them
 * (the load's peak of memory is the stage facts' build).
 */
export async function auditTypedRows(
	db: Db,
	from: Pick<EventSources, 'dealsRaw' | 'typed' | 'byRow'> & { historyRaw?: RawTable }
): Promise<TypedRowNotes> {
	const { dealsRaw, typed, byRow } = from;
	const { profile } = typed;
	const parse = await parseWarnings(
		db,
		dealsRaw,
		typed.mapping,
		profile.formats,
		profile.unparsed,
		profile.numbers
	);
	const deals = await dealWarnings(db, dealsRaw, typed.mapping);
	const events = byRow
		? await stageDateWarnings(db, dealsRaw.file, byRow)
		: await eventWarnings(db, from.historyRaw?.file ?? dealsRaw.file);
	return { parse, deals, events };
}

/** The stage facts the metrics read (stays, skips, backward moves), the typed rows dropped. */
export async function buildStageFacts(
	db: Db,
	byRow: StageDateColumn[] | null,
	stageCount: number
): Promise<void> {
	await runStatements(db, [
		sql`DROP TABLE IF EXISTS events_all`,
		sql`DROP TABLE IF EXISTS deals_all`,
		...(byRow ? createListStageFacts(stageCount) : createStageFacts)
	]);
}

/**
 * Whether two stage events may share deal, stage and time, so that building `stage_events` must
 * merge them (a sort of every event). Events from a deals file's stage-date columns cannot when
 * each deal id is on one row and no two columns name the same stage; a history file always may.
 */
function eventsMayRepeat(
	deals: DealsMapping,
	left: LeftOut,
	fromHistory: boolean,
	hasStageList: boolean
): boolean {
	if (fromHistory || hasStageList) return true;
	const stages = deals.stageColumns.map((s) => s.stage.toLowerCase());
	if (new Set(stages).size !== stages.length) return true;
	// Every row with an id is a deal of its own (none repeats an id, lacks a created date or is
	// left out by its label).
	return left.no_created + left.repeated + left.labels > 0;
}
