import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildXlsx, type Cell } from '../unit/xlsx-fixture';
import { useSite } from './site';

const s = (text: string): Cell => ({ s: text });
/** A date cell: an Excel serial day number, shown as a date. */
const day = (serial: number): Cell => ({ n: String(serial), style: 1 });
/** A deal row: id, name, stage, amount, created, closed (a date cell or a cell as given). */
const deal = (
	id: string,
	name: string,
	stage: string,
	amount: number,
	created: number | Cell,
	closed: number | null
): Cell[] => [
	s(id),
	s(name),
	s(stage),
	{ n: String(amount) },
	typeof created === 'number' ? day(created) : created,
	closed === null ? null : day(closed)
];

// A HubSpot-style deals sheet: a title row, then the header and six deals (one with a bad date).
const SHEET: Cell[][] = [
	[s('All deals')],
	[s('Record ID'), s('Deal Name'), s('Deal Stage'), s('Amount'), s('Create Date'), s('Close Date')],
	deal('189164770001', 'A', 'Closed Won', 1000, 45300, 45330),
	deal('189164770002', 'B', 'Closed Lost', 500, 45301, 45320),
	deal('189164770003', 'C', 'Qualified To Buy', 700, 45310, null),
	[],
	deal('189164770004', 'D', 'Closed Won', 300, 45315, 45345),
	deal('189164770005', 'E', 'Contract Sent', 900, s('someday'), null)
];

describe('an .xlsx workbook dropped on the page', () => {
	const site = useSite();
	let page: Page;
	let workers: string[];

	beforeAll(async () => {
		page = await (await site.context()).newPage();
		workers = [];
		page.on('worker', (w) => workers.push(w.url()));
		await page.goto(site.url);
	});

	test('is read in its own worker and gives the dashboard, warnings naming sheet rows', async () => {
		await page.setInputFiles('[data-testid="file-input"]', [
			{
				name: 'hubspot-deals.xlsx',
				mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
				buffer: Buffer.from(buildXlsx(SHEET))
			}
		]);
		await page.waitForSelector('main[data-ready="true"][data-view="all"]');
		// The workbook reader ran in a worker of its own (besides the engine's).
		expect(workers.some((url) => /xlsx\.worker/.test(url))).toBe(true);
		const [file] = await Promise.all([
			page.waitForEvent('download'),
			page.click('[data-testid="download-json"]')
		]);
		const metrics = JSON.parse(readFileSync(await file.path(), 'utf8'));
		expect(metrics.deals).toEqual({ created: 4, won: 2, lost: 1 });
		expect(metrics.avg_deal_size).toBe(650);
		const warnings = (metrics.warnings as string[]).join('\n');
		expect(warnings).toMatch(/first at sheet row 8: "someday"/);
		expect(await page.textContent('section.source')).toContain('hubspot');
	});
});
