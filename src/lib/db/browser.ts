import { errorText } from '../i18n/error-text';
import * as duckdb from '@duckdb/duckdb-wasm';
import coiPthreadWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-coi.pthread.worker.js?url';
import coiWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-coi.worker.js?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import coiWasm from '@duckdb/duckdb-wasm/dist/duckdb-coi.wasm?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import type { Sql } from '../sql/sql';
import { arrowToRows } from './arrow-rows';
import { engineWorker } from './code-cache-worker';
import { isKept, StatementCache } from './statement-cache';
import { typedParams } from './typed-params';
import { inputPath, lockdown, type Db, type FileSource, type Row } from './types';

/** Served from our own build (no CDN): a static host without internet access must work. */
const BUNDLES: duckdb.DuckDBBundles = {
	mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
	eh: { mainModule: ehWasm, mainWorker: ehWorker }
};

/**
 * The multi-threaded build: DuckDB's threads are Web Workers sharing the wasm memory, which
 * needs a SharedArrayBuffer, so a cross-origin-isolated page (COOP/COEP headers). selectBundle
 * only picks it when the page is isolated; even then it is used only when asked for (`threads`).
 */
const THREADED_BUNDLES: duckdb.DuckDBBundles = {
	...BUNDLES,
	coi: { mainModule: coiWasm, mainWorker: coiWorker, pthreadWorker: coiPthreadWorker }
};

/** DuckDB's threads in the threaded build: the cores the browser reports, at most 8. */
function threadCount(): number {
	const cores = globalThis.navigator?.hardwareConcurrency ?? 2;
	return Math.max(1, Math.min(8, cores));
}

/** The build this page uses: the threaded one when asked for and the page is isolated. */
function chooseBundle(threads = false): Promise<duckdb.DuckDBBundle> {
	return duckdb.selectBundle(threads ? THREADED_BUNDLES : BUNDLES);
}

const DEFAULT_TIMEOUT_MS = 8000;
/**
 * Compiling the downloaded wasm reports no progress at all, and on a slow or busy machine it
 * takes several seconds, so it gets this long instead.
 */
const COMPILE_ALLOWANCE_MS = 60_000;

export const ENGINE_STOPPED = 'The analysis engine stopped unexpectedly';

/** Where the engine's start is: loading (with a percentage once known), retrying, ready. */
export type BootStatus = 'loading' | 'slow' | 'ready';
export type OnBootStatus = (status: BootStatus, percent?: number) => void;

export interface BrowserDbOptions {
	/** Start-up progress, for the page to say in its language (`loading` with a percentage). */
	onStatus?: OnBootStatus;
	/**
	 * How long start-up may go without any progress before we give up on that attempt. Progress
	 * (downloaded bytes) resets the clock, so a slow connection is not mistaken for a hang.
	 */
	timeoutMs?: number;
	/** Called once when the worker dies; every pending and later call rejects. Start a new Db. */
	onCrash?: (error: Error) => void;
	/** DuckDB's memory limit in MB (default `MEMORY_LIMIT_MB`). */
	memoryLimitMb?: number;
	/**
	 * Use the multi-threaded build when the page is cross-origin isolated. Default: no; on two
	 * cores it is slower, and some loads came out wrong (README, hosting).
	 */
	threads?: boolean;
}

export interface BrowserDb extends Db {
	/** True once the worker has died (or the Db was closed): start a new one. */
	readonly dead: boolean;
	/** DuckDB's threads: 1 in the single-threaded builds. */
	readonly threads: number;
}

/** Bundle asset URLs are relative in a relative-paths build; a worker needs absolute ones. */
function absolute(url: string): string {
	return new URL(url, globalThis.location?.href).href;
}

/** The engine files this browser uses (worker script and wasm), as absolute URLs. */
export async function engineAssetUrls(threads = false): Promise<string[]> {
	const bundle = await chooseBundle(threads);
	return [bundle.mainWorker, bundle.pthreadWorker, bundle.mainModule]
		.filter((u): u is string => !!u)
		.map(absolute);
}

interface Booted {
	db: duckdb.AsyncDuckDB;
	worker: Worker;
}

/**
 * One start attempt: a fresh worker instantiating `wasmUrl`, abandoned (worker terminated) when
 * it reports no progress for `timeoutMs`, the worker fails to load, or `abandon` settles first.
 */
function boot(
	workerUrl: string,
	wasmUrl: string,
	pthreadWorkerUrl: string | null,
	timeoutMs: number,
	onStatus: OnBootStatus,
	abandon: Promise<Error> = new Promise(() => {})
): Promise<Booted> {
	const { worker, url: bootstrapUrl } = engineWorker(workerUrl);
	const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
	return new Promise<Booted>((resolve, reject) => {
		let timer: ReturnType<typeof setTimeout> | undefined;
		let settled = false;
		const finish = (error?: Error) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			URL.revokeObjectURL(bootstrapUrl);
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
		void abandon.then(finish);
		arm();
		db.instantiate(wasmUrl, pthreadWorkerUrl, (progress) => {
			const downloaded = progress.bytesTotal > 0 && progress.bytesLoaded >= progress.bytesTotal;
			arm(downloaded ? Math.max(timeoutMs, COMPILE_ALLOWANCE_MS) : timeoutMs);
			if (progress.bytesTotal > 0) {
				const percent = Math.floor((100 * progress.bytesLoaded) / progress.bytesTotal);
				onStatus('loading', Math.min(percent, 100));
			}
		}).then(
			() => finish(),
			(error: unknown) => finish(new Error(errorText(error)))
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
	onStatus: OnBootStatus
): Promise<Booted> {
	const workerUrl = absolute(bundle.mainWorker ?? '');
	const wasmUrl = absolute(bundle.mainModule);
	const pthreadWorkerUrl = bundle.pthreadWorker ? absolute(bundle.pthreadWorker) : null;
	// A host serving .wasm with the wrong MIME type makes duckdb-wasm's instantiateStreaming reject
	// inside the worker with nobody listening: instantiate() then never settles. Ask the host
	// while the first attempt starts (not before: that cost a round trip on every start), drop
	// that attempt when the host says otherwise, and go to the bytes as a Blob of the right type.
	const wrongType = `the host serves ${wasmUrl} without the application/wasm type`;
	let firstFailure = wrongType;
	const abandon = servedAsWasm(wasmUrl).then((ok) =>
		ok ? new Promise<Error>(() => {}) : new Error(wrongType)
	);
	try {
		return await boot(workerUrl, wasmUrl, pthreadWorkerUrl, timeoutMs, onStatus, abandon);
	} catch (error) {
		firstFailure = errorText(error);
	}
	if (firstFailure !== wrongType) onStatus('slow');
	// A blob: copy compiles without the code cache (it has no URL to key it by): a fallback only.
	let blobUrl: string | undefined;
	try {
		blobUrl = await wasmBlobUrl(wasmUrl);
		return await boot(workerUrl, blobUrl, pthreadWorkerUrl, timeoutMs, onStatus);
	} catch (error) {
		throw new Error(
			`The analysis engine could not start: ${errorText(error)} (first attempt: ${firstFailure}).`,
			{ cause: error }
		);
	} finally {
		if (blobUrl) URL.revokeObjectURL(blobUrl);
	}
}

/**
 * The browser front end of the engine: duckdb-wasm (single-threaded MVP or EH build, or the
 * threaded COI build when asked for on an isolated page; from our own origin) in a Web Worker,
 * locked down before it sees any data.
 */
export async function startBrowserDb(options: BrowserDbOptions = {}): Promise<BrowserDb> {
	const onStatus = options.onStatus ?? (() => {});
	const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

	onStatus('loading');
	const bundle = await chooseBundle(options.threads);
	const { db, worker } = await bootWithRetry(bundle, timeoutMs, onStatus);
	const threaded = Boolean(bundle.pthreadWorker);

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

	/** `work` on the engine, failing when the engine is gone or dies under it; `counted` by the crash hook. */
	function guard<T>(work: () => Promise<T>, counted = true): Promise<T> {
		if (closed) return Promise.reject(new Error('The analysis engine was closed'));
		if (dead) return Promise.reject(new Error(ENGINE_STOPPED));
		return new Promise<T>((resolve, reject) => {
			pending.add(reject);
			if (counted && crashIn !== null && --crashIn <= 0) {
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
		// The threaded build starts one thread unless told how many it may use.
		if (threaded) await guard(() => db.open({ maximumThreads: threadCount() }));
		conn = await guard(() => db.connect());
		for (const statement of lockdown(options.memoryLimitMb))
			await guard(() => conn.query(statement));
	} catch (error) {
		worker.terminate();
		throw new Error(`The analysis engine could not start: ${errorText(error)}`, { cause: error });
	}
	onStatus('ready');

	// Reads keep their prepared statement (see StatementCache): a repeated view is one worker
	// round trip a statement (bind and run) instead of three (prepare, run, close).
	const statements = new StatementCache<duckdb.AsyncPreparedStatement>({
		prepare: (text) => conn.prepare(text),
		close: (prepared) => prepared.close()
	});

	return {
		catalog: {},
		get dead() {
			return dead || closed;
		},
		threads: threaded ? threadCount() : 1,
		query<T extends Row = Row>(statement: Sql): Promise<T[]> {
			return guard(async () => {
				const kept = isKept(statement);
				// Every read is kept prepared: a view's statements bind nothing (they read their
				// values from a table) and run again on every click. A kept statement is sent with its
				// placeholders typed as its values. A write that keeps plans (a view's values,
				// `keepsPlans`) is kept the same way and closes nothing.
				if (kept) {
					const typed = typedParams(statement);
					return statements.run(typed.text, async (prepared) =>
						arrowToRows<T>(await prepared.query(...typed.params))
					);
				}
				await statements.clear();
				if (statement.params.length === 0) return arrowToRows<T>(await conn.query(statement.text));
				const prepared = await conn.prepare(statement.text);
				try {
					return arrowToRows<T>(await prepared.query(...statement.params));
				} finally {
					await prepared.close();
				}
			});
		},
		async prepare(statement: Sql): Promise<void> {
			if (!isKept(statement)) return;
			// Not counted by the crash hook: the fault tests stop the engine at the n-th call of a load.
			await guard(() => statements.prepare(typedParams(statement).text), false).catch(() => {});
		},
		registerFile(name: string, source: FileSource): Promise<string> {
			const path = inputPath(name);
			return guard(async () => {
				// A plan reading a registered file was made for the file it saw.
				await statements.clear();
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
				await statements.clear();
				await db.dropFile(path);
			});
		},
		async close(): Promise<void> {
			if (closed) return;
			if (!dead) {
				await guard(() => statements.clear()).catch(() => {});
				await guard(() => conn.close()).catch(() => {});
				worker.removeEventListener('error', onWorkerError);
				worker.removeEventListener('messageerror', onWorkerError);
				await db.terminate();
			}
			closed = true;
		}
	};
}
