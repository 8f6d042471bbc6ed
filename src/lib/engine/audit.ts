import type { Db } from '../db/types';
import { cleanText } from '../model/parse';
import { ident, join, sql, type Fragment } from '../sql/sql';

/** A typed column to check: its raw text column and the expression that parses it. */
export interface ParsedColumn {
	/** What the value is (`amount`, `created date`, …), for the message. */
	what: string;
	column: string;
	parsed: Fragment;
	/** Only rows where this holds are checked (the raw table is aliased `r`). */
	where?: Fragment;
}

export interface ParseFailure {
	what: string;
	column: string;
	count: number;
	firstRow: number;
	firstValue: string;
}

/** Count values that have text but did not parse, with the first one, per column, in one scan. */
export async function auditParsing(
	db: Db,
	table: string,
	columns: readonly ParsedColumn[]
): Promise<ParseFailure[]> {
	if (columns.length === 0) return [];
	const selects = columns.map((c, i) => {
		const only = c.where ? sql` AND (${c.where})` : sql``;
		const bad = sql`${cleanText(ident(c.column))} IS NOT NULL AND (${c.parsed}) IS NULL${only}`;
		return sql`count(*) FILTER (WHERE ${bad})::DOUBLE AS ${ident(`c${i}`)},
			min(__row) FILTER (WHERE ${bad})::DOUBLE AS ${ident(`r${i}`)},
			arg_min(left(${ident(c.column)}, 60), __row) FILTER (WHERE ${bad}) AS ${ident(`v${i}`)}`;
	});
	const [row] = await db.query(sql`SELECT ${join(selects)} FROM ${ident(table)} r`);
	return columns
		.map((c, i) => ({
			what: c.what,
			column: c.column,
			count: Number(row[`c${i}`] ?? 0),
			firstRow: Number(row[`r${i}`] ?? 0),
			firstValue: String(row[`v${i}`] ?? '')
		}))
		.filter((f) => f.count > 0);
}
