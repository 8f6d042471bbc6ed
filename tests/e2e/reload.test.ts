import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, pageErrors } from './browser';
import { serve } from './server';

/**
 * A reload while a load is still running (issue #18): dropped files are kept only once they
 * have loaded, so the next page names them and asks for them again; a link reopens its data by
 * itself. The load is held in progress, not raced: the engine's code (its own chunk, fetched
 * when the engine starts) is held unanswered, so the load waits at "Starting the analysis
 * engine" until the test reloads.
 */
const BUILD = 'build';
const DEALS_NAME = 'hubspot-crm-exports-all-deals-2025-07-01.csv';
const DEALS = join('tests/fixtures/examples/hubspot', DEALS_NAME);

/** The built chunk holding the engine's code: the one that names the engine's wasm. */
function engineChunk(): RegExp {
	const dir = join(BUILD, '_app/immutable/chunks');
	const chunks = readdirSync(dir).filter((f) =>
		readFileSync(join(dir, f), 'utf8').includes('duckdb-eh')
	);
	expect(chunks).toHaveLength(1);
	return new RegExp(`/_app/immutable/chunks/${chunks[0]!.replace(/\./g, '\\.')}$`);
}

describe('a reload during a load', () => {
	let browser: Browser;
	let context: BrowserContext;
	let url: string;
	let close: () => Promise<void>;
	let chunk: RegExp;

	beforeAll(async () => {
		if (!existsSync(`${BUILD}/index.html`)) throw new Error('Run `npm run build` first.');
		chunk = engineChunk();
		browser = await launchBrowser();
		const site = await serve(BUILD);
		url = site.url;
		close = site.close;
	});

	afterEach(async () => {
		await context?.close();
	});

	afterAll(async () => {
		await browser?.close();
		await close?.();
	});

	/** A fresh browser profile (no kept files), in `locale`. */
	async function open(locale = 'en-US'): Promise<{ page: Page; errors: () => string[] }> {
		context = await browser.newContext({ viewport: { width: 1360, height: 1000 }, locale });
		context.setDefaultTimeout(90_000);
		const page = await context.newPage();
		return { page, errors: pageErrors(page) };
	}

	/**
	 * Hold the engine's code unanswered from now on; `release` lets it through (for a page that
	 * asked after the reload; the page before is gone, and its request with it).
	 */
	async function holdEngine(page: Page): Promise<() => Promise<void>> {
		const held: Route[] = [];
		const handler = (route: Route) => void held.push(route);
		await page.route(chunk, handler);
		return async () => {
			await page.unroute(chunk, handler);
			for (const route of held) await route.continue().catch(() => {});
		};
	}

	/** The load's own progress bar (not a download's). */
	const LOADING = '[data-testid="load-progress"] > progress';

	/** Drop the deals export while the engine is held, reload, and let the engine through. */
	async function reloadMidLoad(page: Page): Promise<void> {
		const release = await holdEngine(page);
		await page.goto(url);
		await page.waitForSelector('body[data-kept="none"]');
		await page.setInputFiles('[data-testid="file-input"]', DEALS);
		// The load began and cannot end: it waits for the engine.
		await page.waitForSelector(LOADING);
		expect(await page.getAttribute('main', 'data-ready')).toBe('false');
		await page.reload();
		await release();
		// The new page's start-up is done: it found no kept files (none were stored).
		await page.waitForSelector('body[data-kept="none"]');
	}

	test('dropped files: the next page names them and asks for them again; once loaded, a reload says nothing', async () => {
		const { page, errors } = await open();
		await reloadMidLoad(page);
		const note = page.locator('[data-testid="load-interrupted"]');
		expect(await note.count()).toBe(1);
		const text = (await note.textContent()) ?? '';
		expect(text).toContain(DEALS_NAME);
		expect(text).toMatch(/reloaded/);
		expect(text).toMatch(/drop them again/);
		// Nothing is shown as if it were the data, and nothing describing it went to the address.
		expect(await page.locator('[data-testid="download-json"]').count()).toBe(0);
		expect(page.url()).toBe(url);

		// Dropped again: the note goes and the dashboard comes.
		await page.setInputFiles('[data-testid="file-input"]', DEALS);
		await page.waitForSelector('main[data-ready="true"]');
		expect(await note.count()).toBe(0);
		// Kept now; a reload reopens them and says nothing of an interrupted load.
		await page.waitForSelector('[data-testid="forget-data"]');
		await page.reload();
		await page.waitForSelector('body[data-kept="restored"]');
		await page.waitForSelector('main[data-ready="true"]');
		expect(await note.count()).toBe(0);
		expect(errors()).toEqual([]);
	}, 240_000);

	test('the note is in the page’s language, and closes', async () => {
		const { page, errors } = await open('ru-RU');
		await reloadMidLoad(page);
		const note = page.locator('[data-testid="load-interrupted"]');
		expect(await note.count()).toBe(1);
		const text = (await note.textContent()) ?? '';
		expect(text).toContain(DEALS_NAME);
		expect(text).toMatch(/перетащите их ещё раз/);
		await page.click('[data-testid="load-interrupted"] button');
		expect(await note.count()).toBe(0);
		// Shown once: another reload says nothing.
		await page.reload();
		await page.waitForSelector('body[data-kept="none"]');
		expect(await note.count()).toBe(0);
		expect(errors()).toEqual([]);
	}, 240_000);

	test('a ?src= link reopens its data by itself, with no note', async () => {
		const { page, errors } = await open();
		const release = await holdEngine(page);
		await page.goto(`${url}?src=demo/hubspot-demo-deals.csv`);
		await page.waitForSelector(LOADING);
		await page.reload();
		await release();
		await page.waitForSelector('main[data-ready="true"]');
		expect(await page.locator('[data-testid="load-interrupted"]').count()).toBe(0);
		expect(errors()).toEqual([]);
	}, 240_000);
});
