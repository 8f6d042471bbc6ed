// Whether this browser holds the engine for the next visit: shared by the e2e tests and the
// benchmark (scripts/bench), which both reopen the page to time or check a cached start.

/**
 * The service worker controls the page and holds this browser's engine wasm.
 * @param {import('playwright-core').Page} page
 * @returns {Promise<void>}
 */
export async function engineCached(page) {
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
	await page.waitForFunction(async () => {
		for (const key of await caches.keys()) {
			const urls = (await (await caches.open(key)).keys()).map((r) => r.url);
			if (urls.some((u) => u.endsWith('.wasm'))) return true;
		}
		return false;
	});
}
