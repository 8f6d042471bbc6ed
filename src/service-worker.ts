/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
// Offline after the first visit: the app shell and its assets are cached on install; the engine
// (a 34 MB wasm per bundle) is cached when first fetched through this worker, so install stays
// light and only the bundle this browser uses is stored. Data files are never cached here.
import { base, build, files, prerendered, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `pipelens-${version}`;
/** The page itself: what a navigation falls back to offline. */
const SHELL = `${base}/`;
const isEngine = (path: string) => /\/duckdb-[^/]*\.wasm$/.test(path);
/** The opt-in threaded build's worker scripts (1.5 MB): cached when a page uses them. */
const isThreaded = (path: string) => /\/duckdb-browser-coi[^/]*\.js$/.test(path);
const PRECACHE = [...new Set([SHELL, ...prerendered, ...build, ...files])].filter(
	(path) => !isEngine(path) && !isThreaded(path) && !path.includes('/demo/')
);
/** Every file of the build (engine and demo included): served cache-first, cached on use. */
const ASSETS = new Set([SHELL, ...prerendered, ...build, ...files]);

sw.addEventListener('install', (event) => {
	event.waitUntil(
		caches
			.open(CACHE)
			.then((cache) => cache.addAll(PRECACHE))
			.then(() => sw.skipWaiting())
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) {
				if (key.startsWith('pipelens-') && key !== CACHE) await caches.delete(key);
			}
			await sw.clients.claim();
		})()
	);
});

/** From the cache; else from the network, stored on the side while the page reads it. */
async function cacheFirst(event: FetchEvent, key: string): Promise<Response> {
	const cache = await caches.open(CACHE);
	const hit = await cache.match(key);
	if (hit) return hit;
	const response = await fetch(event.request);
	if (response.ok && response.type === 'basic') event.waitUntil(cache.put(key, response.clone()));
	return response;
}

/** The network first (a new deploy shows at once), the cached page when offline. */
async function page(request: Request): Promise<Response> {
	try {
		return await fetch(request);
	} catch (error) {
		const cached = await caches.match(SHELL);
		if (cached) return cached;
		throw error;
	}
}

/** The response with these headers set (a redirect or an opaque answer is left as it is). */
function withHeaders(response: Response, set: Record<string, string>): Response {
	if (response.type === 'opaqueredirect' || response.status === 0) return response;
	const headers = new Headers(response.headers);
	for (const [name, value] of Object.entries(set)) headers.set(name, value);
	return new Response(response.body, {
		status: response.status,
		statusText: response.statusText,
		headers
	});
}

/**
 * The page asked for DuckDB's threads (`?threads=1`, src/lib/engine/threads.ts): served
 * cross-origin isolated, which the threaded build needs, on hosts that cannot send the headers
 * themselves. Every file the page loads is ours, so `require-corp` blocks nothing of the app.
 */
const ISOLATED = {
	'Cross-Origin-Opener-Policy': 'same-origin',
	'Cross-Origin-Embedder-Policy': 'require-corp'
};
/**
 * An isolated page's workers must be isolated too: their scripts need the embedder policy
 * themselves. Only the threaded build's thread workers are started from a script URL (the
 * engine's own worker is a blob: that inherits the page's), and only on an isolated page.
 */
const isThreadWorker = (path: string) =>
	/\/duckdb-browser-coi\.pthread\.worker\.[^/]*\.js$/.test(path);

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	if (request.mode === 'navigate' && (url.pathname === SHELL || `${url.pathname}/` === SHELL)) {
		const threads = url.searchParams.get('threads') === '1';
		event.respondWith(page(request).then((r) => (threads ? withHeaders(r, ISOLATED) : r)));
	} else if (ASSETS.has(url.pathname) && url.search === '') {
		const response = cacheFirst(event, url.pathname);
		event.respondWith(
			isThreadWorker(url.pathname)
				? response.then((r) => withHeaders(r, { 'Cross-Origin-Embedder-Policy': 'require-corp' }))
				: response
		);
	}
	// Anything else (dashboard.json, hosted data, ?src= files) goes to the network untouched.
});
