import { describe, expect, it } from 'vitest';
import { buildXlsx } from '../../../tests/unit/xlsx-fixture';
import { bombXlsx } from '../../../tests/unit/zip-bomb';
import { checkWorkbookSize, WORKBOOK_LIMITS, WorkbookLimitError } from './workbook-limits';
import { readXlsxRows } from './xlsx';

/** Peak resident memory of this process so far, in MiB. */
const peakMb = () => process.resourceUsage().maxRSS / 1024;

describe('checkWorkbookSize', () => {
	it('checkWorkbookSize(bytes) lets a real workbook through', () => {
		expect(() => checkWorkbookSize(buildXlsx([[{ s: 'Deal' }], [{ n: '1' }]]))).not.toThrow();
	});

	it('readXlsxRows(bomb) refuses a 3 MB workbook whose sheet inflates to 3 GB and says so, in bounded time and memory', async () => {
		// Declares 1 kB for the sheet: only the bytes actually inflated can tell.
		const bomb = bombXlsx(3000, 1000);
		expect(bomb.length).toBeLessThan(4 * 1024 * 1024);
		const before = peakMb();
		const started = performance.now();
		const error = await readXlsxRows(bomb).catch((e: unknown) => e);
		// Generous bounds that prove "no hang, no crash": inflating it all takes minutes and GBs.
		expect(performance.now() - started).toBeLessThan(10_000);
		expect(peakMb() - before).toBeLessThan(256);
		expect(error).toBeInstanceOf(WorkbookLimitError);
		expect((error as Error).message).toMatch(
			/xl\/worksheets\/sheet1\.xml inflates more than 200 times/
		);
		expect((error as Error).message).toMatch(/Save the sheet as CSV/);
	});

	it('checkWorkbookSize(bytes) refuses what the archive declares past the limit before inflating anything', () => {
		expect(() => checkWorkbookSize(bombXlsx(1, 3000 * 1024 * 1024))).toThrow(
			/says it inflates to 3,000 MB, over the 512 MB limit/
		);
	});

	it('checkWorkbookSize(bytes, limits) stops at the total inflated size even below the ratio limit', () => {
		const limits = { ...WORKBOOK_LIMITS, maxTotalBytes: 4 * 1024 * 1024, maxRatio: 10_000 };
		expect(() => checkWorkbookSize(bombXlsx(8, 1000), limits)).toThrow(
			/inflates to more than 4 MB, the limit/
		);
		expect(() => checkWorkbookSize(bombXlsx(3, 1000), limits)).not.toThrow();
	});

	it('checkWorkbookSize(bytes, limits) refuses an archive with more parts than a workbook has', () => {
		const limits = { ...WORKBOOK_LIMITS, maxEntries: 3 };
		expect(() => checkWorkbookSize(buildXlsx([[{ s: 'Deal' }]]), limits)).toThrow(
			/holds \d+ parts, more than the 3/
		);
	});
});
