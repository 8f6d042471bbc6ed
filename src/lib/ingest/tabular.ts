/**
 * Rows of cells read from a spreadsheet or an HTML table, written as CSV text so that they load
 * through the same all-text `read_csv` path as any CSV export.
 */

function field(value: string): string {
	return value === '' ? '' : `"${value.replace(/"/g, '""')}"`;
}

/** How many cells up to the last non-empty one. */
function used(row: readonly string[]): number {
	let n = row.length;
	while (n > 0 && row[n - 1] === '') n--;
	return n;
}

/**
 * CSV text (`,`, every non-empty field quoted, `\n` line ends) for `rows`. Rows with no text are
 * left out. The table runs from the first to the last row with two or more filled cells; rows of
 * it are padded to one width, so a trailing empty cell stays a field. Rows above and below it
 * (report titles, `Grand Totals` lines) are written as short lines, which the dialect sniffer
 * skips as a preamble and `read_csv` reports as footer lines, exactly as for a CSV report.
 */
export function rowsToCsv(rows: readonly (readonly string[])[]): string {
	return tableToCsv(rows).text;
}

/**
 * `rowsToCsv`, with the row of `rows` each line of the text came from: `sourceRows[k]` is the
 * 1-based row (sheet row, table row) of the text's record k + 1, so a warning about a line of
 * the text names the row the user sees in the spreadsheet.
 */
export function tableToCsv(rows: readonly (readonly string[])[]): {
	text: string;
	sourceRows: number[];
} {
	const kept = rows.map((r, i) => ({ r, i })).filter(({ r }) => used(r) > 0);
	const width = Math.max(0, ...kept.map(({ r }) => used(r)));
	const filled = (r: readonly string[]) => r.filter((c) => c !== '').length >= 2 || width < 2;
	const first = kept.findIndex(({ r }) => filled(r));
	let last = kept.length - 1;
	while (last >= 0 && !filled(kept[last].r)) last--;
	const lines = kept.map(({ r }, i) => {
		const inTable = i >= first && i <= last;
		const n = inTable ? width : used(r);
		const cells: string[] = [];
		for (let c = 0; c < n; c++) cells.push(field(r[c] ?? ''));
		return cells.join(',');
	});
	return {
		text: lines.length ? lines.join('\n') + '\n' : '',
		sourceRows: kept.map(({ i }) => i + 1)
	};
}
