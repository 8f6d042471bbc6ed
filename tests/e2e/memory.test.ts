import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { benchFiles } from '../../scripts/bench/generate.mjs';
import { useSite } from './site';

const HUBSPOT = 'tests/fixtures/examples/hubspot/hubspot-crm-exports-all-deals-2025-07-01.csv';
const DEALS = 100_000;

describe('files too large for the browser are refused before they are read', () => {
	const site = useSite();
	let page: Page;

	beforeAll(async () => {
		page = await (await site.context({ timeout: 300_000 })).newPage();
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

	test('an engine that runs out of memory mid-load: said in one sentence, restarted, retry offered', async () => {
		// `?engine-memory-mb=8` holds DuckDB to 8 MB: a real "Out of Memory Error" from the engine.
		await page.goto(`${site.url}?engine-memory-mb=8`);
		await page.waitForSelector('body[data-engine="ready"]');
		const workers: string[] = [];
		page.on('worker', (w) => workers.push(w.url()));
		await page.setInputFiles('[data-testid="file-input"]', HUBSPOT);
		const error = await page.waitForSelector('[data-testid="error"]');
		expect(await error.textContent()).toMatch(
			/^The analysis engine ran out of memory \(it needed [\d.]+ \w+ more with [\d.]+ \w+ of its [\d.]+ \w+ in use\)\. Close other tabs and retry/
		);
		// The load ended (no progress bar), a fresh engine started, and a retry is offered.
		await page.waitForSelector('[data-testid="retry"]');
		await page.waitForSelector('body[data-engine="ready"]');
		expect(workers.length).toBeGreaterThan(0);
		expect(await page.locator('progress').count()).toBe(0);
		expect(await page.getAttribute('main', 'data-ready')).toBe('false');
		// Retrying under the same limit ends the same way, not in a hang.
		await page.click('[data-testid="retry"]');
		await page.waitForSelector('progress', { state: 'detached' });
		await page.waitForSelector('[data-testid="retry"]');
		expect(await page.textContent('[data-testid="error"]')).toMatch(/ran out of memory/);
		expect(site.errors()).toEqual([]);
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
