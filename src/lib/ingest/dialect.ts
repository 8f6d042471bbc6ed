import Papa from 'papaparse';

export type Delimiter = ',' | ';' | '\t' | '|';
const DELIMITERS: readonly Delimiter[] = [',', ';', '\t', '|'];

export interface Dialect {
	delimiter: Delimiter;
	/** Lines before the header (report titles) to skip. */
	skip: number;
	/** Header names, as in the file. */
	columns: string[];
	/** The first data rows, all text (a quick preview for detection and the mapping editor). */
	rows: string[][];
	/**
	 * Every line, the header too, ends with the delimiter (Bitrix24: `"ID";"Сумма";`): the empty
	 * field after it is not a column, and is left out of `columns` and `rows`.
	 */
	trailingDelimiter: boolean;
}

export interface SniffDialectOptions {
	/** How many data rows to keep as the preview. */
	sampleRows?: number;
	/** The head is the whole file: its last line is complete even without a line break. */
	complete?: boolean;
	/** Only consider these delimiters (text we wrote ourselves from a spreadsheet is `,`). */
	delimiters?: readonly Delimiter[];
}

function parse(text: string, delimiter: Delimiter): string[][] {
	const result = Papa.parse<string[]>(text, {
		delimiter,
		skipEmptyLines: 'greedy',
		quoteChar: '"'
	});
	return result.data;
}

/** The most common field count among rows, and how many rows have it. */
function modal(rows: string[][]): { width: number; count: number } {
	const counts = new Map<number, number>();
	for (const r of rows) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
	let width = 0;
	let count = 0;
	for (const [w, c] of counts) if (c > count || (c === count && w > width)) [width, count] = [w, c];
	return { width, count };
}

/**
 * Delimiter, preamble and header from the first part of a file. The delimiter is the one that
 * gives the most rows of one consistent width above one column; the header is the first row of
 * that width (title lines above it are skipped and counted).
 */
export function sniffDialect(
	head: string,
	{ sampleRows = 50, complete = false, delimiters = DELIMITERS }: SniffDialectOptions = {}
): Dialect {
	// A head cut from a longer file may end mid-line: drop the last partial line.
	const cut = complete ? -1 : head.lastIndexOf('\n');
	const text = cut > 0 ? head.slice(0, cut) : head;
	let best: { delimiter: Delimiter; rows: string[][]; width: number; score: number } | null = null;
	for (const delimiter of delimiters) {
		const rows = parse(text, delimiter).slice(0, sampleRows + 10);
		const { width, count } = modal(rows);
		const score = width > 1 ? count * Math.log2(width) : 0;
		if (!best || score > best.score) best = { delimiter, rows, width, score };
	}
	if (!best || best.width <= 1) {
		const delimiter = delimiters[0] ?? ',';
		const rows = parse(text, delimiter);
		return {
			delimiter,
			skip: 0,
			columns: (rows[0] ?? []).map((c) => c.replace(/^\ufeff/, '')),
			rows: rows.slice(1, sampleRows + 1),
			trailingDelimiter: false
		};
	}
	const headerIndex = best.rows.findIndex((r) => r.length === best.width);
	const header = best.rows[headerIndex];
	const rows = best.rows.slice(headerIndex + 1, headerIndex + 1 + sampleRows);
	const trailingDelimiter = endsWithDelimiter(header, rows);
	const drop = (r: string[]) => (trailingDelimiter ? r.slice(0, -1) : r);
	return {
		delimiter: best.delimiter,
		skip: physicalLines(text, best.delimiter, headerIndex),
		columns: drop(header).map((c) => c.replace(/^\ufeff/, '')),
		rows: rows.map(drop),
		trailingDelimiter
	};
}

/**
 * Does every line end with the delimiter? The header's last field is empty, and so is the last
 * field of every preview row of the header's width (ragged rows are read_csv's to report).
 */
function endsWithDelimiter(header: string[], rows: string[][]): boolean {
	if (header.length < 2 || header[header.length - 1] !== '') return false;
	const full = rows.filter((r) => r.length === header.length);
	return full.length > 0 && full.every((r) => r[r.length - 1] === '');
}

/** How many physical lines the first `records` records take, blank lines up to the next record included. */
function physicalLines(text: string, delimiter: Delimiter, records: number): number {
	if (records === 0) return 0;
	let lines = 0;
	let seen = 0;
	Papa.parse<string[]>(text, {
		delimiter,
		skipEmptyLines: false,
		step: (result, parser) => {
			const row = result.data;
			const blank = row.length === 1 && row[0] === '';
			// A blank line under the titles is skipped too: read_csv would take it for the header.
			if (seen >= records && !blank) {
				parser.abort();
				return;
			}
			lines += 1 + (row.join('').match(/\n/g)?.length ?? 0);
			if (!blank) seen++;
		}
	});
	return lines;
}
