import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildXlsx, type Cell } from '../unit/xlsx-fixture';
import { useSite } from './site';

const s = (text: string): Cell => ({ s: text });

// A HubSpot-style deals sheet: a title row, then the header and six deals (one with a bad date).
const SHEET: Cell[][] = [
	[s('All deals')],
	[s('Record ID'), s('Deal Name'), s('Deal Stage'), s('Amount'), s('Create Date'), s('Close Date')],
	[
		s('189164770001'),
		s('A'),
		s('Closed Won'),
		{ n: '1000' },
		{ n: '45300', style: 1 },
		{ n: '45330', style: 1 }
	],
	[
		s('189164770002'),
		s('B'),
		s('Closed Lost'),
		{ n: '500' },
		{ n: '45301', style: 1 },
		{ n: '45320', style: 1 }
	],
	[s('189164770003'), s('C'), s('Qualified To Buy'), { n: '700' }, { n: '45310', style: 1 }, null],
	[],
	[
		s('189164770004'),
		s('D'),
		s('Closed Won'),
		{ n: '300' },
		{ n: '45315', style: 1 },
		{ n: '45345', style: 1 }
	],
	[s('189164770005'), s('E'), s('Contract Sent'), { n: '900' }, s('someday'), null]
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
