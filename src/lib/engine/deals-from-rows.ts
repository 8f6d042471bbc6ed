import type { Db } from '../db/types';
import type { DealsMapping } from '../model/mapping';
import { cleanText } from '../model/parse';
import { ident, sql } from '../sql/sql';
import type { LoadedFile } from './dataset';

const TABLE = 'raw_deals';
const CREATED = 'created (first row)';

/**
 * Deals from a history whose every row also carries its deal's current fields (Salesforce
 * Opportunity History and Field History reports, `HistoryMapping.dealsPerRow`), when no deals
 * file was given: the last row of each deal id, as an all-text table shaped like the history, so
 * it is typed, audited and warned about like a deals export (`__row` keeps the history's line).
 */
export async function dealsFromRows(
	db: Db,
	history: LoadedFile,
	mapping: DealsMapping
): Promise<{ file: LoadedFile; notes: string[] } | null> {
	const id = mapping.columns.id;
	if (!id) return null;
	const key = cleanText(ident(id));
	// A plain stage log has no created column: a deal was created when its first row was written.
	const first = mapping.createdFromFirst;
	const created = first
		? sql`, first_value(${ident(first)}) OVER (PARTITION BY ${key} ORDER BY r.__row) AS ${ident(CREATED)}`
		: sql``;
	await db.query(sql`CREATE OR REPLACE TABLE ${ident(TABLE)} AS
		SELECT *${created} FROM ${ident(history.raw.table)} r
		QUALIFY row_number() OVER (PARTITION BY ${key} ORDER BY r.__row DESC) = 1
		ORDER BY r.__row`);
	if (first) mapping = { ...mapping, columns: { ...mapping.columns, created: CREATED } };
	const [{ n }] = await db.query<{ n: number }>(
		sql`SELECT count(*)::DOUBLE AS n FROM ${ident(TABLE)}`
	);
	const used = [
		mapping.columns.stage,
		mapping.columns.amount,
		mapping.columns.closed,
		first && `created: its first "${first}"`
	]
		.filter((c): c is string => typeof c === 'string' && c !== '')
		.map((c) => `"${c}"`);
	return {
		file: {
			raw: {
				...history.raw,
				table: TABLE,
				columns: first ? [...history.raw.columns, CREATED] : history.raw.columns,
				rowsLoaded: n,
				footer: [],
				rejected: [],
				repaired: [],
				renamed: []
			},
			role: 'deals',
			crm: mapping.crm,
			confidence: history.confidence,
			mapping,
			detected: mapping,
			candidates: []
		},
		notes: [
			`${history.raw.file}: no deals file was given, so ${n} deals were taken from the history, one per "${id}" (its last row: ${used.join(', ')})`
		]
	};
}
