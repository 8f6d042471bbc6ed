import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { benchFiles } from '../../scripts/bench/generate.mjs';
import { launchBrowser } from './browser';
import { serve } from './server';

const BUILD = 'build';
const HUBSPOT = 'tests/fixtures/examples/hubspot/hubspot-crm-exports-all-deals-2025-07-01.csv';
const DEALS = 100_000;

describe('files too large for the browser are refused before they are read', () => {
	let browser: Browser;
	let page: Page;
	let site: { url: string; close(): Promise<void> };

	beforeAll(async () => {
		if (!existsSync(`${BUILD}/index.html`)) throw new Error('Run `npm run build` first.');
		browser = await launchBrowser();
		site = await serve(BUILD);
		page = await browser.newPage();
		page.setDefaultTimeout(300_000);
	});

	afterAll(async () => {
		await browser?.close();
		await site?.close();
	});

	test('a budget lowered below the file size gives a clear message, not a dead tab', async () => {
		// A test hook: `?memory-mb=` stands in for a device with that much memory.
		await page.goto(`${site.url}?memory-mb=300`);
		await page.waitForSelector('body[data-engine]', { state: 'attached' });
		await page.setInputFiles('[data-testid="file-input"]', HUBSPOT);
		const error = await page.waitForSelector('[data-testid="error"]');
		expect(await error.textContent()).toMatch(
			/^hubspot-crm-exports-all-deals-2025-07-01\.csv is 0 MB: too large to analyse in this browser, which can hold about 0 MB of exports/
		);
		expect(await page.getAttribute('main', 'data-ready')).toBe('false');
	});

	test(`a ${DEALS.toLocaleString('en-US')}-deal export loads under the real budget`, async () => {
		const files: { deals: string; spend: string } = await benchFiles(join('.bench'), DEALS);
		await page.goto(site.url);
		await page.waitForSelector('body[data-engine]', { state: 'attached' });
		await page.setInputFiles('[data-testid="file-input"]', [files.deals, files.spend]);
		await page.waitForSelector('main[data-ready="true"][data-view="all"]');
		expect(await page.$('[data-testid="error"]')).toBeNull();
		const created = await page.textContent('[data-kpi="created"] .value');
		expect(Number(created?.replace(/,/g, ''))).toBe(DEALS);
	}, 600_000);
});
