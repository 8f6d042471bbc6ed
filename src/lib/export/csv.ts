import Papa from 'papaparse';

/**
 * A spreadsheet runs a cell starting with one of these as a formula (CSV injection): the ASCII
 * leaders, tab and line breaks, and the full-width forms (＝＋－＠) that Excel in East Asian
 * locales reads as the ASCII ones. Spaces before them are skipped by some spreadsheets.
 */
const FORMULA_START = /^[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r\n]/;

/**
 * List separators of the spreadsheet locales: a field holding one is quoted, so a spreadsheet
 * that splits on `;` (most of Europe) or tab does not cut it in two and start a cell with `=`.
 */
const SEPARATOR = /[,;\t]/;

/** Make a cell safe to open in a spreadsheet: text that would run as a formula gets a leading `'`. */
export function escapeCell(value: unknown): string | number | boolean | null {
	if (value === null || value === undefined) return null;
	if (typeof value === 'number' || typeof value === 'boolean') return value;
	const text = String(value);
	return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * A table as CSV: papaparse's `unparse`, whose `escapeFormulae` puts the leading `'` on every
 * text cell, header included, that would run as a formula (and quotes it), and a field holding
 * any locale's list separator quoted.
 */
export function toCsv(columns: readonly string[], rows: readonly (readonly unknown[])[]): string {
	return Papa.unparse(
		{ fields: [...columns], data: rows.map((r) => [...r]) },
		{
			escapeFormulae: FORMULA_START,
			quotes: (value: unknown) => typeof value === 'string' && SEPARATOR.test(value)
		}
	);
}
