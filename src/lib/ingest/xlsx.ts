/**
 * `.xlsx` workbooks: the first sheet as rows of text, read with `read-excel-file` (loaded on
 * demand, so it stays out of the main bundle).
 */

import { errorText } from '../i18n/error-text';
import { checkWorkbookSize } from './workbook-limits';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * A date cell as ISO text in the wall-clock time Excel shows: `YYYY-MM-DD`, with ` HH:MM:SS` when
 * it has a time of day; a time alone (a serial below 1, day 0 of 1900) as `HH:MM:SS`. Excel
 * dates carry no zone: read-excel-file gives them as UTC instants, so the UTC fields are the
 * ones written in the sheet. Rounded to the second (serials are floating point).
 */
export function excelDateText(date: Date): string {
	const d = new Date(Math.round(date.getTime() / 1000) * 1000);
	const day = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
	const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
	if (d.getUTCFullYear() < 1900) return time;
	return time === '00:00:00' ? day : `${day} ${time}`;
}

// Excel keeps 15 significant digits; plain digits, no grouping, no exponent, no locale.
const NUMBER = new Intl.NumberFormat('en-US', { useGrouping: false, maximumSignificantDigits: 15 });

/**
 * A number cell as plain text. `raw` is the number as stored in the sheet's XML: whole numbers
 * stay as written (long ids keep every digit); others are rounded to Excel's 15 significant
 * digits, so binary noise such as `0.30000000000000004` reads `0.3`.
 */
export function excelNumberText(raw: string): string {
	const text = raw.trim();
	if (/^-?[0-9]+$/.test(text)) return text;
	const n = Number(text);
	return Number.isFinite(n) ? NUMBER.format(n) : text;
}

function cellText(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (value instanceof Date) return excelDateText(value);
	if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
	if (typeof value === 'number') return excelNumberText(String(value));
	return String(value);
}

/** Why a workbook could not be read, in one sentence for the user. */
export class WorkbookError extends Error {}

/**
 * The first sheet of an `.xlsx` file as rows of text (dates as ISO text, numbers plain). Throws
 * WorkbookLimitError, before anything is inflated for good, for a workbook past the size limits.
 */
export async function readXlsxRows(bytes: Uint8Array): Promise<string[][]> {
	checkWorkbookSize(bytes);
	const { readSheet } = await import('read-excel-file/universal');
	const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
	let data: unknown[][];
	try {
		// `parseNumber` keeps numbers as the text in the file (dates still come as Date).
		data = (await readSheet(buffer as ArrayBuffer, {
			parseNumber: (text: string) => excelNumberText(text),
			trim: false
		})) as unknown[][];
	} catch (e) {
		const detail = errorText(e);
		throw new WorkbookError(detail);
	}
	return data.map((row) => row.map(cellText));
}
