import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectClose } from '../unit/expect-close';
import { failOnPageErrors, foreignRequests, launchBrowser, recordRequests } from './browser';
import { serve, type Served } from './server';
import { buildSite, requireBuild } from './site';
import { filterByFirstSource, metricsJson, ready, viewState } from './share-helpers';

/** The site is built for, and served from, a sub-path, with its data in a folder beside it. */
const BASE = '/team/pipelens';
const HUBSPOT = 'tests/fixtures/examples/hubspot';
const ENTERPRISE = 'tests/fixtures/examples/enterprise';
const read = (path: string) => readFileSync(path, 'utf8');
type Run = {
	from: string | null;
	where: unknown;
	expected: Record<string, unknown>;
};
const wholeRun = (dir: string) => {
	const runs = JSON.parse(read(join(dir, 'expected.json'))) as Run[];
	const { warnings: _w, ...expected } = runs.find(
		(r) => r.from === null && r.where === null
	)!.expected;
	return expected;
};
const enterpriseConfig = JSON.parse(read(join(ENTERPRISE, 'config.json')));

describe('a hosted team dashboard under a base path', () => {
	let dir: string;
	let built = false;
	let browser: Browser;
	let site: Served;
	let elsewhere: Served;
	const contexts: BrowserContext[] = [];
	const errors = failOnPageErrors();

	async function open(): Promise<{ page: Page; requests: string[] }> {
		const context = errors.watch(
			await browser.newContext({
				viewport: { width: 1360, height: 1000 },
				acceptDownloads: true,
				locale: 'en-US'
			})
		);
		context.setDefaultTimeout(180_000);
		contexts.push(context);
		const requests = recordRequests(context);
		const page = await context.newPage();
		if (process.env.PIPELENS_DEBUG)
			setInterval(() => {
				void page
					.evaluate(() => document.querySelector('main')?.textContent?.slice(0, 400))
					.then((t) => console.log('STATE', new Date().toISOString(), t))
					.catch(() => {});
			}, 30_000).unref();
		return { page, requests };
	}

	beforeAll(async () => {
		// One build for the sub-path, into its own folder (`build/` stays what other tests use).
		// PIPELENS_BASE_BUILD reuses a build made with the same BASE_PATH.
		elsewhere = await serve(tmpdir(), {
			extraFiles: {
				'/deals.csv': read(join(HUBSPOT, 'hubspot-crm-exports-all-deals-2025-07-01.csv'))
			}
		});
		dir = process.env.PIPELENS_BASE_BUILD ?? mkdtempSync(join(tmpdir(), 'pipelens-base-'));
		if (!process.env.PIPELENS_BASE_BUILD) {
			// The second server's origin allowed for data, as a team would with DATA_ORIGINS.
			buildSite(dir, { BASE_PATH: BASE, DATA_ORIGINS: new URL(elsewhere.url).origin });
			built = true;
		}
		requireBuild(dir);
		browser = await launchBrowser();
		site = await serve(dir, {
			base: BASE,
			extraFiles: {
				'/data/hubspot-crm-exports-all-deals-2025-07-01.csv': read(
					join(HUBSPOT, 'hubspot-crm-exports-all-deals-2025-07-01.csv')
				),
				'/data/spend.csv': read(join(HUBSPOT, 'spend.csv')),
				'/exports/opps.csv': read(join(ENTERPRISE, 'opps.csv')),
				'/exports/stage_log.csv': read(join(ENTERPRISE, 'stage_log.csv')),
				'/exports/spend.csv': read(join(ENTERPRISE, 'spend.csv')),
				'/dashboard.json': JSON.stringify({
					title: 'Enterprise pipeline',
					...enterpriseConfig,
					data: {
						deals: 'exports/opps.csv',
						history: 'exports/stage_log.csv',
						spend: 'exports/spend.csv'
					}
				})
			},
			routes: {
				'/data/page.csv': (_req, res) => {
					res.writeHead(200, { 'content-type': 'text/html' });
					res.end('<!doctype html><html><body><h1>Sign in</h1></body></html>');
				},
				'/data/cut.csv': (_req, res) => {
					res.writeHead(200, { 'content-type': 'text/csv', 'content-length': 100_000 });
					res.write('Record ID,Deal Name,Deal Stage\n1,A,Closed Won\n');
					setTimeout(() => res.destroy(), 200);
				},
				'/data/slow.csv': (_req, res) => {
					res.writeHead(200, { 'content-type': 'text/csv' });
					res.write('Record ID,Deal Name,Deal Stage\n');
					// …and nothing more: the page gives up after its timeout.
				}
			}
		});
	}, 900_000);

	afterAll(async () => {
		for (const c of contexts) await c.close();
		await browser?.close();
		await site?.close();
		await elsewhere?.close();
		if (built) rmSync(dir, { recursive: true, force: true });
	});

	/** Requests that left the site, other than the data URLs the link named. */
	const leaks = (requests: string[], named: string[] = []) =>
		foreignRequests(requests, new URL(site.url).origin).filter((u) => !named.includes(u));

	test('?src= opens hosted files; the page’s own URL reopens the same view in a fresh browser', async () => {
		const { page, requests } = await open();
		await page.goto(
			`${site.url}?src=deals:data/hubspot-crm-exports-all-deals-2025-07-01.csv&src=spend:data/spend.csv`
		);
		await ready(page, 'all');
		expectClose(await metricsJson(page), wholeRun(HUBSPOT));
		// Relative data URLs resolve against the site's folder, not the host's root.
		expect(requests).toContain(`${site.url}data/hubspot-crm-exports-all-deals-2025-07-01.csv`);

		await page.selectOption('[data-testid="period-preset"]', 'last-year');
		await page.waitForSelector('main[data-ready="true"]:not([data-view="all"])');
		const value = await filterByFirstSource(page);
		await page.waitForFunction(
			() => new URLSearchParams(location.hash.slice(1)).get('by') === 'source'
		);
		await page.waitForSelector(`main[data-ready="true"][data-view$=";source=${value}"]`);
		const link = page.url();
		expect(new URL(link).pathname).toBe(`${BASE}/`);
		// Only the data files are in the query; the view (filter values too) is in the fragment.
		expect([...new URL(link).searchParams.keys()]).toEqual(['src', 'src']);
		expect(new URL(link).searchParams.getAll('src')).toEqual([
			'deals:data/hubspot-crm-exports-all-deals-2025-07-01.csv',
			'spend:data/spend.csv'
		]);
		expect(new URLSearchParams(new URL(link).hash.slice(1)).get('source')).toBe(value);
		const before = await viewState(page);
		const json = await metricsJson(page);

		const fresh = await open();
		await fresh.page.goto(link);
		await ready(fresh.page, before.view!);
		expect(await viewState(fresh.page)).toEqual(before);
		expect(await metricsJson(fresh.page)).toEqual(json);
		expect(fresh.page.url()).toBe(link);
		// Everything (app, wasm, worker, data) came from the sub-path of the site; a blob: URL is
		// made in the page (the engine's worker script), not fetched from anywhere.
		for (const r of fresh.requests.filter((u) => !u.startsWith('blob:')))
			expect(new URL(r).pathname.startsWith(`${BASE}/`), r).toBe(true);
		expect(leaks([...requests, ...fresh.requests])).toEqual([]);
	}, 600_000);

	test('dashboard.json makes every visitor land on the team dashboard; view params override it', async () => {
		const { page, requests } = await open();
		await page.goto(site.url);
		await ready(page, 'all');
		expect(await page.textContent('[data-testid="dashboard-title"]')).toBe('Enterprise pipeline');
		expect(await page.title()).toContain('Enterprise pipeline');
		expectClose(await metricsJson(page), wholeRun(ENTERPRISE));
		const owner = await page.getAttribute(
			'[data-testid="breakdown"] tbody tr >> nth=1',
			'data-value'
		);
		await page.click(`[data-testid="breakdown"] tbody tr[data-value="${owner}"] .pick`);
		await ready(page, `all;owner=${owner}`);
		const link = new URL(page.url());
		// The data and config come from dashboard.json: the link holds only the view.
		const view = new URLSearchParams(link.hash.slice(1));
		expect(link.search).toBe('');
		expect(view.has('src')).toBe(false);
		expect(view.has('c')).toBe(false);
		expect(view.get('owner')).toBe(owner);
		const before = await viewState(page);
		const json = await metricsJson(page);

		const fresh = await open();
		await fresh.page.goto(link.href);
		await ready(fresh.page, `all;owner=${owner}`);
		expect(await viewState(fresh.page)).toEqual(before);
		expect(await metricsJson(fresh.page)).toEqual(json);
		expect(leaks([...requests, ...fresh.requests])).toEqual([]);
	}, 600_000);

	test('hosted-file faults each say what went wrong', async () => {
		const { page, requests } = await open();
		const foreign = `${elsewhere.url}deals.csv`;
		const cases: [string, string, RegExp][] = [
			['data/missing.csv', 'fetch.not-found', /not found \(HTTP 404\)/],
			['data/page.csv', 'fetch.html', /returned a web page/],
			['data/cut.csv', 'fetch.truncated', /cut off: \d+ of 100000 bytes/],
			['data/slow.csv&timeout=3', 'fetch.timeout', /sent nothing for 3 s/],
			[foreign, 'fetch.cors', /Access-Control-Allow-Origin/]
		];
		for (const [src, key, text] of cases) {
			await page.goto('about:blank');
			await page.goto(`${site.url}?v=1&src=${src}`);
			if (key === 'fetch.timeout') {
				// The download shows its progress (bytes so far) until it is given up.
				const progress = await page.waitForSelector('[data-testid="download-progress"]');
				expect(await progress.textContent()).toMatch(/Downloading slow\.csv: \d+ B/);
			}
			const issue = await page.waitForSelector(`[data-testid="link-issues"] li[data-key="${key}"]`);
			expect(await issue.textContent()).toMatch(text);
		}
		expect(leaks(requests, [foreign])).toEqual([]);
		expect(requests).toContain(foreign);
		// Each fault is said on the console as the browser meets it; nothing else may fail.
		const faults = [
			/^HTTP 404: .*\/data\/missing\.csv$/,
			/^console: Failed to load resource: net::ERR_CONTENT_LENGTH_MISMATCH$/,
			/^console: Access to fetch at '.*\/deals\.csv' from origin '.*' has been blocked by CORS policy/,
			/^console: Failed to load resource: net::ERR_FAILED$/
		];
		errors.allow(...faults);
		expect(errors.errors().filter((e) => !faults.some((f) => f.test(e)))).toEqual([]);
	}, 600_000);
});
