import type { Db } from '../db/types';
import {
	createDealsAll,
	createStageMap,
	historyEvents,
	stageMapEntries,
	type ColumnFormats
} from '../model/canonical';
import { stageKey, type Config, type DateOrder } from '../model/config';
import type { DealsMapping, HistoryMapping } from '../model/mapping';
import { sql, type Fragment } from '../sql/sql';
import { profileColumns } from '../engine/profile';
import { closedKind, newLabels } from './labels';

export interface StagesFromDataInput {
	mapping: DealsMapping;
	rawTable: string;
	formats: ColumnFormats;
	probabilityScale: number;
	/** The per-row flags `deals_all` carries (see `createDealsAll`). */
	flags?: Fragment;
	history: { rawTable: string; mapping: HistoryMapping; dateOrder?: DateOrder } | null;
	config: Config;
}

type Label = {
	label: string;
	rows: number;
	first: number;
	probability: number | null;
	won: number;
	lost: number;
	open: number;
};

// Common open-stage words, earliest first: the order of last resort.
const VOCABULARY = [
	/lead|new|нов|лид|первичн|разведк/i,
	/prospect|contact|контакт/i,
	/qualif|квалиф/i,
	/discover|needs|analys|потребн|анализ/i,
	/demo|present|value|meeting|демо|презент|встреч/i,
	/decision|perception|лпр|решени/i,
	/proposal|quote|offer|кп|предложен|счет|счёт/i,
	/negotiat|review|переговор|согласован/i,
	/contract|commit|closing|signature|договор|контракт|закрыт/i
];

function vocabularyRank(label: string): number {
	const i = VOCABULARY.findIndex((re) => re.test(label));
	return i < 0 ? Infinity : i;
}

/**
 * A mapping whose stage list is a guess (`stagesFromData`) completed from every row and the
 * history: labels the guess lacks are classified won, lost or open, and when the open labels are
 * not all in the guessed list the open stages are ordered from the data: by which stage deals
 * enter first in the history, else by the mean probability of the deals at each stage, else by
 * the usual order of stage words, else by first appearance (and said so).
 *
 * A label all of whose deals are won is a won label; one all of whose deals are lost is a lost
 * label (for a CRM export whose closed deals sit in a closed stage; a generic file's lost deals
 * may keep the stage they were lost at, so there the label's words must say lost too). Without
 * an outcome column or yes/no flags, a label's words decide (`Closed Won`, `Signed`, `Dead`, …).
 * Leaves `deals_all` and `stage_map` built for the input mapping (`dealsAll`); the loader builds
 * them again when the stage lists it returns differ.
 */
export async function stagesFromData(
	db: Db,
	input: StagesFromDataInput
): Promise<{ mapping: DealsMapping; notes: string[]; dealsAll: boolean }> {
	const { mapping, config } = input;
	if (!mapping.stagesFromData || config.stages) return { mapping, notes: [], dealsAll: false };
	await db.query(createStageMap(stageMapEntries(mapping)));
	await db.query(
		createDealsAll({
			rawTable: input.rawTable,
			mapping,
			formats: input.formats,
			probabilityScale: input.probabilityScale,
			flags: input.flags
		})
	);
	const labels = await db.query<Label>(sql`
		SELECT stage AS label, count(*)::DOUBLE AS rows, min(row)::DOUBLE AS first,
			avg(probability) AS probability,
			count(*) FILTER (WHERE outcome = 'won')::DOUBLE AS won,
			count(*) FILTER (WHERE outcome = 'lost')::DOUBLE AS lost,
			count(*) FILTER (WHERE outcome = 'open')::DOUBLE AS open
		FROM deals_all WHERE stage IS NOT NULL GROUP BY stage ORDER BY first`);
	const history = input.history ? await historyOrder(db, input.history) : null;
	const decided = Boolean(mapping.columns.outcome || mapping.flags?.won || mapping.flags?.closed);
	const known = new Set([...mapping.won, ...mapping.lost].map(stageKey));
	const won: string[] = [];
	const lost: string[] = [];
	const open: Label[] = [];
	const all = [
		...labels,
		...(history?.labels ?? [])
			.filter((h) => !labels.some((l) => stageKey(l.label) === stageKey(h)))
			.map((label, i) => ({
				label,
				rows: 0,
				first: 1e15 + i,
				probability: null,
				won: 0,
				lost: 0,
				open: 0
			}))
	];
	for (const l of all) {
		if (known.has(stageKey(l.label))) continue;
		const words = closedKind(l.label);
		if (decided && l.rows > 0) {
			if (l.won === l.rows && words !== 'lost') won.push(l.label);
			else if (l.lost === l.rows && (words === 'lost' || mapping.crm !== 'generic'))
				lost.push(l.label);
			else open.push(l);
		} else if (words === 'won') won.push(l.label);
		else if (words === 'lost') lost.push(l.label);
		else open.push(l);
	}
	// A CRM's default pipeline is kept when the data stays within it; a generic file's list is
	// only its first rows' labels in order of appearance, so the data orders it.
	const guessed = new Set(mapping.crm === 'generic' ? [] : mapping.stages.map(stageKey));
	const allKnown = open.every((l) => guessed.has(stageKey(l.label)));
	const notes: string[] = [];
	let stages = mapping.stages;
	if (!allKnown || mapping.stages.length === 0) {
		const { ordered, by } = order(open, history?.precedes ?? null);
		stages = ordered.map((l) => l.label);
		if (by === 'appearance' && stages.length > 1) {
			notes.push(
				`the stage order (${stages.join(', ')}) is the order the labels first appear in the file: nothing in the data tells it; set it in the stage editor`
			);
		}
	}
	return {
		mapping: {
			...mapping,
			stages,
			won: config.won ?? [...mapping.won, ...newLabels(won, mapping.won)],
			lost: config.lost ?? [...mapping.lost, ...newLabels(lost, mapping.lost)]
		},
		notes,
		dealsAll: true
	};
}

/** For each pair of stage labels, how many deals entered the first before the second. */
async function historyOrder(
	db: Db,
	history: NonNullable<StagesFromDataInput['history']>
): Promise<{ labels: string[]; precedes: (a: string, b: string) => number } | null> {
	const at = history.mapping.columns.at;
	if (!at) return null;
	const profile = await profileColumns(db, history.rawTable, {
		dates: [at],
		numbers: [],
		dateOrder: history.dateOrder ?? history.mapping.dateOrder
	});
	const events = historyEvents(history.rawTable, history.mapping, profile.formats);
	if (!events) return null;
	const firsts = await db.query<{ label: string; first_row: number }>(sql`
		SELECT any_value(stage) AS label, min(row)::DOUBLE AS first_row FROM (${events})
		WHERE "at" IS NOT NULL GROUP BY lower(stage) ORDER BY first_row`);
	const pairs = await db.query<{ a: string; b: string; n: number }>(sql`
		WITH entered AS (
			SELECT id, lower(stage) AS stage, min("at") AS "at" FROM (${events})
			WHERE "at" IS NOT NULL AND id IS NOT NULL GROUP BY id, lower(stage)
		)
		SELECT x.stage AS a, y.stage AS b, count(*)::DOUBLE AS n
		FROM entered x JOIN entered y ON x.id = y.id AND x."at" < y."at"
		GROUP BY 1, 2`);
	const counts = new Map(pairs.map((p) => [`${p.a}\u0000${p.b}`, p.n]));
	return {
		labels: firsts.map((f) => f.label),
		precedes: (a, b) => counts.get(`${stageKey(a)}\u0000${stageKey(b)}`) ?? 0
	};
}

/**
 * Open labels in order: by the history (a label before another when more deals entered it
 * first; ranked by how many labels it precedes), else by mean probability, else by stage words,
 * else by first appearance.
 */
function order(
	open: readonly Label[],
	precedes: ((a: string, b: string) => number) | null
): { ordered: Label[]; by: 'history' | 'probability' | 'words' | 'appearance' } {
	const byAppearance = [...open].sort((a, b) => a.first - b.first);
	if (precedes) {
		const inHistory = (l: Label) =>
			open.some((o) => precedes(l.label, o.label) + precedes(o.label, l.label) > 0);
		if (open.every(inHistory)) {
			const wins = (l: Label) =>
				open.filter((o) => o !== l && precedes(l.label, o.label) > precedes(o.label, l.label))
					.length;
			return {
				ordered: [...byAppearance].sort((a, b) => wins(b) - wins(a)),
				by: 'history'
			};
		}
	}
	if (open.length > 0 && open.every((l) => l.probability !== null)) {
		return {
			ordered: [...byAppearance].sort((a, b) => (a.probability ?? 0) - (b.probability ?? 0)),
			by: 'probability'
		};
	}
	if (open.length > 0 && open.every((l) => vocabularyRank(l.label) < Infinity)) {
		return {
			ordered: [...byAppearance].sort((a, b) => vocabularyRank(a.label) - vocabularyRank(b.label)),
			by: 'words'
		};
	}
	return { ordered: byAppearance, by: 'appearance' };
}
