import type { Db } from '../db/types';
import { ident, join, sql } from '../sql/sql';

/**
 * Repairs made while reading a file, each named by its line: NUL bytes removed, bytes that are
 * not UTF-8 replaced by U+FFFD.
 */

/** A rejected (or repaired) line of the file: what was wrong and where. */
export interface Rejection {
	/** 1-based line number in the file. */
	line: number;
	problem: string;
	/** The start of the line's text, shortened (never a huge field). */
	text: string;
	/** Lines of the file the rejected record spans (an unclosed quote swallows the ones after). */
	lines?: number;
}

/** A line's text on one line, shortened to `max` characters. */
export function shorten(text: string, max = 120): string {
	const oneLine = text.replace(/\s+/g, ' ').trim();
	return oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
}

/** Lines (1-based) of `text` holding `mark`, each with its start (shortened). */
function linesWith(text: string, mark: string, problem: string): Rejection[] {
	const out: Rejection[] = [];
	let line = 1;
	let start = 0;
	for (let i = text.indexOf(mark); i !== -1; i = text.indexOf(mark, i + 1)) {
		for (let k = text.indexOf('\n', start); k !== -1 && k < i; k = text.indexOf('\n', k + 1)) {
			line++;
			start = k + 1;
		}
		if (out.at(-1)?.line === line) continue;
		const end = text.indexOf('\n', start);
		out.push({ line, problem, text: shorten(text.slice(start, end === -1 ? undefined : end)) });
	}
	return out;
}

/** NUL bytes in text: removed, and the lines that held them named. */
export function withoutNul(
	text: string,
	repaired: Rejection[] = []
): { text: string; repaired: Rejection[] } {
	if (!text.includes('\0')) return { text, repaired };
	const found = linesWith(text, '\0', 'a NUL byte was removed');
	return { text: text.replaceAll('\0', ''), repaired: [...repaired, ...found] };
}

/** Mostly-UTF-8 bytes decoded with U+FFFD for the bad bytes, and the lines that held them named. */
export function lenientUtf8(
	bytes: Uint8Array,
	bom: number
): { text: string; repaired: Rejection[] } {
	const text = new TextDecoder('utf-8').decode(bytes.subarray(bom));
	return {
		text,
		repaired: linesWith(text, '\ufffd', 'bytes that are not UTF-8 were replaced by �')
	};
}

/**
 * NUL bytes that reached a loaded table (a UTF-8 file is read by DuckDB as it is): removed, and
 * the lines that held them named, as `withoutNul` does for text decoded here. One scan.
 */
export async function removeNuls(
	db: Db,
	table: string,
	columns: readonly string[],
	preamble: number
): Promise<Rejection[]> {
	if (columns.length === 0) return [];
	const held = join(
		columns.map((c) => sql`strpos(${ident(c)}, chr(0)) > 0`),
		' OR '
	);
	const rows = await db.query<{ row: number; text: string }>(
		sql`SELECT __row::DOUBLE AS row, left(concat_ws(',', ${join(columns.map((c) => ident(c)))}), 400) AS text
			FROM ${ident(table)} WHERE ${held} ORDER BY __row`
	);
	if (rows.length === 0) return [];
	const cleaned = join(columns.map((c) => sql`${ident(c)} = replace(${ident(c)}, chr(0), '')`));
	await db.query(sql`UPDATE ${ident(table)} SET ${cleaned} WHERE ${held}`);
	return rows.map((r) => ({
		line: r.row + preamble + 1,
		problem: 'a NUL byte was removed',
		text: shorten(r.text.replaceAll('\0', ''))
	}));
}
