import { base } from '$app/paths';
import { threadsWanted } from '../engine/threads';

let started = false;

/**
 * Register the service worker (src/service-worker.ts) once the engine runs, so its install never
 * competes with the engine's first start. Once it controls the page, fetch the engine files
 * again through it so it caches them: on the first visit they were downloaded before any worker
 * was there to see them, and only those the worker does not hold yet. Only this browser's
 * bundle is fetched (one 34 MB wasm, not both). Runs once; never throws.
 */
export function keepEngineOffline(): void {
	const container = globalThis.navigator?.serviceWorker;
	if (!container || started) return;
	started = true;
	void (async () => {
		await container.register(`${base}/service-worker.js`, {
			type: import.meta.env.DEV ? 'module' : 'classic'
		});
		await container.ready;
		if (!container.controller) {
			await new Promise((done) =>
				container.addEventListener('controllerchange', done, { once: true })
			);
		}
		// The engine's chunk is loaded by now (the engine runs); imported here, not at the top.
		const { engineAssetUrls } = await import('../db/browser');
		for (const url of await engineAssetUrls(threadsWanted())) {
			// Held already (a repeat visit): fetching 34 MB again would only slow the first drop.
			if (await caches.match(url)) continue;
			const response = await fetch(url, { priority: 'low' });
			await response.body?.pipeTo(new WritableStream());
		}
	})().catch(() => {
		// Offline use is a bonus: a failure here costs only that.
	});
}
