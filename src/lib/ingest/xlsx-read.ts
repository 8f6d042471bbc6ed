import { WorkbookLimitError } from './workbook-limits';
import { readXlsxRows, WorkbookError } from './xlsx';
import type { XlsxReply } from './xlsx.worker';

/**
 * The first sheet of an `.xlsx` file as rows of text. In a browser the workbook is read in a
 * dedicated Web Worker (xlsx.worker.ts), so a big export never freezes the page; elsewhere (the
 * Node `report` command, unit tests) on the calling thread. Either way the same reader runs and
 * the rows go through the same pipeline after.
 */
export function readWorkbookRows(bytes: Uint8Array): Promise<string[][]> {
	if (typeof window === 'undefined' || typeof Worker === 'undefined') return readXlsxRows(bytes);
	return new Promise((resolve, reject) => {
		const worker = new Worker(new URL('./xlsx.worker.ts', import.meta.url), { type: 'module' });
		const done = () => worker.terminate();
		worker.onmessage = (event: MessageEvent<XlsxReply>) => {
			done();
			const reply = event.data;
			if ('rows' in reply) resolve(reply.rows);
			else if (reply.limit) reject(new WorkbookLimitError(reply.error));
			else reject(reply.workbook ? new WorkbookError(reply.error) : new Error(reply.error));
		};
		worker.onerror = (event) => {
			done();
			reject(new Error(`the workbook reader stopped: ${event.message || 'unknown error'}`));
		};
		// A copy the worker owns (the caller's bytes may be a view of a larger buffer).
		const copy = bytes.slice().buffer;
		worker.postMessage(copy, [copy]);
	});
}
