// A chart's figures in one sentence, for a screen reader (the chart's aria-describedby): how many
// rows it draws and where its first figure is highest and lowest.
import type { Column, PanelTable, Show } from './panel-tables';
import { pageTable } from './panel-tables';

/** The first of the page's figure columns (after the row's name) that holds a number. */
function firstFigure<R>(columns: Column<R>[], rows: readonly R[]): number {
	return columns.findIndex(
		(c, i) => i > 0 && rows.some((row) => Number.isFinite(c.value?.(row) as number))
	);
}

/** `title` and the table's rows in a sentence, from the cells the page's table shows. */
export function chartSummary<R>(title: string, table: PanelTable<R>, show: Show): string {
	const page = pageTable(table, show);
	const columns = table.columns.filter((c) => c.label !== undefined && c.page !== false);
	const k = firstFigure(columns, table.rows);
	const n = table.rows.length;
	const numbered = table.rows
		.map((row, i) => ({ i, value: columns[k]?.value?.(row) as number }))
		.filter((r) => Number.isFinite(r.value));
	if (k < 0 || numbered.length < 2) return show.t('chart.summary.rows', { title, n });
	const top = numbered.reduce((a, b) => (b.value > a.value ? b : a));
	const bottom = numbered.reduce((a, b) => (b.value < a.value ? b : a));
	const cells = (r: { i: number }) => page.rows[r.i].cells;
	return show.t('chart.summary', {
		title,
		n,
		column: page.columns[k].label,
		top: cells(top)[0].text,
		high: cells(top)[k].text,
		bottom: cells(bottom)[0].text,
		low: cells(bottom)[k].text
	});
}
