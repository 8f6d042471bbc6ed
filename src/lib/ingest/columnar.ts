import { errorText } from '../i18n/error-text';
import type { Db } from '../db/types';
import { ident, sql } from '../sql/sql';
import type { InputFile, RawTable } from './raw-table';
import { rowsToCsv } from './tabular';

/**
 * Columnar inputs: Parquet (`PAR1` at both ends) and Arrow IPC (`ARROW1` file, or a stream whose
 * first message starts with the continuation marker). Parquet is read by DuckDB's `read_parquet`
 * straight from the registered file, in ranges, never whole: on the native engine (`report
 * --engine native`); DuckDB-WASM 1.32 ships without the Parquet reader, so the browser says so.
 * Every column becomes text in the raw table, so detection, typing and the parse audit are the
 * ones every export gets, and a Parquet file written by `report --parquet` opens as a deals export.
 */

export type ColumnarFormat = 'parquet' | 'arrow';

const PAR1 = [0x50, 0x41, 0x52, 0x31];
const ARROW1 = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31];
const STREAM = [0xff, 0xff, 0xff, 0xff];

const startsWith = (bytes: Uint8Array, signature: readonly number[]) =>
	bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);

/** Which columnar format the first bytes of a file are, if any. */
export function columnarFormat(head: Uint8Array): ColumnarFormat | null {
	if (startsWith(head, PAR1)) return 'parquet';
	if (startsWith(head, ARROW1)) return 'arrow';
	// An IPC stream: a continuation marker, then a flatbuffer message length and a schema.
	if (startsWith(head, STREAM) && head.length >= 8) return 'arrow';
	return null;
}

async function bytesOf(source: InputFile['source']): Promise<Uint8Array> {
	if (typeof source === 'string') return new TextEncoder().encode(source);
	return source instanceof Uint8Array ? source : new Uint8Array(await source.arrayBuffer());
}

/** A Parquet file as an all-text raw table (`__row` numbering its rows from 1). */
export async function loadParquet(db: Db, file: InputFile, table: string): Promise<RawTable> {
	const path = await db.registerFile(`${table}-${file.name}`, file.source);
	await db.query(sql`DROP TABLE IF EXISTS ${ident(table)}`);
	try {
		await db.query(sql`CREATE TABLE ${ident(table)} AS
			SELECT row_number() OVER () AS __row, COLUMNS(*)::VARCHAR FROM read_parquet(${path})`);
	} catch (e) {
		const text = errorText(e).split('\n')[0];
		// DuckDB-WASM 1.32 has no Parquet reader built in, and this app never downloads one.
		if (/exists in the parquet extension/i.test(text))
			throw new Error(
				`${file.name}: Parquet files cannot be read in the browser (the engine here has no Parquet reader and never downloads extensions): save it as Arrow IPC or CSV, or run \`npm run report -- --engine native\` on it`,
				{ cause: e }
			);
		throw new Error(`${file.name}: this Parquet file could not be read (${text})`, { cause: e });
	}
	return describeRaw(db, file.name, table, 'parquet');
}

/**
 * An Arrow IPC file or stream as CSV text. DuckDB-WASM reads no Arrow files in SQL (its
 * extension is never loaded), so apache-arrow decodes it here and the cells go through the CSV
 * path as text, like a spreadsheet's.
 */
export async function arrowToCsv(file: InputFile): Promise<string> {
	// Loaded when an Arrow file comes: the page's first download stays small.
	const { tableFromIPC } = await import('apache-arrow');
	let arrow;
	try {
		arrow = tableFromIPC(await bytesOf(file.source));
	} catch (e) {
		throw new Error(`${file.name}: this Arrow file could not be read (${errorText(e)})`, {
			cause: e
		});
	}
	const names = arrow.schema.fields.map((f) => f.name);
	const columns = names.map((_, i) => arrow.getChildAt(i));
	const rows: string[][] = [names];
	for (let r = 0; r < arrow.numRows; r++) rows.push(columns.map((c) => cellText(c?.get(r))));
	return rowsToCsv(rows);
}

function cellText(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (value instanceof Date)
		return value
			.toISOString()
			.replace('T', ' ')
			.replace(/\.000Z$|Z$/, '');
	return String(value);
}

async function describeRaw(
	db: Db,
	name: string,
	table: string,
	format: ColumnarFormat
): Promise<RawTable> {
	const columns = (await db.query<{ column_name: string }>(sql`DESCRIBE ${ident(table)}`))
		.map((r) => r.column_name)
		.filter((c) => c !== '__row');
	if (columns.length === 0) throw new Error(`${name}: the ${format} file has no columns`);
	const [{ n }] = await db.query<{ n: number }>(
		sql`SELECT count(*)::DOUBLE AS n FROM ${ident(table)}`
	);
	if (n === 0) throw new Error(`${name}: the ${format} file has no rows`);
	const preview = await db.query<Record<string, string | null>>(
		sql`SELECT * EXCLUDE (__row) FROM ${ident(table)} ORDER BY __row LIMIT 50`
	);
	return {
		file: name,
		table,
		columns,
		preview: preview.map((r) => columns.map((c) => String(r[c] ?? ''))),
		encoding: 'utf-8',
		format,
		delimiter: ',',
		preamble: 0,
		rowsLoaded: n,
		footer: [],
		rejected: [],
		repaired: [],
		renamed: []
	};
}
