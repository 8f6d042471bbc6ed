import type { Db } from '../db/types';
import { stagesFromLabels, type HistoryOrder, type LabelCount } from '../crm/stages-from-labels';
import {
	createDealsAll,
	createStageMap,
	historyEvents,
	stageMapEntries,
	type ColumnFormats
} from '../model/canonical';
import { stageKey, type Config, type DateOrder } from '../model/config';
import type { DealsMapping, HistoryMapping } from '../model/mapping';
import { findLoose } from '../crm/labels';
import { ident, raw, sql, type Fragment } from '../sql/sql';
import { profileColumns } from './profile';

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

/**
 * A mapping whose stage list is a guess (`stagesFromData`) completed from every row and the
 * history: this counts the labels of `deals_all` and reads the order of the history's events;
 * `crm/stages-from-labels.ts` decides what they say. Leaves `deals_all` and `stage_map` built for
 * the input mapping (`dealsAll`); the loader builds them again when the stage lists it returns
 * differ.
 */
export async function stagesFromData(
	db: Db,
	input: StagesFromDataInput
): Promise<{ mapping: DealsMapping; notes: string[]; dealsAll: boolean }> {
	const { mapping, config } = input;
	if (config.stages) return { mapping: withOrder(mapping, 'config'), notes: [], dealsAll: false };
	// A detector's own list: the order of its per-stage date columns, or the CRM's pipeline.
	if (!mapping.stagesFromData) {
		const from = mapping.stageColumns.length ? 'stage dates' : 'crm';
		return { mapping: withOrder(mapping, from), notes: [], dealsAll: false };
	}
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
	const labels = await db.query<LabelCount>(sql`
		SELECT stage AS label, count(*)::DOUBLE AS rows, min(row)::DOUBLE AS first,
			avg(probability) AS probability,
			count(*) FILTER (WHERE outcome = 'won')::DOUBLE AS won,
			count(*) FILTER (WHERE outcome = 'lost')::DOUBLE AS lost,
			count(*) FILTER (WHERE outcome = 'open')::DOUBLE AS open
		FROM deals_all WHERE stage IS NOT NULL GROUP BY stage ORDER BY first`);
	const history = input.history ? await historyOrder(db, input.history) : null;
	const ordered = stagesFromLabels(mapping, config, labels, history);
	// `deals_all` read the pipeline from a column: built again when it comes from stage prefixes.
	const samePipeline =
		Boolean(ordered.mapping.pipelineFromStage) === Boolean(mapping.pipelineFromStage);
	return { ...ordered, dealsAll: samePipeline };
}

/** The mapping with its stage order from `from` (a strong source: config, CRM, stage dates). */
function withOrder(
	mapping: DealsMapping,
	from: NonNullable<DealsMapping['stageOrder']>['from']
): DealsMapping {
	return { ...mapping, stageOrder: { from, weak: false } };
}

// Headers of a history column giving each stage's place in the pipeline (`stage_order`).
const ORDER_COLUMNS = [
	'stage order',
	'stage index',
	'stage number',
	'stage no',
	'stage position',
	'stage rank',
	'stage sort',
	'sort order',
	'порядок этапа',
	'номер этапа',
	'порядок стадии',
	'номер стадии'
];

/** For each pair of stage labels, how many deals entered the first before the second. */
async function historyOrder(
	db: Db,
	history: NonNullable<StagesFromDataInput['history']>
): Promise<HistoryOrder | null> {
	const at = history.mapping.columns.at;
	if (!at) return null;
	const profile = await profileColumns(db, history.rawTable, {
		dates: [at],
		numbers: [],
		dateOrder: history.dateOrder ?? history.mapping.dateOrder
	});
	const events = historyEvents(history.rawTable, history.mapping, profile.formats);
	if (!events) return null;
	const columns = await db.query<{ column_name: string }>(
		sql`SELECT column_name FROM (DESCRIBE ${ident(history.rawTable)})`
	);
	const orderColumn = findLoose(
		columns.map((c) => c.column_name),
		ORDER_COLUMNS
	);
	// A stage's place is the value most of its rows give (90 % of them the same number).
	const rank = orderColumn
		? sql`LEFT JOIN (SELECT __row, TRY_CAST(trim(${ident(orderColumn)}) AS DOUBLE) AS rank
				FROM ${ident(history.rawTable)}) o ON o.__row = e.row`
		: raw('CROSS JOIN (SELECT CAST(NULL AS DOUBLE) AS rank) o');
	const firsts = await db.query<{ label: string; first_row: number; rank: number | null }>(sql`
		SELECT any_value(stage) AS label, min(row)::DOUBLE AS first_row,
			CASE WHEN quantile_disc(rank, 0.05) = quantile_disc(rank, 0.95) THEN median(rank) END AS rank
		FROM (SELECT e.*, o.rank FROM (${events}) e ${rank})
		WHERE "at" IS NOT NULL GROUP BY lower(stage) ORDER BY first_row`);
	const ranks = new Map(
		firsts.filter((f) => f.rank !== null).map((f) => [stageKey(f.label), Number(f.rank)])
	);
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
		precedes: (a, b) => counts.get(`${stageKey(a)}\u0000${stageKey(b)}`) ?? 0,
		...(ranks.size ? { rank: (label: string) => ranks.get(stageKey(label)) } : {})
	};
}
