import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, test } from 'vitest';
import { bombXlsx } from '../unit/zip-bomb';
import { useSite } from './site';

/**
 * Hostile and careless files dropped on the built site (issue #18): each ends in a dashboard or
 * one clear message, never a page error (`useSite` fails a test on one), a frozen tab or a dead
 * one.
 */

/** Labels that repeat once trimmed and case-folded, in every column a panel lists. */
const REPEATS = [
	'id,owner,source,pipeline,amount,created,closed,status,stage',
	'1,Ann,Paid,Main,100,2024-01-02,2024-01-20,Won,Won',
	'2,Ann ,paid,main,200,2024-01-03,2024-01-25,Lost,Demo',
	'3,ann,Paid ,Main ,300,2024-01-04,,Open,demo',
	'4,ANN,PAID,MAIN,400,2024-01-05,,Open,Demo ',
	'5,Bob,Paid,Main,500,2024-01-06,2024-02-10,Won,Won',
	'6,Bob,Paid,Main,600,2024-01-07,,Open,DEMO'
].join('\n');

describe('hostile files dropped on the page', () => {
	const site = useSite();
	let page: Page;

	// A browser profile of its own per test: no kept files from the one before.
	beforeEach(async () => {
		page = await site.open();
	});

	async function drop(name: string, bytes: Uint8Array | string, mimeType = 'text/csv') {
		await page.setInputFiles('[data-testid="file-input"]', {
			name,
			mimeType,
			buffer: Buffer.from(bytes)
		});
	}

	test('an .xlsx zip bomb (3 MB inflating to 3 GB): one clear message, the page alive', async () => {
		await drop('bomb.xlsx', bombXlsx(3000, 1000), 'application/octet-stream');
		const message = await page.waitForSelector('[data-testid="error"]:has-text("bomb.xlsx")');
		expect(await message.textContent()).toMatch(
			/bomb\.xlsx: the part xl\/worksheets\/sheet1\.xml inflates more than 200 times its size.*Save the sheet as CSV/
		);
		// The page still answers: a good file loads after it.
		await drop('repeats.csv', REPEATS);
		await page.waitForSelector('main[data-ready="true"][data-view="all"]');
		expect(site.errors()).toEqual([]);
	});

	test('lines ending in \\r\\n and \\n both: the dashboard with every row', async () => {
		const mixed = REPEATS.split('\n')
			.map((line, i) => line + (i % 2 ? '\n' : '\r\n'))
			.join('');
		await drop('mixed.csv', mixed);
		const li = await page.waitForSelector('[data-testid="row-counts"] li[data-file="mixed.csv"]');
		expect(await li.getAttribute('data-loaded')).toBe('6');
		expect(await li.getAttribute('data-rejected')).toBe('0');
		expect(site.errors()).toEqual([]);
	});

	test('an old link with its view in the query: nothing of it left in the query after landing', async () => {
		await page.goto(`${site.url}?v=1&file=q3%20deals.csv&owner=Ann&by=source`);
		await page.waitForFunction(() => location.hash.includes('file='));
		const address = new URL(page.url());
		expect(address.search).toBe('');
		expect(new URLSearchParams(address.hash.slice(1)).getAll('file')).toEqual(['q3 deals.csv']);
		expect(await page.textContent('body')).toContain('q3 deals.csv');
		expect(site.errors()).toEqual([]);
	});

	test('labels that repeat after normalisation: the dashboard, no page error', async () => {
		await drop('repeats.csv', REPEATS);
		await page.waitForSelector('main[data-ready="true"][data-view="all"]');
		await page.waitForSelector('[data-testid="breakdown"] tbody tr');
		expect(site.errors()).toEqual([]);
	});
});

describe('a team dashboard whose config repeats labels', () => {
	const site = useSite({
		serve: {
			extraFiles: {
				'/data/repeats.csv': REPEATS,
				'/dashboard.json': JSON.stringify({
					data: { deals: 'data/repeats.csv' },
					stages: ['Demo', 'demo', 'Demo', 'Won'],
					won: ['Won', 'won', 'Won'],
					lost: ['Lost', 'Lost']
				})
			}
		}
	});

	test('stages and won labels given twice: the dashboard and the stage editor, no page error', async () => {
		const page = await site.open();
		// A page error stops the page: report it rather than wait for a ready marker.
		await Promise.race([
			page.waitForSelector('main[data-ready="true"]'),
			page.waitForEvent('pageerror').then((e) => expect.fail(`page error: ${e.message}`))
		]);
		await page.waitForSelector('[data-testid="breakdown"] tbody tr');
		// The stage editor lists the stages (it is rendered inside the closed setup panel).
		await page.waitForSelector('[data-testid="stage-list"] li', { state: 'attached' });
		expect(site.errors()).toEqual([]);
	});
});
