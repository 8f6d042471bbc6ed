// The standalone HTML report, dropped files kept across reloads, and offline use after a visit.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { engineCached } from './browser';
import { filterValues, setFilter } from './filter-menu';
import { serve } from './server';
import { BUILD, useSite } from './site';

const SHOTS = 'test-results';
const HUBSPOT = 'tests/fixtures/examples/hubspot';
const FILES = ['hubspot-crm-exports-all-deals-2025-07-01.csv', 'spend.csv'].map((f) =>
	join(HUBSPOT, f)
);
const READY = 'main[data-ready="true"]';
// Each test loads the example several times (and the engine offline): minutes on a busy machine.
const SLOW = 600_000;

interface Metrics {
	period: { from: string; to: string };
	deals: { created: number; won: number; lost: number };
	win_rate: number | null;
	funnel: { stage: string; reached: number }[];
}

async function download(page: Page, selector: string): Promise<{ name: string; bytes: Buffer }> {
	const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
	return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

/**
 * The view is on screen; a load that failed instead says why (rather than a bare timeout). An
 * engine that fails to start (its start-up watchdog fired) fails the test.
 */
async function ready(page: Page, view = 'all'): Promise<void> {
	await page.waitForSelector(`${READY}[data-view="${view}"], [data-testid="error"]`);
	const error = await page.$('[data-testid="error"]');
	if (error) throw new Error(`the page says: ${await error.textContent()}`);
}

async function metrics(page: Page): Promise<Metrics> {
	return JSON.parse((await download(page, '[data-testid="download-json"]')).bytes.toString());
}

describe('hosting: report, kept files, offline', () => {
	const site = useSite({ serve: { base: '/team/pipelens' } });
	// Loads are slower on a busy 2-core machine (load average 20 seen); no test waits on time,
	// only on markers, so the limit is generous.
	const newContext = () =>
		site.context({ viewport: { width: 1280, height: 900 }, timeout: 240_000 });
	/** A browser profile of its own at `url` with the example dropped and its view drawn. */
	async function dropped(url = site.url): Promise<Page> {
		const page = await (await newContext()).newPage();
		await page.goto(url);
		await page.setInputFiles('[data-testid="file-input"]', FILES);
		await ready(page);
		return page;
	}
	/** `run` on a page from `dropped(url)`, its browser profile closed after. */
	async function withDropped(url: string, run: (page: Page) => Promise<void>): Promise<void> {
		const page = await dropped(url);
		try {
			await run(page);
		} finally {
			await page.context().close();
		}
	}

	beforeAll(() => {
		mkdirSync(SHOTS, { recursive: true });
	});

	test(
		'the downloaded HTML report shows the filtered view’s figures with the network blocked',
		async () => {
			await withDropped(site.url, async (page) => {
				const [owner] = await filterValues(page, 'owner');
				await setFilter(page, 'owner', owner);
				await page.waitForSelector(`${READY}[data-view$=";owner=${owner}"]`);
				const expected = await metrics(page);
				const report = await download(page, '[data-testid="download-html"]');
				expect(report.name).toBe(
					`pipelens-report-${expected.period.from}-${expected.period.to}.html`
				);
				const html = report.bytes.toString('utf8');
				expect(html).not.toMatch(/<script/i);
				expect(html).not.toMatch(/\.wasm/);
				expect(html).toMatch(/<svg/);
				const path = join(tmpdir(), `pipelens-report-${process.pid}.html`);
				writeFileSync(path, report.bytes);
				console.log(`report: ${(statSync(path).size / 1024).toFixed(1)} KiB`);

				// A fresh browser with no network at all: the file must stand on its own.
				const offline = await newContext();
				try {
					const requests: string[] = [];
					offline.on('request', (r) => requests.push(r.url()));
					// Every network request is refused (the file itself is read from disk, not routed).
					await offline.route(/^(https?|wss?|ftp):/, (route) => route.abort());
					await offline.setOffline(true);
					const view = await offline.newPage();
					await view.goto(pathToFileURL(path).href);
					expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
					const kpi = (key: string) =>
						view.$eval(`[data-kpi="${key}"]`, (li) => ({
							raw: li.getAttribute('data-value'),
							text: li.querySelector('.value')?.textContent
						}));
					const created = await kpi('created');
					expect(Number(created.raw)).toBe(expected.deals.created);
					expect(created.text?.replace(/,/g, '')).toBe(String(expected.deals.created));
					const winRate = await kpi('win-rate');
					expect(Number(winRate.raw)).toBe(expected.win_rate);
					expect(winRate.text).toBe(`${((expected.win_rate ?? 0) * 100).toFixed(1)}%`);
					const funnel = await view.$$eval('[data-section="funnel"] tbody tr', (trs) =>
						trs.map((tr) => ({
							stage: tr.getAttribute('data-stage'),
							reached: Number(tr.getAttribute('data-reached'))
						}))
					);
					expect(funnel).toEqual(
						expected.funnel.map((f) => ({ stage: f.stage, reached: f.reached }))
					);
					expect(await view.getAttribute('[data-period]', 'data-period')).toBe(
						`${expected.period.from}..${expected.period.to}`
					);
					expect(await view.textContent('[data-filter]')).toContain(owner);
					// The funnel chart is drawn: one bar group per funnel row.
					expect(await view.$$eval('[data-section="funnel"] svg g.row', (g) => g.length)).toBe(
						expected.funnel.length
					);
					// Each KPI sparkline carries every month's tooltip, written for the report though
					// the page writes one only under the pointer.
					const tips = await view.$$eval('[data-kpi="created"] svg g.point', (ps) =>
						ps.map((p) => p.querySelector('title')?.textContent ?? null)
					);
					expect(tips.length).toBeGreaterThan(1);
					expect(tips.every((tip) => tip !== null && /\d{4}-\d{2}/.test(tip))).toBe(true);
					await view.screenshot({ path: join(SHOTS, 'html-report.png'), fullPage: true });
				} finally {
					await offline.close();
				}
			});
		},
		SLOW
	);

	test(
		'dropped files survive a reload, load again over their kept copies; Forget data clears them',
		async () => {
			await withDropped(site.url, async (page) => {
				const before = await metrics(page);
				await page.reload();
				await ready(page);
				expect(await page.getAttribute('body', 'data-kept')).toBe('restored');
				expect(await metrics(page)).toEqual(before);
				// The same files dropped again over their kept copies (the engine registered those
				// under the same names) load again.
				await page.setInputFiles('[data-testid="file-input"]', FILES);
				await page.waitForSelector('main[data-ready="false"]');
				await ready(page);
				expect(await page.$('[data-testid="error"]')).toBeNull();
				expect(await metrics(page)).toEqual(before);

				await page.click('[data-testid="forget-data"]');
				await page.waitForSelector('[data-testid="forgotten"]');
				await page.reload();
				await page.waitForSelector('body[data-kept="none"]');
				expect(await page.isVisible('.drop')).toBe(true);
				expect(await page.$('[data-testid="download-json"]')).toBeNull();
			});
		},
		SLOW
	);

	test(
		'after a visit the dashboard reopens offline (with the kept files)',
		async () => {
			const local = await serve(BUILD, { base: '/offline' });
			let serving = true;
			const page = await dropped(local.url);
			const context = page.context();
			try {
				const before = await metrics(page);
				// The engine is cached once fetched through the worker (this browser's bundle only).
				await engineCached(page);
				// Offline for real: the browser is told so and the server is gone.
				await local.close();
				serving = false;
				await context.setOffline(true);
				// Offline, the page's ask for a team's dashboard.json fails (there is none).
				site.allowErrors(/^console: Failed to load resource: net::ERR_INTERNET_DISCONNECTED$/);
				await page.reload();
				await ready(page);
				expect(await page.getAttribute('body', 'data-kept')).toBe('restored');
				expect(await metrics(page)).toEqual(before);
			} finally {
				await context.close();
				if (serving) await local.close();
			}
		},
		SLOW
	);
});
