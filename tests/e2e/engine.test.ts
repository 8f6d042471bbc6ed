import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
	failOnPageErrors,
	foreignRequests,
	launchBrowser,
	recordRequests,
	type ErrorWatch
} from './browser';
import { serve, type ServeOptions } from './server';
import { BUILD, requireBuild } from './site';

/** Wait for the page's engine marker and return it with the status text shown to the user. */
async function engineState(page: Page): Promise<{ engine: string | undefined; status: string }> {
	await page.waitForSelector('body[data-engine="ready"], body[data-engine="failed"]');
	return page.evaluate(() => ({
		engine: document.body.dataset.engine,
		status: document.querySelector('[role="status"]')?.textContent ?? ''
	}));
}

async function openSite(browser: Browser, errors: ErrorWatch, options: ServeOptions = {}) {
	const site = await serve(BUILD, options);
	const context = errors.watch(await browser.newContext());
	const requests = recordRequests(context);
	const page = await context.newPage();
	await page.goto(site.url);
	return {
		page,
		requests,
		origin: new URL(site.url).origin,
		async close() {
			await context.close();
			await site.close();
		}
	};
}

describe('the analysis engine in the built site', () => {
	let browser: Browser;
	const errors = failOnPageErrors();

	beforeAll(async () => {
		requireBuild();
		browser = await launchBrowser();
	});

	afterAll(async () => {
		await browser?.close();
	});

	test('starts from our own origin and answers a query', async () => {
		const site = await openSite(browser, errors);
		try {
			expect(await engineState(site.page)).toEqual({ engine: 'ready', status: 'Ready' });
			expect(site.requests.filter((url) => url.endsWith('.wasm')).length).toBeGreaterThan(0);
			expect(foreignRequests(site.requests, site.origin)).toEqual([]);
		} finally {
			await site.close();
		}
	});

	test('starts under a base path', async () => {
		const site = await openSite(browser, errors, { base: '/team/pipelens' });
		try {
			expect(await engineState(site.page)).toEqual({ engine: 'ready', status: 'Ready' });
			// blob: URLs (the engine worker's bootstrap script) are the page's own, not requests.
			const sent = site.requests.filter((url) => !url.startsWith('blob:'));
			expect(sent.filter((url) => !url.startsWith(`${site.origin}/team/pipelens/`))).toEqual([]);
		} finally {
			await site.close();
		}
	});

	test('starts when the host serves .wasm with the wrong MIME type', async () => {
		// The first attempt is dropped as soon as the host's answer shows the wrong type; when that
		// comes before its worker has loaded duckdb-wasm's script, the terminated worker reports
		// the cut-short load (two console lines). Nothing else may show.
		errors.allow(
			/^console: ErrorEvent$/,
			/^console: error in duckdb worker: .*importScripts.*duckdb-browser-eh\.worker\.[\w-]+\.js' failed to load\.$/
		);
		const site = await openSite(browser, errors, { mime: { '.wasm': 'application/octet-stream' } });
		try {
			expect(await engineState(site.page)).toEqual({ engine: 'ready', status: 'Ready' });
			expect(foreignRequests(site.requests, site.origin)).toEqual([]);
		} finally {
			await site.close();
		}
	});
});
