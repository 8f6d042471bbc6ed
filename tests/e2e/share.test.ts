import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { encodeLink } from '../../src/lib/share/codec';
import { DEFAULT_VIEW } from '../../src/lib/share/view';
import { packFiles } from '../../src/lib/share/data-link';
import { foreignRequests, recordRequests } from './browser';
import { useSite } from './site';
import { damagedLinks, filterByFirstSource, metricsJson, ready, viewState } from './share-helpers';

/** The view parameters of an address: its fragment's. */
const fragment = (url: string) => new URLSearchParams(new URL(url).hash.slice(1));
const HUBSPOT = 'tests/fixtures/examples/hubspot';
const DROPPED = ['hubspot-crm-exports-all-deals-2025-07-01.csv', 'spend.csv'].map((f) =>
	join(HUBSPOT, f)
);
const ENTERPRISE = 'tests/fixtures/examples/enterprise';
/** A small export: deals and spend with their config (no stage history), ~13 kB packed. */
const SMALL = ['opps.csv', 'spend.csv', 'config.json'].map((f) => join(ENTERPRISE, f));
const enterpriseRuns = JSON.parse(readFileSync(join(ENTERPRISE, 'expected.json'), 'utf8')) as {
	from: string | null;
	where: unknown;
	expected: Record<string, unknown>;
}[];

describe('share links', () => {
	const site = useSite();
	// Loads of the engine and of links are slower than a drop's: the limit is longer.
	const open = async (): Promise<Page> => (await site.context({ timeout: 180_000 })).newPage();

	test('a link for dropped files asks for them, then shows the same view; back/forward walk the views', async () => {
		const page = await open();
		await page.goto(site.url);
		await page.setInputFiles('[data-testid="file-input"]', DROPPED);
		await ready(page, 'all');
		const first = page.url();
		// What describes the data stays in the fragment: a reload sends the host none of it.
		expect(new URL(first).search).toBe('');
		expect(fragment(first).getAll('file')).toEqual([
			'hubspot-crm-exports-all-deals-2025-07-01.csv',
			'spend.csv'
		]);

		// Three changes the user makes: each its own history entry.
		await page.selectOption('[data-testid="period-preset"]', 'last-year');
		await ready(page, '2024-01-01..2024-12-31');
		const value = await filterByFirstSource(page);
		await ready(page, `2024-01-01..2024-12-31;source=${value}`);
		await page.check('[data-testid="funnel-mode-snapshot"]');
		await page.waitForFunction(
			() => new URLSearchParams(location.hash.slice(1)).get('funnel') === 'snapshot'
		);
		await ready(page);
		const link = page.url();
		const params = fragment(link);
		expect(params.get('from')).toBe('2024-01-01');
		expect(params.get('by')).toBe('source');
		expect(params.get('source')).toBe(value);
		const before = await viewState(page);
		const json = await metricsJson(page);

		// Back walks through the chosen views, forward returns.
		await page.goBack();
		await page.waitForFunction(() => !new URLSearchParams(location.hash.slice(1)).has('funnel'));
		await page.goBack();
		await ready(page, '2024-01-01..2024-12-31');
		await page.goForward();
		await ready(page, `2024-01-01..2024-12-31;source=${value}`);
		await page.goForward();
		await page.waitForFunction(
			() => new URLSearchParams(location.hash.slice(1)).get('funnel') === 'snapshot'
		);
		expect(page.url()).toBe(link);

		// A fresh browser: the link asks for the files by name, then shows that view.
		const other = await open();
		await other.goto(link);
		const wanted = await other.textContent('[data-testid="wanted-files"]');
		expect(wanted).toContain('hubspot-crm-exports-all-deals-2025-07-01.csv');
		expect(wanted).toContain('spend.csv');
		await other.setInputFiles('[data-testid="file-input"]', DROPPED);
		await ready(other, before.view!);
		expect(await other.$('[data-testid="wanted-files"]')).toBeNull();
		expect(await viewState(other)).toEqual(before);
		expect(await metricsJson(other)).toEqual(json);
		expect(other.url()).toBe(link);
		await Promise.all([page.context().close(), other.context().close()]);
	}, 480_000);

	test('a data-in-link for a small export shows the same figures with the data blocked', async () => {
		const page = await open();
		await page.goto(site.url);
		await page.setInputFiles('[data-testid="file-input"]', SMALL);
		await ready(page, 'all');
		const whole = enterpriseRuns.find((r) => r.from === null && r.where === null)!.expected;
		// Without the stage history only the history-free figures match the reference.
		const report = await metricsJson(page);
		expect(report.deals).toEqual(whole.deals);
		expect(report.win_rate).toBeCloseTo(whole.win_rate as number, 9);
		expect(report.avg_deal_size).toBeCloseTo(whole.avg_deal_size as number, 6);
		await page.selectOption('[data-testid="period-preset"]', 'last-year');
		await page.waitForSelector('main[data-ready="true"]:not([data-view="all"])');
		const view = (await viewState(page)).view!;
		const json = await metricsJson(page);
		const button = page.locator('[data-testid="copy-data-link"]');
		const label = (await button.textContent())!;
		const dataLink = (await button.getAttribute('data-url'))!;
		expect(label).toMatch(/\(\d+\.\d kB\)/);
		expect(Number(/([\d.]+) kB/.exec(label)![1]) * 1000).toBeCloseTo(dataLink.length, -2);
		expect(dataLink.length).toBeLessThan(32_000);
		const url = new URL(dataLink);
		expect(url.search).toBe('');
		expect(new URLSearchParams(url.hash.slice(1)).get('from')).toBe(view.split('..')[0]);

		// A fresh browser that may fetch only the app itself: the data comes from the link.
		const other = await open();
		const requests = recordRequests(other.context());
		await other.context().route('**/*', (route) => {
			const u = new URL(route.request().url());
			const app =
				u.origin === new URL(site.url).origin &&
				(u.pathname === '/' || u.pathname.startsWith('/_app/') || u.pathname === '/favicon.svg');
			return app ? route.continue() : route.abort('blockedbyclient');
		});
		// The blocked service worker script is said on the console; it is what the test blocks.
		site.allowErrors(/^console: An unknown error occurred when fetching the script\.$/);
		await other.goto(dataLink);
		await ready(other, view);
		expect(await metricsJson(other)).toEqual(json);
		expect(await viewState(other)).toEqual(await viewState(page));
		expect(foreignRequests(requests, new URL(site.url).origin)).toEqual([]);
		expect(requests.filter((r) => /\.csv|\.json/.test(new URL(r).pathname))).toEqual([]);
		// The address keeps the data after # as the view changes, so a reload still works.
		expect(other.url().split('#')[0]).toBe(new URL(site.url).href);
		await Promise.all([page.context().close(), other.context().close()]);
	}, 480_000);

	test('the demo (69 kB packed) is refused as a data-in-link, with the size and what to do', async () => {
		const page = await open();
		await page.goto(`${site.url}?demo`);
		await ready(page, 'all');
		const text = await page.textContent('[data-testid="data-link-too-big"]');
		expect(text).toMatch(/\d+\.\d kB, over the 32\.0 kB/);
		expect(text).toContain('?src=');
		expect(await page.$('[data-testid="copy-data-link"]')).toBeNull();
		// The demo opens as hosted files: its address is a ?src= link.
		expect(new URL(page.url()).searchParams.getAll('src')).toEqual([
			'demo/hubspot-demo-deals.csv',
			'demo/demo-spend.csv'
		]);
		await page.screenshot({
			path: join(tmpdir(), 'pipelens-share-bar.png'),
			clip: { x: 0, y: 200, width: 1360, height: 200 }
		});
		await page.context().close();
	}, 480_000);

	test('fifty damaged links each open with a message and no page error', async () => {
		const good = encodeLink({
			...DEFAULT_VIEW,
			source: { kind: 'files', names: ['opps.csv', 'spend.csv'] },
			period: { from: '2024-01-01', to: '2024-12-31' },
			filters: { owner: ['Ann'] },
			breakdown: 'source',
			config: JSON.parse(readFileSync(join(ENTERPRISE, 'config.json'), 'utf8')),
			encodings: { 'opps.csv': 'utf-8' }
		}).hash;
		expect(new URLSearchParams(good).get('c')).toMatch(/^~/);
		const withData = encodeLink(
			{ ...DEFAULT_VIEW, source: { kind: 'inline' }, filters: { owner: ['Ann'] } },
			packFiles(
				['opps.csv', 'spend.csv'].map((f) => ({
					name: f,
					bytes: readFileSync(join(ENTERPRISE, f))
				}))
			)
		).hash;
		const links = damagedLinks(good, withData, 50);
		expect(links).toHaveLength(50);
		expect(new Set(links.map((l) => l.kind)).size).toBe(8);
		const page = await open();
		// The messages come before any data: skip the 34 MB engine on each of the fifty loads.
		await page.route(/\.wasm$/, (route) => route.abort());
		for (const link of links) {
			const url = `${site.url}${link.search ? '?' + link.search : ''}${link.hash ? '#' + link.hash : ''}`;
			// A fresh load each time (a change of the fragment alone would not reload the page).
			await page.goto('about:blank');
			await page.goto(url);
			const issue = await page.waitForSelector('[data-testid="link-issues"] li', {
				state: 'visible'
			});
			expect((await issue.textContent())!.length, url).toBeGreaterThan(10);
		}
		expect(await page.evaluate(() => ({}) as Record<string, unknown>)).not.toHaveProperty(
			'polluted'
		);
		// The blocked wasm fails to load and so fails the engine's worker; nothing else may fail.
		const blocked = [
			/duckdb-browser-\w+\.worker/,
			/^console: Failed to load resource: net::ERR_FAILED$/
		];
		site.allowErrors(...blocked);
		expect(site.errors().filter((e) => !blocked.some((b) => b.test(e)))).toEqual([]);
	}, 480_000);
});
