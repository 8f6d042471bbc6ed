import type { Db } from '../db/types';
import type { RawTable } from '../ingest/raw-table';
import {
	createDealsAll,
	createPipelineStageMap,
	createStageMap,
	pipelineStageMapEntries,
	stageMapEntries,
	type ColumnFormats
} from '../model/canonical';
import { stageKey, type Config, type DateOrder } from '../model/config';
import type { DealsMapping, HistoryMapping } from '../model/mapping';
import {
	readsStageDatesByRow,
	stageDateColumns,
	stageDateTexts,
	type StageDateColumn
} from '../model/stage-dates';
import { raw, type Fragment } from '../sql/sql';
import { dateOrderFor } from './load-options';
import { confirmCounts, confirmFlags, guessFormats, settleFormats, type Settled } from './profile';
import { dealRowsLeftOut, type LeftOut } from './row-counts';
import { stagesFromData } from './stages-from-data';

/** The deals file to type, and what its typing reads beside it. */
export interface DealsToType {
	raw: RawTable;
	/** The mapping in force: stage order decided, columns checked. */
	mapping: DealsMapping;
	/** A stage list file gave the stages: no guessed list to complete from the data. */
	hasStageList: boolean;
	/** The history file, whose events' order completes a guessed stage list. */
	history: { raw: RawTable; mapping: HistoryMapping } | null;
	config: Config;
	/** The day/month order the user chose, over the CRM's. */
	dateOrder?: DateOrder;
}

/** The deals typed into `deals_all` (and the stage maps). */
export interface TypedDeals {
	/** The mapping with its stage lists completed from the data. */
	mapping: DealsMapping;
	/** The formats every row was typed with, and what the profile counted. */
	profile: Settled;
	leftOut: LeftOut;
	/** The stage-date columns read row by row into `stage_dates`, else null. */
	stageDates: StageDateColumn[] | null;
	/** Notes on what the data did not settle, each naming the file. */
	notes: string[];
}

/**
 * Type the deals once with explicit formats. The formats are guessed from the first rows and
 * confirmed as the deals are typed: the typing statement flags the values that do not read, and
 * only a column with one is counted again (and the deals typed again when that changes its
 * format).
 */
export async function typeDeals(db: Db, input: DealsToType): Promise<TypedDeals> {
	const deals = input.mapping;
	const guess = await guessFormats(db, input.raw.table, {
		dates: [
			deals.columns.created,
			deals.columns.closed,
			deals.closedBy?.won,
			deals.closedBy?.lost,
			deals.columns.expected_close,
			...deals.stageColumns.map((s) => s.column)
		].filter((c) => c !== undefined),
		numbers: [deals.columns.amount, deals.columns.probability].filter((c) => c !== undefined),
		...dateOrderFor(input.dateOrder, deals)
	});
	// A wide stage-date export's dates are read row by row as the deals are typed (one list per
	// row), and counted there together.
	const wide = readsStageDatesByRow(deals, {
		fromHistory: input.history !== null,
		hasStageList: input.hasStageList
	});
	const grouped = new Set(
		wide ? deals.stageColumns.map((s) => s.column).filter((c) => !guess.full.has(c)) : []
	);
	const probability = deals.columns.probability;
	let probabilityScale = scaleFor(probability ? guess.sampleMax[probability] : null);
	const flags = confirmFlags(guess, grouped, stageDateTexts(deals));
	let typed = await typeDealsWith(db, input, wide, guess.formats, probabilityScale, flags);
	let leftOut = await dealRowsLeftOut(db, [
		...confirmCounts(guess, grouped, raw('len(stage_dates)')),
		raw('max(probability) AS confirm_probability_max')
	]);
	const profile = await settleFormats(
		db,
		input.raw.table,
		guess,
		leftOut as unknown as Record<string, number>,
		grouped
	);
	const scale = settledScale(
		probability,
		probabilityScale,
		leftOut.confirm_probability_max,
		profile
	);
	if (scale !== probabilityScale) profile.changed = true;
	probabilityScale = scale;
	if (profile.changed) {
		typed = await typeDealsWith(db, input, wide, profile.formats, probabilityScale);
		leftOut = await dealRowsLeftOut(db);
	}
	return {
		mapping: typed.mapping,
		profile,
		leftOut,
		stageDates: typed.stageDates,
		notes: [...profile.notes, ...typed.notes].map((n) => `${input.raw.file}: ${n}`)
	};
}

/** A probability column written as 0–1 is scaled to percent. */
function scaleFor(top: number | null | undefined): number {
	return top != null && top <= 1 ? 100 : 1;
}

/**
 * The probability scale every row gives: the largest value counted again, else the largest
 * typed (every typed probability is the value times the scale the first rows gave).
 */
function settledScale(
	column: string | undefined,
	scale: number,
	typedTop: number | null | undefined,
	profile: Settled
): number {
	if (!column) return scale;
	const top = profile.recounted.has(column)
		? profile.numbers[column]?.max
		: typedTop == null
			? null
			: typedTop <= scale
				? 1
				: Infinity;
	return scaleFor(top);
}

/** Type the deals (`deals_all`, the stage maps) with these formats. */
async function typeDealsWith(
	db: Db,
	input: DealsToType,
	wide: boolean,
	formats: ColumnFormats,
	probabilityScale: number,
	flags?: Fragment
): Promise<{ mapping: DealsMapping; notes: string[]; stageDates: StageDateColumn[] | null }> {
	const { config, history } = input;
	let mapping = input.mapping;
	let notes: string[] = [];
	await db.query(createPipelineStageMap(pipelineStageMapEntries(mapping)));
	// Whether `deals_all` is already built for the final mapping.
	let built = false;
	if (!input.hasStageList) {
		// A guessed stage list (a default pipeline, a sample's labels) is completed from all rows.
		const ordered = await stagesFromData(db, {
			mapping,
			rawTable: input.raw.table,
			formats,
			probabilityScale,
			flags,
			history: history
				? {
						rawTable: history.raw.table,
						mapping: history.mapping,
						...dateOrderFor(input.dateOrder, history.mapping)
					}
				: null,
			config
		});
		built = ordered.dealsAll && sameStageLists(ordered.mapping, mapping);
		mapping = ordered.mapping;
		notes = ordered.notes;
	}
	// A left-out label is no stage, won or lost label (its deals are not kept).
	const kept = withoutLeftOut(mapping);
	if (kept !== mapping) [mapping, built] = [kept, false];
	await db.query(createStageMap(stageMapEntries(mapping)));
	await db.query(createPipelineStageMap(pipelineStageMapEntries(mapping)));
	const stageDates = wide ? stageDateColumns(mapping, stageMapEntries(mapping)) : null;
	if (!built || stageDates) {
		await db.query(
			createDealsAll({
				rawTable: input.raw.table,
				mapping,
				formats,
				probabilityScale,
				stageDates,
				flags
			})
		);
	}
	return { mapping, notes, stageDates };
}

/** Whether two mappings name the same open, won and lost stages, in the same order. */
function sameStageLists(a: DealsMapping, b: DealsMapping): boolean {
	const same = (x: readonly string[], y: readonly string[]) =>
		x.length === y.length && x.every((v, i) => v === y[i]);
	return same(a.stages, b.stages) && same(a.won, b.won) && same(a.lost, b.lost);
}

/** The mapping without the left-out labels in its stage lists (the same object when none is). */
function withoutLeftOut(mapping: DealsMapping): DealsMapping {
	const out = new Set((mapping.leftOut ?? []).map(stageKey));
	const keep = (list: readonly string[]) => list.filter((l) => !out.has(stageKey(l)));
	const lists = [mapping.stages, mapping.won, mapping.lost];
	if (lists.every((l) => keep(l).length === l.length)) return mapping;
	return {
		...mapping,
		stages: keep(mapping.stages),
		won: keep(mapping.won),
		lost: keep(mapping.lost)
	};
}
