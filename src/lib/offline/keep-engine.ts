import { engineAssetUrls } from '../db/browser';

/**
 * Once the service worker controls the page, fetch the engine files again through it so it
 * caches them: on the first visit they were downloaded before any worker was there to see them.
 * Only this browser's bundle is fetched (one 34 MB wasm, not both). Runs once; never throws.
 */
let started = false;

export function keepEngineOffline(): void {
	const container = globalThis.navigator?.serviceWorker;
	if (!container || started) return;
	started = true;
	void (async () => {
		await container.ready;
		if (!container.controller) {
			await new Promise((done) =>
				container.addEventListener('controllerchange', done, { once: true })
			);
		}
		for (const url of await engineAssetUrls()) {
			const response = await fetch(url, { priority: 'low' });
			await response.body?.pipeTo(new WritableStream());
		}
	})().catch(() => {
		// Offline use is a bonus: a failure here costs only that.
	});
}
