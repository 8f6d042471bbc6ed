import type { MessageKey } from './messages';

/**
 * Problems with a file (`InputError`) that the catalogue has words for, by their English text:
 * the error carries the key and the file, and the page says it in its language. Problems with
 * values in them (columns, counts) are shown as the engine wrote them.
 */
export const INPUT_PROBLEMS: Readonly<Record<string, MessageKey>> = {
	'the file is empty': 'input.empty',
	'this is a binary file, not a CSV export': 'input.binary',
	'this is an old binary Excel file (.xls): save it as CSV or .xlsx and load that': 'input.old-xls',
	'this is an HTML page with no table in it, not a data export': 'input.html-no-table',
	'the table in this HTML file is empty': 'input.html-empty',
	'the first sheet of the workbook is empty': 'input.sheet-empty',
	'no header row was found': 'input.no-header',
	'the file has a header but no rows': 'input.no-rows'
};
