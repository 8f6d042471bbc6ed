import type { BootStatus, BrowserDb } from '../db/browser';
import type { MessageKey } from '../i18n/messages';
import { logStatements } from '../db/statement-log';
import { engineMemoryLimitMb } from '../engine/memory-budget';
import { threadsWanted } from '../engine/threads';
import { markStatement, timed } from '../engine/timing';
import { errorMessage } from './error-message';

export type EngineState = 'idle' | 'starting' | 'ready' | 'failed';

/** What the engine is doing, for the page to say: a catalogue text, or the error it failed with. */
export type EngineStatus =
	{ key: MessageKey; vars?: Record<string, string | number> } | { error: string };

const BOOT: Record<BootStatus, MessageKey> = {
	loading: 'engine.loading',
	slow: 'engine.slow',
	ready: 'engine.ready'
};

/** What the engine tells the page around it. */
export interface SessionCallbacks {
	/** The engine stopped (often: out of memory); what it held is gone. */
	onCrash: () => void;
	/** The engine could not start when warmed up. */
	onError: (message: string) => void;
}

/**
 * The analysis engine (DuckDB-WASM in a worker): started on first use or by `warmUp`, restarted
 * on request; a crash is passed on to `onCrash` and the next use starts a new one.
 */
export class EngineSession {
	#status = $state.raw<EngineStatus>({ key: 'engine.idle' });
	#state = $state<EngineState>('idle');
	#threads = $state(1);
	#db: Promise<BrowserDb> | null = null;
	readonly #on: SessionCallbacks;

	constructor(callbacks: SessionCallbacks) {
		this.#on = callbacks;
	}

	/** What the engine is doing. */
	get status(): EngineStatus {
		return this.#status;
	}

	/** `starting`, `ready` or `failed`: a marker for the page and its tests. */
	get state(): EngineState {
		return this.#state;
	}

	/** DuckDB's threads in the running engine (1 unless the threaded build runs). */
	get threads(): number {
		return this.#threads;
	}

	/** The engine started or starting; null when none runs. */
	get running(): Promise<BrowserDb> | null {
		return this.#db;
	}

	/** The engine, started when none runs. */
	db(): Promise<BrowserDb> {
		if (!this.#db) {
			this.#status = { key: 'engine.starting' };
			this.#state = 'starting';
			// The engine's code (DuckDB-WASM's bindings, apache-arrow) is its own chunk, fetched
			// here: the page's first download stays small.
			const started = timed('engine start', async () =>
				(await import('../db/browser')).startBrowserDb({
					memoryLimitMb: engineMemoryLimitMb(),
					threads: threadsWanted(),
					onStatus: (status, percent) =>
						(this.#status =
							percent === undefined
								? { key: BOOT[status] }
								: { key: 'engine.loading-percent', vars: { percent } }),
					onCrash: () => {
						this.#db = null;
						this.#state = 'failed';
						this.#status = { key: 'engine.stopped' };
						this.#on.onCrash();
					}
				})
			);
			this.#db = started.then((db) => {
				this.#status = { key: 'engine.ready' };
				this.#state = 'ready';
				this.#threads = db.threads;
				return logStatements(db, markStatement);
			});
			this.#db.catch((e: unknown) => {
				this.#db = null;
				this.#state = 'failed';
				this.#status = { error: errorMessage(e) };
			});
		}
		return this.#db;
	}

	/** Start the engine before any file comes (the page calls this once it has painted). */
	warmUp(): void {
		this.db().catch((e: unknown) => this.#on.onError(errorMessage(e)));
	}

	/** Close the engine and start a new one (everything read is gone with it). */
	async restart(): Promise<void> {
		const old = this.#db;
		this.#db = null;
		await old?.then((db) => db.close()).catch(() => {});
		this.warmUp();
	}
}
