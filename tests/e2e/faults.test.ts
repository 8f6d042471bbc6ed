import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { badInputs } from '../generators/bad-inputs.mjs';
import { failOnPageErrors, launchBrowser } from './browser';
import { serve } from './server';
import { BUILD, buildSite, requireBuild } from './site';

/**
 * Faults: the engine's worker killed in the middle of a load (through the page's test hook,
 * which stops the worker the way a crash does), and a second drop while a load runs. The hook
 * exists only in a build made with PIPELENS_TEST_HOOKS=1, made here into a folder of its own
 * (PIPELENS_HOOKS_BUILD reuses one); `build/` is the production build, which has none.
 */

/** Every file of a built site, as text. */
function builtText(dir: string): string {
	return readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((f) => f.isFile() && /\.(js|html)$/.test(f.name))
		.map((f) => readFileSync(join(f.parentPath, f.name), 'utf8'))
		.join('\n');
}

describe('test hooks', () => {
	test('the production build ships no test hook', () => {
		requireBuild();
		const text = builtText(BUILD);
		expect(text).toContain('pipelens');
		expect(text).not.toContain('__pipelensCrashEngine');
	});
});
const HUBSPOT = 'tests/fixtures/examples/hubspot';
const DEALS = join(HUBSPOT, 'hubspot-crm-exports-all-deals-2025-07-01.csv');
/** What the console says when the engine's worker is killed (as a crash would). */
const KILLED = [
	/^console: ErrorEvent$/,
	/^console: error in duckdb worker: the engine worker was killed$/
];

/** The deals counted over the whole data of the HubSpot example (spend changes none of them). */
const WHOLE_DEALS = (
	JSON.parse(readFileSync(join(HUBSPOT, 'expected.json'), 'utf8')) as {
		from: string | null;
		where: unknown;
		expected: { deals: { created: number; won: number; lost: number } };
	}[]
).find((r) => r.from === null && r.where === null)!.expected.deals;

async function metrics(
	page: Page
): Promise<{ deals: { created: number; won: number; lost: number }; warnings: string[] }> {
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.click('[data-testid="download-json"]')
	]);
	return JSON.parse(readFileSync(await download.path(), 'utf8'));
}

describe('faults while loading', () => {
	let browser: Browser;
	let context: BrowserContext;
	let url: string;
	let close: () => Promise<void>;

	let hooksBuild: string;
	let built = false;
	const errors = failOnPageErrors();

	beforeAll(async () => {
		hooksBuild = process.env.PIPELENS_HOOKS_BUILD ?? mkdtempSync(join(tmpdir(), 'pipelens-hooks-'));
		if (!process.env.PIPELENS_HOOKS_BUILD) {
			// A production build (vitest's NODE_ENV would make a dev build) with the test hooks.
			buildSite(hooksBuild, { PIPELENS_TEST_HOOKS: '1' });
			built = true;
		}
		expect(builtText(hooksBuild)).toContain('__pipelensCrashEngine');
		browser = await launchBrowser();
		const site = await serve(hooksBuild);
		url = site.url;
		close = site.close;
	}, 600_000);

	// Each test in a browser of its own: no kept files or service worker from the one before.
	beforeEach(async () => {
		context = errors.watch(
			await browser.newContext({ viewport: { width: 1360, height: 1000 }, acceptDownloads: true })
		);
		context.setDefaultTimeout(90_000);
	});

	afterEach(async () => {
		await context?.close();
	});

	afterAll(async () => {
		await browser?.close();
		await close?.();
		if (built) rmSync(hooksBuild, { recursive: true, force: true });
	});

	test('the worker dies mid-load: the page says so, and retry restarts the engine and loads', async () => {
		errors.allow(...KILLED);
		const page = await context.newPage();
		await page.goto(url);
		await page.waitForSelector('body[data-engine="ready"]');
		// The engine's rehearsal load while the page waits makes engine calls too: let it end, so
		// that the count below is the load's.
		await page.waitForSelector('body[data-rehearsal="over"]');
		// Kill the worker when the load's 6th engine call starts (after reading began).
		await page.evaluate(() =>
			(window as unknown as { __pipelensCrashEngine: (n: number) => void }).__pipelensCrashEngine(6)
		);
		await page.setInputFiles('[data-testid="file-input"]', DEALS);
		await page.waitForSelector('body[data-engine="failed"]');
		const error = await (await page.waitForSelector('[data-testid="error"]')).textContent();
		expect(error).toMatch(/analysis engine stopped unexpectedly/i);
		expect(await page.getAttribute('main', 'data-ready')).toBe('false');
		// No promise hangs: the load ended (no progress bar) and a retry is offered.
		await page.waitForSelector('[data-testid="retry"]');
		expect(await page.locator('progress').count()).toBe(0);
		await page.click('[data-testid="retry"]');
		await page.waitForSelector('main[data-ready="true"][data-view="all"]');
		expect(await page.getAttribute('body', 'data-engine')).toBe('ready');
		expect(await page.locator('[data-testid="error"]').count()).toBe(0);
		expect((await metrics(page)).deals).toEqual(WHOLE_DEALS);
		await page.close();
	});

	test('a crash after the dashboard is shown: said, retried, the same numbers', async () => {
		errors.allow(...KILLED);
		const page = await context.newPage();
		await page.goto(url);
		await page.setInputFiles('[data-testid="file-input"]', DEALS);
		await page.waitForSelector('main[data-ready="true"][data-view="all"]');
		const before = await metrics(page);
		await page.evaluate(() =>
			(window as unknown as { __pipelensCrashEngine: (n: number) => void }).__pipelensCrashEngine(0)
		);
		await page.waitForSelector('body[data-engine="failed"]');
		await page.waitForSelector('[data-testid="retry"]');
		await page.click('[data-testid="retry"]');
		await page.waitForSelector('main[data-ready="true"][data-view="all"]');
		expect((await metrics(page)).deals.created).toBe(before.deals.created);
		await page.close();
	});

	test('two files dropped while a load runs: the last drop wins, nothing mixed', async () => {
		const page = await context.newPage();
		await page.goto(url);
		await page.waitForSelector('body[data-engine="ready"]');
		const ragged = badInputs().find((c) => c.name === 'ragged.csv')!;
		await page.setInputFiles('[data-testid="file-input"]', DEALS);
		await page.waitForSelector('progress');
		await page.setInputFiles('[data-testid="file-input"]', {
			name: 'ragged.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from(ragged.bytes)
		});
		await page.waitForSelector('main[data-ready="true"][data-view="all"]');
		const source = await page.textContent('section.source');
		expect(source).toContain('ragged.csv');
		expect(source).not.toContain('hubspot');
		const files = await page.$$eval('[data-testid="row-counts"] li', (lis) =>
			lis.map((li) => li.getAttribute('data-file'))
		);
		expect(files).toEqual(['ragged.csv']);
		const m = await metrics(page);
		expect(m.deals.created).toBe(28);
		expect(m.warnings.every((w) => w.startsWith('ragged.csv'))).toBe(true);
		await page.close();
	});
});
