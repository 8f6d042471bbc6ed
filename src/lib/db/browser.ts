import * as duckdb from '@duckdb/duckdb-wasm';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import type { Sql } from '../sql/sql';
import { arrowToRows } from './arrow-rows';
import { inputPath, lockdown, type Db, type FileSource, type Row } from './types';

/** Served from our own build (no CDN): a static host without internet access must work. */
const BUNDLES: duckdb.DuckDBBundles = {
	mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
	eh: { mainModule: ehWasm, mainWorker: ehWorker }
};

const DEFAULT_TIMEOUT_MS = 8000;
/**
 * Compiling the downloaded wasm reports no progress at all; on a slow or busy machine it takes
 * several seconds (8 s seen at a load average of 20 on 2 cores), so it gets this long instead.
 */
const COMPILE_ALLOWANCE_MS = 60_000;

export const ENGINE_STOPPED = 'The analysis engine stopped unexpectedly';

export interface BrowserDbOptions {
	/** Human-readable start-up progress ("Loading the analysis engine… 40%"). */
	onStatus?: (message: string) => void;
	/**
	 * How long start-up may go without any progress before we give up on that attempt. Progress
	 * (downloaded bytes) resets the clock, so a slow connection is not mistaken for a hang.
	 */
	timeoutMs?: number;
	/** Called once when the worker dies; every pending and later call rejects. Start a new Db. */
	onCrash?: (error: Error) => void;
	/** DuckDB's memory limit in MB (default `MEMORY_LIMIT_MB`). */
	memoryLimitMb?: number;
}

export interface BrowserDb extends Db {
	/** True once the worker has died (or the Db was closed): start a new one. */
	readonly dead: boolean;
}

/** Bundle asset URLs are relative in a relative-paths build; a worker needs absolute ones. */
function absolute(url: string): string {
	return new URL(url, globalThis.location?.href).href;
}

/** The engine files this browser uses (worker script and wasm), as absolute URLs. */
export async function engineAssetUrls(): Promise<string[]> {
	const bundle = await duckdb.selectBundle(BUNDLES);
	return [bundle.mainWorker, bundle.mainModule].filter((u): u is string => !!u).map(absolute);
}

let preloading: Promise<void> | undefined;

/**
 * Start downloading the engine (worker script and wasm) into the HTTP cache at low priority, so
 * the download overlaps with the user picking a file. Safe to call many times; never throws.
 */
export function preloadEngine(): void {
	if (preloading || typeof window === 'undefined') return;
	preloading = (async () => {
		const bundle = await duckdb.selectBundle(BUNDLES);
		const urls = [bundle.mainWorker, bundle.mainModule].filter((u): u is string => !!u);
		await Promise.all(
			urls.map(async (url) => {
				const response = await fetch(absolute(url), { priority: 'low' });
				// Drain the body without holding it: the point is the cache entry.
				await response.body?.pipeTo(new WritableStream());
			})
		);
	})().catch(() => {
		// A failed preload only costs the head start; startBrowserDb reports real failures.
	});
}

interface Booted {
	db: duckdb.AsyncDuckDB;
	worker: Worker;
}

function describe(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/**
 * One start attempt: a fresh worker instantiating `wasmUrl`, abandoned (worker terminated) when
 * it reports no progress for `timeoutMs` or the worker fails to load.
 */
function boot(
	workerUrl: string,
	wasmUrl: string,
	timeoutMs: number,
	onStatus: (message: string) => void
): Promise<Booted> {
	const worker = new Worker(workerUrl);
	const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
	return new Promise<Booted>((resolve, reject) => {
		let timer: ReturnType<typeof setTimeout> | undefined;
		let settled = false;
		const finish = (error?: Error) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			worker.removeEventListener('error', onError);
			if (!error) return resolve({ db, worker });
			worker.terminate();
			reject(error);
		};
		const arm = (ms = timeoutMs) => {
			clearTimeout(timer);
			timer = setTimeout(
				() => finish(new Error(`it made no progress for ${Math.round(ms / 1000)} s`)),
				ms
			);
		};
		const onError = (event: ErrorEvent) => {
			event.preventDefault();
			finish(new Error(event.message || 'its worker could not be loaded'));
		};
		worker.addEventListener('error', onError);
		arm();
		db.instantiate(wasmUrl, null, (progress) => {
			const downloaded = progress.bytesTotal > 0 && progress.bytesLoaded >= progress.bytesTotal;
			arm(downloaded ? Math.max(timeoutMs, COMPILE_ALLOWANCE_MS) : timeoutMs);
			if (progress.bytesTotal > 0) {
				const percent = Math.floor((100 * progress.bytesLoaded) / progress.bytesTotal);
				onStatus(`Loading the analysis engine… ${Math.min(percent, 100)}%`);
			}
		}).then(
			() => finish(),
			(error: unknown) => finish(new Error(describe(error)))
		);
	});
}

/** Whether the host gives the wasm its type (an unanswered HEAD counts as yes: just try). */
async function servedAsWasm(url: string): Promise<boolean> {
	try {
		const response = await fetch(url, { method: 'HEAD' });
		const type = response.headers.get('content-type');
		return !response.ok || type === null || type.includes('application/wasm');
	} catch {
		return true;
	}
}

/** Fetch the wasm ourselves so its type is right whatever the host says (a hang otherwise). */
async function wasmBlobUrl(url: string): Promise<string> {
	const response = await fetch(url);
	if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
	const bytes = await response.arrayBuffer();
	return URL.createObjectURL(new Blob([bytes], { type: 'application/wasm' }));
}

async function bootWithRetry(
	bundle: duckdb.DuckDBBundle,
	timeoutMs: number,
	onStatus: (message: string) => void
): Promise<Booted> {
	const workerUrl = absolute(bundle.mainWorker ?? '');
	const wasmUrl = absolute(bundle.mainModule);
	// A host serving .wasm with the wrong MIME type makes duckdb-wasm's instantiateStreaming reject
	// inside the worker with nobody listening: instantiate() then never settles. Ask the host
	// first, and go straight to the bytes as a Blob of the right type when it says otherwise.
	let firstFailure = `the host serves ${wasmUrl} without the application/wasm type`;
	if (await servedAsWasm(wasmUrl)) {
		try {
			return await boot(workerUrl, wasmUrl, timeoutMs, onStatus);
		} catch (error) {
			firstFailure = describe(error);
		}
		onStatus('The analysis engine is slow to start; trying again…');
	}
	let blobUrl: string | undefined;
	try {
		blobUrl = await wasmBlobUrl(wasmUrl);
		return await boot(workerUrl, blobUrl, timeoutMs, onStatus);
	} catch (error) {
		throw new Error(
			`The analysis engine could not start: ${describe(error)} (first attempt: ${firstFailure}).`,
			{ cause: error }
		);
	} finally {
		if (blobUrl) URL.revokeObjectURL(blobUrl);
	}
}

/**
 * The browser front end of the engine: duckdb-wasm (single-threaded MVP or EH build, from our
 * own origin) in a Web Worker, locked down before it sees any data.
 */
export async function startBrowserDb(options: BrowserDbOptions = {}): Promise<BrowserDb> {
	const onStatus = options.onStatus ?? (() => {});
	const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

	onStatus('Loading the analysis engine…');
	const bundle = await duckdb.selectBundle(BUNDLES);
	const { db, worker } = await bootWithRetry(bundle, timeoutMs, onStatus);

	let dead = false;
	let closed = false;
	const pending = new Set<(error: Error) => void>();

	// duckdb-wasm clears its pending requests on a worker error without settling them, so every
	// call is raced against this watchdog instead: nothing is left hanging.
	const crash = (cause: unknown) => {
		if (dead) return;
		dead = true;
		const error = new Error(ENGINE_STOPPED, { cause });
		for (const reject of pending) reject(error);
		pending.clear();
		worker.terminate();
		options.onCrash?.(error);
	};
	const onWorkerError = (event: Event) => {
		event.preventDefault();
		crash(event instanceof ErrorEvent ? new Error(event.message) : event);
	};
	worker.addEventListener('error', onWorkerError);
	worker.addEventListener('messageerror', onWorkerError);

	// Fault tests: `window.__pipelensCrashEngine(n)` kills the worker the way a crash does (its
	// error event) when the n-th engine call from now starts, so a test can stop it mid-load.
	// Only in a build for the browser tests: a production build has no such hook.
	let crashIn: number | null = null;
	const killWorker = () => {
		worker.terminate();
		worker.dispatchEvent(new ErrorEvent('error', { message: 'the engine worker was killed' }));
	};
	if (__PIPELENS_TEST_HOOKS__) {
		(globalThis as { __pipelensCrashEngine?: (calls?: number) => void }).__pipelensCrashEngine = (
			calls = 0
		) => {
			if (calls <= 0) killWorker();
			else crashIn = calls;
		};
	}

	function guard<T>(work: () => Promise<T>): Promise<T> {
		if (closed) return Promise.reject(new Error('The analysis engine was closed'));
		if (dead) return Promise.reject(new Error(ENGINE_STOPPED));
		return new Promise<T>((resolve, reject) => {
			pending.add(reject);
			if (crashIn !== null && --crashIn <= 0) {
				crashIn = null;
				// The call is sent and never answered, as when a worker dies under it.
				queueMicrotask(killWorker);
			}
			work().then(
				(value) => {
					pending.delete(reject);
					resolve(value);
				},
				(error: unknown) => {
					pending.delete(reject);
					// A wasm trap (out of memory, abort) leaves DuckDB in an unknown state.
					if (error instanceof Error && error.name === 'RuntimeError') crash(error);
					reject(dead ? new Error(ENGINE_STOPPED, { cause: error }) : error);
				}
			);
		});
	}

	let conn: duckdb.AsyncDuckDBConnection;
	try {
		conn = await guard(() => db.connect());
		for (const statement of lockdown(options.memoryLimitMb))
			await guard(() => conn.query(statement));
	} catch (error) {
		worker.terminate();
		throw new Error(`The analysis engine could not start: ${describe(error)}`, { cause: error });
	}
	onStatus('The analysis engine is ready');

	return {
		get dead() {
			return dead || closed;
		},
		query<T extends Row = Row>(statement: Sql): Promise<T[]> {
			return guard(async () => {
				if (statement.params.length === 0) return arrowToRows<T>(await conn.query(statement.text));
				const prepared = await conn.prepare(statement.text);
				try {
					return arrowToRows<T>(await prepared.query(...statement.params));
				} finally {
					await prepared.close();
				}
			});
		},
		registerFile(name: string, source: FileSource): Promise<string> {
			const path = inputPath(name);
			return guard(async () => {
				// A name registered before (the kept copy of a file, then the file dropped again)
				// is replaced: DuckDB refuses to register a file handle over another.
				await db.dropFile(path).catch(() => {});
				if (typeof source === 'string') await db.registerFileText(path, source);
				// The buffer is transferred to the worker; copy so the caller's bytes stay usable.
				else if (source instanceof Uint8Array) await db.registerFileBuffer(path, source.slice());
				else
					await db.registerFileHandle(
						path,
						source,
						duckdb.DuckDBDataProtocol.BROWSER_FILEREADER,
						true
					);
				return path;
			});
		},
		dropFile(path: string): Promise<void> {
			return guard(async () => {
				await db.dropFile(path);
			});
		},
		async close(): Promise<void> {
			if (closed) return;
			if (!dead) {
				await guard(() => conn.close()).catch(() => {});
				worker.removeEventListener('error', onWorkerError);
				worker.removeEventListener('messageerror', onWorkerError);
				await db.terminate();
			}
			closed = true;
		}
	};
}
