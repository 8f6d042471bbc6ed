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
