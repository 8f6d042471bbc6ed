import { applyConfig } from '../crm/detect';
import type { Db } from '../db/types';
import type { RawTable } from '../ingest/raw-table';
import type { Config } from '../model/config';
import type { DealsMapping, HistoryMapping } from '../model/mapping';
import type { LoadedFile } from './dataset';
import { cleanText, parseTimestamp } from '../model/parse';
import { ident, list, sql } from '../sql/sql';
import { dealsFromRows } from './deals-from-rows';
import { profileColumns } from './profile';

/**
 * Deals derived from a change log when no deals file was given (Pipedrive deal changes, see
 * `HistoryMapping.deals`). The result is an all-text table shaped like a deals export, so it is
 * typed, audited and warned about like any other: one row per deal id, `__row` the log row the
 * deal was created in (its first row when there is none), so warnings point at log lines.
 */

const TABLE = 'raw_deals';

export interface DerivedDeals {
	raw: RawTable;
	mapping: DealsMapping;
	/** What the derivation settled that the data did not say (warnings). */
	notes: string[];
}

/** Can this history mapping stand in for a deals file? */
export function derivesDeals(mapping: HistoryMapping | null | undefined): boolean {
	const c = mapping?.columns;
	if (mapping?.dealsPerRow?.columns.id) return true;
	return Boolean(mapping?.deals && mapping.field && c?.id && c.stage && c.at);
}

/**
 * Build `raw_deals` from the change log in `history`: `created` is the first value of the
 * created field, `owner`, `status` and `amount` the last values of theirs, `stage` the last
 * stage entered, `closed` the time of the last status change (else of entering the current
 * stage: it closes the deal when the user marks that stage won or lost).
 */
export async function deriveDeals(
	db: Db,
	history: RawTable,
	mapping: HistoryMapping,
	hasStageList: boolean
): Promise<DerivedDeals | null> {
	const spec = mapping.deals;
	const field = mapping.field;
	const { id, stage, at } = mapping.columns;
	if (!spec || !field || !id || !stage || !at) return null;
	const profile = await profileColumns(db, history.table, {
		dates: [at],
		numbers: [],
		dateOrder: mapping.dateOrder
	});
	const key = (s: string) => s.trim().toLowerCase();
	// An absent field compares with NULL and matches no row.
	const optional = (s: string | undefined) => (s ? key(s) : null);
	const stageFields = list(field.values.map(key));
	const kind = sql`CASE WHEN field IN ${stageFields} THEN 'stage'
		WHEN field = ${key(spec.created)} THEN 'created'
		WHEN field = ${optional(spec.owner)} THEN 'owner'
		WHEN field = ${optional(spec.outcome)} THEN 'status'
		WHEN field = ${optional(spec.amount)} THEN 'amount' END`;
	const first = (k: string) => sql`any_value(value) FILTER (WHERE kind = ${k} AND first_rank = 1)`;
	const last = (k: string) => sql`any_value(value) FILTER (WHERE kind = ${k} AND last_rank = 1)`;
	const lastAt = (k: string) => sql`max("at") FILTER (WHERE kind = ${k})`;
	await db.query(sql`CREATE OR REPLACE TABLE ${ident(TABLE)} AS
		WITH log AS (
			SELECT r.__row AS row, ${cleanText(ident(id))} AS id,
				lower(trim(${ident(field.column)})) AS field, ${cleanText(ident(stage))} AS value,
				${parseTimestamp(ident(at), profile.formats.dates[at] ?? 'iso')} AS "at"
			FROM ${ident(history.table)} r
		), facts AS (
			SELECT *, row_number() OVER (PARTITION BY id, kind ORDER BY "at" NULLS LAST, row) AS first_rank,
				row_number() OVER (PARTITION BY id, kind ORDER BY "at" DESC NULLS LAST, row DESC) AS last_rank
			FROM (SELECT *, ${kind} AS kind FROM log WHERE id IS NOT NULL AND value IS NOT NULL)
			WHERE kind IS NOT NULL
		), per_deal AS (
			SELECT id, ${first('created')} AS created, min(row) FILTER (WHERE kind = 'created' AND first_rank = 1) AS created_row,
				${last('owner')} AS owner, ${last('stage')} AS stage, ${last('status')} AS status,
				${last('amount')} AS amount,
				strftime(COALESCE(${lastAt('status')}, ${lastAt('stage')}), '%Y-%m-%d %H:%M:%S') AS closed,
				count(*) FILTER (WHERE kind = 'created') AS created_rows,
				count(*) FILTER (WHERE kind = 'status') AS status_rows
			FROM facts GROUP BY id
		)
		SELECT COALESCE(p.created_row, d.first_row) AS __row, d.id AS deal_id, p.created, p.owner,
			p.stage, p.status, p.amount, p.closed, COALESCE(p.created_rows, 0) AS created_rows,
			COALESCE(p.status_rows, 0) AS status_rows
		FROM (SELECT id, min(row) AS first_row FROM log WHERE id IS NOT NULL GROUP BY id) d
		LEFT JOIN per_deal p USING (id)
		ORDER BY __row`);
	const [facts] = await db.query<{
		deals: number;
		statuses: number;
		repeated: number;
		repeated_id: string | null;
	}>(sql`SELECT count(*)::DOUBLE AS deals, sum(status_rows)::DOUBLE AS statuses,
		count(*) FILTER (WHERE created_rows > 1)::DOUBLE AS repeated,
		min(deal_id) FILTER (WHERE created_rows > 1) AS repeated_id
		FROM ${ident(TABLE)}`);
	const notes = [
		`${history.file}: no deals file was given, so ${facts.deals} deals were derived from the change log (created from its "${spec.created}" rows, stage from the last "${field.values[0]}" row${facts.statuses > 0 ? `, outcome from the last "${spec.outcome}" row` : ', all open: the log has no status rows'})`
	];
	if (facts.repeated > 0) {
		notes.push(
			`${history.file}: ${facts.repeated} deal${facts.repeated === 1 ? ' has' : 's have'} more than one "${spec.created}" row (for example id "${facts.repeated_id}"); each is one deal, created at its earliest`
		);
	}
	let stages: string[] = [];
	if (!hasStageList) {
		const rows = await db.query<{ stage: string }>(
			sql`SELECT DISTINCT trim(value) AS stage FROM (SELECT ${cleanText(ident(stage))} AS value FROM ${ident(history.table)} r
				WHERE lower(trim(${ident(field.column)})) IN ${stageFields}) WHERE value IS NOT NULL`
		);
		stages = rows.map((r) => r.stage).sort(byIdOrder);
		if (stages.length > 0) {
			notes.push(
				`${history.file}: no stage list was given, so the stages are the stage ids of the log in ascending order; add the stages file (id, name) for names and order`
			);
		}
	}
	const columns = ['deal_id', 'created', 'owner', 'stage', 'status', 'amount', 'closed'];
	return {
		raw: {
			...history,
			table: TABLE,
			columns,
			preview: [],
			rowsLoaded: facts.deals,
			footer: [],
			rejected: [],
			repaired: [],
			renamed: []
		},
		mapping: {
			role: 'deals',
			crm: mapping.crm,
			columns: {
				id: 'deal_id',
				created: 'created',
				owner: 'owner',
				stage: 'stage',
				amount: 'amount',
				closed: 'closed',
				...(facts.statuses > 0 ? { outcome: 'status' } : {})
			},
			stages,
			won: [],
			lost: [],
			outcomeWon: ['won'],
			outcomeLost: ['lost'],
			stageColumns: []
		},
		notes
	};
}

/**
 * The deals "file" of a dataset that has only a change log: not one of the files dropped, so it
 * is not listed among them; the config's stage list and labels apply to it.
 */
export async function derivedDealsFile(
	db: Db,
	historyFile: LoadedFile | undefined,
	config: Config,
	hasStageList: boolean
): Promise<{ file: LoadedFile; notes: string[] } | null> {
	if (!historyFile || historyFile.mapping.role !== 'history') return null;
	const perRow = historyFile.mapping.dealsPerRow;
	if (perRow) return dealsFromRows(db, historyFile, applyConfig(perRow, config));
	const derived = await deriveDeals(db, historyFile.raw, historyFile.mapping, hasStageList);
	if (!derived) return null;
	const { stages, won, lost } = config;
	const mapping = applyConfig(derived.mapping, { stages, won, lost });
	return {
		file: {
			raw: derived.raw,
			role: 'deals',
			crm: mapping.crm,
			confidence: historyFile.confidence,
			mapping,
			detected: derived.mapping,
			candidates: []
		},
		notes: derived.notes
	};
}

/** Numeric ids by value, then any other label alphabetically. */
function byIdOrder(a: string, b: string): number {
	const x = Number(a);
	const y = Number(b);
	if (Number.isFinite(x) && Number.isFinite(y)) return x - y;
	if (Number.isFinite(x) !== Number.isFinite(y)) return Number.isFinite(x) ? -1 : 1;
	return a.localeCompare(b);
}
