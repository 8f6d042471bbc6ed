import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterEach, expect } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';

export { engineCached } from './engine-cache.mjs';

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
	onPageError(page, (error) => errors.push(error));
	return () => errors;
}

/** Calls `report` with each page error, console error and failed request of `page`. */
function onPageError(page: Page, report: (error: string) => void): void {
	page.on('pageerror', (e) => report(`page error: ${e.message}${e.stack ? `\n${e.stack}` : ''}`));
	page.on('response', (r) => {
		if (r.status() >= 400 && !r.url().endsWith('/dashboard.json'))
			report(`HTTP ${r.status()}: ${r.url()}`);
	});
	page.on('console', (m) => {
		if (/the server responded with a status of 404/.test(m.text())) return;
		if (m.type() === 'error' || /content security policy/i.test(m.text()))
			report(`console: ${m.text()}`);
	});
}

/** Collects the errors of pages; see `failOnPageErrors`. */
export interface ErrorWatch {
	/** Watch this page, or every page of this context (those open and those opened later). */
	watch<T extends Page | BrowserContext>(target: T): T;
	/** Errors the running test expects: those any of the patterns match fail nothing. */
	allow(...patterns: RegExp[]): void;
	/** The errors of the watched pages since the running test began. */
	errors(): string[];
}

/**
 * Fails each test of the file (or of the describe it is called in) on a page error, console
 * error or failed request of any page it watches, unless the test allowed it. An error that
 * comes between two tests (from a `beforeAll`, say) fails the test after it.
 */
export function failOnPageErrors(): ErrorWatch {
	let errors: string[] = [];
	let allowed: RegExp[] = [];
	const watchPage = (page: Page) => onPageError(page, (error) => errors.push(error));
	afterEach(() => {
		const unexpected = errors.filter((e) => !allowed.some((pattern) => pattern.test(e)));
		errors = [];
		allowed = [];
		expect(unexpected, 'page errors the test did not expect').toEqual([]);
	});
	return {
		watch(target) {
			if ('newPage' in target) {
				target.pages().forEach(watchPage);
				target.on('page', watchPage);
			} else watchPage(target);
			return target;
		},
		allow(...patterns) {
			allowed.push(...patterns);
		},
		errors: () => [...errors]
	};
}
