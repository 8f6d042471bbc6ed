import { bomLength, decodeBytes, sniffEncoding, type Encoding } from './decode';
import { sniffDialect } from './dialect';
import { looksLikeHtml } from './html-table';
import type { InputFile } from './raw-table';

/** The bytes a quick preview reads: enough for a header and a few dozen rows. */
export const PREVIEW_BYTES = 64 * 1024;

/** What the first bytes of a file show before the full load: its header and first rows. */
export interface QuickPreview {
	file: string;
	encoding: Encoding;
	delimiter: string;
	columns: string[];
	rows: string[][];
}

/**
 * Header and first rows of a CSV-like file from its first 64 kB, decoded with the sniffed (or
 * chosen) encoding and parsed by papaparse (via the dialect sniffer): shown in the mapping editor
 * while DuckDB loads the whole file. Null for what only the full reader can open (an `.xlsx`
 * workbook, an HTML table, a binary file) or a head with no header row.
 */
export async function quickPreview(
	file: InputFile,
	encoding?: Encoding
): Promise<QuickPreview | null> {
	const source = file.source;
	let text: string;
	let used: Encoding = 'utf-8';
	let complete: boolean;
	if (typeof source === 'string') {
		text = source.slice(0, PREVIEW_BYTES);
		complete = source.length <= PREVIEW_BYTES;
	} else {
		const size = source instanceof Uint8Array ? source.length : source.size;
		const head =
			source instanceof Uint8Array
				? source.subarray(0, PREVIEW_BYTES)
				: new Uint8Array(await source.slice(0, PREVIEW_BYTES).arrayBuffer());
		complete = head.length >= size;
		const guess = encoding
			? { encoding, bom: bomLength(head, encoding) }
			: sniffEncoding(head, { complete });
		// Text has no NUL bytes outside UTF-16: a workbook, a zip, a binary file.
		if (head.subarray(0, 4096).includes(0) && !guess.encoding.startsWith('utf-16')) return null;
		text = decodeBytes(head, guess);
		used = guess.encoding;
	}
	if (text.length === 0 || looksLikeHtml(text)) return null;
	const dialect = sniffDialect(text, { complete, sampleRows: 20 });
	if (dialect.columns.length === 0) return null;
	return {
		file: file.name,
		encoding: used,
		delimiter: dialect.delimiter,
		columns: dialect.columns,
		rows: dialect.rows
	};
}
