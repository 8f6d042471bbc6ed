/// <reference lib="webworker" />
/**
 * The `.xlsx` reader in its own Web Worker: unzipping and parsing a workbook takes seconds on a
 * big export, and the page must stay responsive meanwhile. Receives the file's bytes, answers
 * with the first sheet's rows as text (ingest/xlsx.ts), or the reason it could not read them.
 */
import { errorText } from '../i18n/error-text';
import { WorkbookLimitError } from './workbook-limits';
import { readXlsxRows, WorkbookError } from './xlsx';

export type XlsxReply = { rows: string[][] } | { error: string; workbook: boolean; limit: boolean };

self.onmessage = async (event: MessageEvent<ArrayBuffer>) => {
	let reply: XlsxReply;
	try {
		reply = { rows: await readXlsxRows(new Uint8Array(event.data)) };
	} catch (e) {
		reply = {
			error: errorText(e),
			workbook: e instanceof WorkbookError,
			limit: e instanceof WorkbookLimitError
		};
	}
	self.postMessage(reply);
};
