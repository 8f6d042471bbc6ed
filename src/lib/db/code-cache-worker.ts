/**
 * Runs first in the engine's worker, before duckdb-wasm's own script (see `engineWorker`).
 *
 * duckdb-wasm reports the wasm download's progress by piping the response through a
 * TransformStream into a `new Response(…)` and compiling that. A response made in JS has no URL,
 * so Chromium neither keeps nor reuses the compiled code for it (its wasm code cache is keyed by
 * the response's URL and cache entry): every visit compiled the 34 MB module again. Here the
 * first `.wasm` fetch is noted, and `instantiateStreaming` compiles a clone of that real response
 * (from the HTTP cache or the service worker's Cache Storage on a repeat visit), while
 * duckdb-wasm's copy is read to its end so that its progress reports still flow.
 *
 * Self-contained on purpose: it is sent to the worker as its source text.
 */
export function keepWasmCodeCache(): void {
	const scope = globalThis as unknown as {
		fetch: typeof fetch;
		location: { href: string };
	};
	const fetchFirst = scope.fetch.bind(globalThis);
	const instantiate = WebAssembly.instantiateStreaming.bind(WebAssembly);
	let wasm: Promise<Response> | null = null;
	let seen = false;
	scope.fetch = (input, init) => {
		const response = fetchFirst(input, init);
		const url = new URL(input instanceof Request ? input.url : String(input), scope.location.href);
		if (!seen && url.protocol !== 'blob:' && url.pathname.endsWith('.wasm')) {
			seen = true;
			wasm = response.then((r) => r.clone());
			// Its failure is duckdb-wasm's to report, through its own copy.
			wasm.catch(() => {});
		}
		return response;
	};
	WebAssembly.instantiateStreaming = async (source, imports) => {
		const real = wasm;
		wasm = null;
		if (!real) return instantiate(source, imports);
		const copy = await source;
		copy.body?.pipeTo(new WritableStream()).catch(() => {});
		return instantiate(real, imports);
	};
}

/**
 * A worker that runs `keepWasmCodeCache` and then duckdb-wasm's worker script (`workerUrl`, an
 * absolute URL on our origin). Started from a blob: URL (the CSP's worker-src allows blob:); the
 * script it imports is ours (script-src 'self'). Revoke `url` once the engine has started.
 */
export function engineWorker(workerUrl: string): { worker: Worker; url: string } {
	const source = `(${keepWasmCodeCache.toString()})();\nimportScripts(${JSON.stringify(workerUrl)});\n`;
	const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
	return { worker: new Worker(url), url };
}
