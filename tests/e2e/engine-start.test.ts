// The engine starts as the page opens, before any drop; a repeat visit starts it from the
// service worker's copy; `?threads=1` on an isolated page runs DuckDB's threaded build.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { expectClose } from '../unit/expect-close';
import { engineCached, failOnPageErrors, launchBrowser } from './browser';
import { serve, type Served } from './server';
import { BUILD, builtHeaders, requireBuild, useSite } from './site';
const HUBSPOT = 'tests/fixtures/examples/hubspot';
const FILES = ['hubspot-crm-exports-all-deals-2025-07-01.csv', 'spend.csv'].map((f) =>
	join(HUBSPOT, f)
);
const whole = (
	JSON.parse(readFileSync(join(HUBSPOT, 'expected.json'), 'utf8')) as {
		from: string | null;
		expected: Record<string, unknown>;
	}[]
).find((r) => r.from === null)!;
const ISOLATION = {
	'Cross-Origin-Opener-Policy': 'same-origin',
	'Cross-Origin-Embedder-Policy': 'require-corp'
};

async function engineReady(page: Page): Promise<void> {
	await page.waitForSelector('body[data-engine="ready"], body[data-engine="failed"]');
	const status = await page.textContent('[data-testid="engine-status"]');
	expect(await page.getAttribute('body', 'data-engine'), status ?? '').toBe('ready');
}

async function wholeMetrics(page: Page): Promise<Record<string, unknown>> {
	await page.waitForSelector('main[data-ready="true"][data-view="all"], [data-testid="error"]');
	const error = await page.$('[data-testid="error"]');
	if (error) throw new Error(`the page says: ${await error.textContent()}`);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.click('[data-testid="download-json"]')
	]);
	return JSON.parse(readFileSync(await download.path(), 'utf8'));
}

describe('the engine starts with the page', () => {
	const site = useSite();
	let context: BrowserContext;

	// A browser profile of its own per test: no service worker or kept files from the one before.
	beforeEach(async () => {
		context = await site.context({ timeout: 180_000 });
	});

	afterEach(async () => {
		await context?.close();
	});

	test('ready without any drop, started after the first paint, single-threaded', async () => {
		const page = await context.newPage();
		await page.goto(site.url);
		await engineReady(page);
		const times = await page.evaluate(() => ({
			paint: performance.getEntriesByName('first-paint')[0]?.startTime ?? null,
			engine: performance.getEntriesByName('pipelens:engine start')[0]?.startTime ?? null,
			isolated: crossOriginIsolated
		}));
		expect(times.paint).not.toBeNull();
		expect(times.engine).not.toBeNull();
		expect(times.engine!).toBeGreaterThanOrEqual(times.paint!);
		expect(times.isolated).toBe(false);
		expect(await page.getAttribute('body', 'data-engine-threads')).toBe('1');
		expect(await page.$('[data-testid="error"]')).toBeNull();
	});

	test('a drop as soon as the page is interactive gives the dashboard', async () => {
		const page = await context.newPage();
		await page.goto(site.url, { waitUntil: 'commit' });
		await page.waitForSelector('body[data-engine]', { state: 'attached' });
		await page.setInputFiles('[data-testid="file-input"]', FILES);
		const { warnings: _w, ...expected } = whole.expected;
		expectClose(await wholeMetrics(page), expected);
		expect(await page.getAttribute('body', 'data-engine')).toBe('ready');
	});

	test('a repeat visit starts the engine from the service worker’s copy', async () => {
		const first = await context.newPage();
		await first.goto(site.url);
		await engineReady(first);
		await engineCached(first);
		await first.close();
		const fromWorker: string[] = [];
		context.on('response', (r) => {
			if (r.url().endsWith('.wasm') && r.fromServiceWorker()) fromWorker.push(r.url());
		});
		const again = await context.newPage();
		await again.goto(site.url);
		await engineReady(again);
		expect(fromWorker.some((u) => /\/duckdb-(eh|mvp)\.[^/]*\.wasm$/.test(u))).toBe(true);
	});
});

describe('the threaded build (?threads=1, opt-in)', () => {
	let browser: Browser;
	const opened: { context: BrowserContext; site: Served }[] = [];
	const errors = failOnPageErrors();

	beforeAll(async () => {
		requireBuild();
		browser = await launchBrowser();
	});

	afterAll(async () => {
		for (const { context, site } of opened) {
			await context.close();
			await site.close();
		}
		await browser?.close();
	});

	async function open(headers: Record<string, string> = {}) {
		const site = await serve(BUILD, { headers });
		const context = errors.watch(
			await browser.newContext({ acceptDownloads: true, locale: 'en-US' })
		);
		context.setDefaultTimeout(180_000);
		opened.push({ context, site });
		const wasm: string[] = [];
		context.on('request', (r) => {
			if (r.url().endsWith('.wasm')) wasm.push(r.url());
		});
		return { site, context, wasm, page: await context.newPage() };
	}

	test('an isolated page runs the coi build with its threads, within the CSP', async () => {
		const { site, page, wasm } = await open({ ...builtHeaders(), ...ISOLATION });
		await page.addInitScript(() => {
			const seen: string[] = [];
			(window as unknown as { __csp: string[] }).__csp = seen;
			document.addEventListener('securitypolicyviolation', (e) =>
				seen.push(`${e.violatedDirective} ${e.blockedURI}`)
			);
		});
		await page.goto(`${site.url}?threads=1`);
		await engineReady(page);
		expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
		expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
		expect(wasm.some((u) => /\/duckdb-coi\.[^/]*\.wasm$/.test(u))).toBe(true);
		const cores = await page.evaluate(() => navigator.hardwareConcurrency);
		expect(await page.getAttribute('body', 'data-engine-threads')).toBe(
			String(Math.min(8, Math.max(1, cores)))
		);
		// No link warning for the page's own setting.
		expect(await page.textContent('main')).not.toContain('is not known');
	});

	test('the threaded engine loads an export and computes its numbers', async () => {
		const { site, page } = await open({ ...builtHeaders(), ...ISOLATION });
		await page.goto(`${site.url}?threads=1`);
		await engineReady(page);
		expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
		const cores = await page.evaluate(() => navigator.hardwareConcurrency);
		expect(await page.getAttribute('body', 'data-engine-threads')).toBe(
			String(Math.min(8, Math.max(1, cores)))
		);
		await page.setInputFiles('[data-testid="file-input"]', FILES);
		const { warnings: _w, ...expected } = whole.expected;
		expectClose(await wholeMetrics(page), expected);
	});

	test('the same page without isolation keeps the single-threaded build', async () => {
		const { site, page, wasm } = await open();
		await page.goto(`${site.url}?threads=1`);
		await engineReady(page);
		expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
		expect(await page.getAttribute('body', 'data-engine-threads')).toBe('1');
		expect(wasm.some((u) => u.includes('duckdb-coi'))).toBe(false);
	});

	test('on a host without the headers, the service worker isolates the page after a reload', async () => {
		const { site, page } = await open();
		await page.goto(`${site.url}?threads=1`);
		await engineReady(page);
		await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
		await page.reload();
		await engineReady(page);
		expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
		expect(Number(await page.getAttribute('body', 'data-engine-threads'))).toBeGreaterThan(0);
		// Without the parameter the worker leaves the page as the host serves it.
		await page.goto(site.url);
		await engineReady(page);
		expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
	});
});
