import Papa from 'papaparse';

// A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

/** Make a cell safe to open in a spreadsheet: text that would run as a formula gets a leading `'`. */
export function escapeCell(value: unknown): string | number | boolean | null {
	if (value === null || value === undefined) return null;
	if (typeof value === 'number' || typeof value === 'boolean') return value;
	const text = String(value);
	return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A table as CSV (papaparse `unparse`), every text cell escaped against formula injection. */
export function toCsv(columns: readonly string[], rows: readonly (readonly unknown[])[]): string {
	return Papa.unparse({
		fields: columns.map((c) => String(escapeCell(c))),
		data: rows.map((r) => r.map(escapeCell))
	});
}
