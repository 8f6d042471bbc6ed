import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';

/** Headless Debian Chromium, with everything that phones home switched off. */
export function launchBrowser(): Promise<Browser> {
	return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/**
 * Every URL requested, in order. Pass the context rather than the page to include what the
 * page's workers fetch (the engine's wasm).
 */
export function recordRequests(target: Page | BrowserContext): string[] {
	const urls: string[] = [];
	target.on('request', (request) => urls.push(request.url()));
	return urls;
}

/** URLs that left `origin` (data: and blob: stay inside the page, so they do not count). */
export function foreignRequests(urls: readonly string[], origin: string): string[] {
	return urls.filter(
		(url) => !url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin
	);
}

/**
 * Page errors, console errors and failed requests of a page, collected from now on: a browser
 * test ends with `expect(errors()).toEqual([])` unless it expects one (a Svelte
 * `each_key_duplicate` is a page error). The page asks for a team's dashboard.json, and a 404
 * says there is none; Chrome's console line for a 404 names no URL, so responses are checked.
 */
export function pageErrors(page: Page): () => string[] {
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
	page.on('response', (r) => {
		if (r.status() >= 400 && !r.url().endsWith('/dashboard.json'))
			errors.push(`HTTP ${r.status()}: ${r.url()}`);
	});
	page.on('console', (m) => {
		if (/the server responded with a status of 404/.test(m.text())) return;
		if (m.type() === 'error' || /content security policy/i.test(m.text()))
			errors.push(`console: ${m.text()}`);
	});
	return () => errors;
}
