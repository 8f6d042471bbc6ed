import type { Db } from '../db/types';
import { rowPlace, type RawTable } from '../ingest/raw-table';
import type { ColumnFormats } from '../model/canonical';
import type { DealsMapping, HistoryMapping } from '../model/mapping';
import { cleanText, parseNumber, parseTimestamp } from '../model/parse';
import { ident, join, sql, type Fragment } from '../sql/sql';
import type { Profile } from './profile';

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

/** A parse failure as a warning: how many values, which column, the first one and where. */
export function failureText(file: RawTable, f: ParseFailure): string {
	return `${file.file}: ${f.count} ${f.what} value${f.count === 1 ? '' : 's'} in column "${f.column}" could not be read (first at ${rowPlace(file, f.firstRow)}: "${f.firstValue}")`;
}

/** The deals or history file's dates and numbers that have text but do not read, as warnings. */
export async function parseWarnings(
	db: Db,
	file: RawTable,
	mapping: DealsMapping | HistoryMapping,
	formats: ColumnFormats,
	/** Unreadable values per date column, counted by the profile: a column with none is skipped. */
	unparsed: Record<string, number> = {},
	/** The same per number column. */
	numbers: Profile['numbers'] = {}
): Promise<string[]> {
	const checks: ParsedColumn[] = [];
	const date = (what: string, column: string | undefined, where?: Fragment) => {
		if (column && unparsed[column] !== 0)
			checks.push({
				what,
				column,
				parsed: parseTimestamp(ident(column), formats.dates[column] ?? 'iso'),
				...(where ? { where } : {})
			});
	};
	const number = (what: string, column: string | undefined) => {
		if (column && numbers[column]?.unparsed !== 0)
			checks.push({
				what,
				column,
				parsed: parseNumber(ident(column), formats.decimals[column] ?? '.')
			});
	};
	if (mapping.role === 'deals') {
		date('created date', mapping.columns.created);
		// An open deal's close date is an expectation and never used (amoCRM writes `не закрыта`
		// there): only won and lost deals' close dates must read.
		const closedDeals = sql`r.__row IN (SELECT row FROM deals_all WHERE outcome <> 'open')`;
		date('close date', mapping.columns.closed, closedDeals);
		date('close date', mapping.closedBy?.won, closedDeals);
		date('close date', mapping.closedBy?.lost, closedDeals);
		// Only an open deal's expected close date is used.
		const openDeals = sql`r.__row IN (SELECT row FROM deals_all WHERE outcome = 'open')`;
		date('expected close date', mapping.columns.expected_close, openDeals);
		number('amount', mapping.columns.amount);
		number('probability', mapping.columns.probability);
		for (const s of mapping.stageColumns) date('stage date', s.column);
	} else {
		date('stage date', mapping.columns.at);
	}
	return (await auditParsing(db, file.table, checks)).map((f) => failureText(file, f));
}
