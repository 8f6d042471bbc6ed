import type { BootStatus, BrowserDb } from '../db/browser';
import type { MessageKey } from '../i18n/messages';
import { logStatements } from '../db/statement-log';
import { engineMemoryLimitMb } from '../engine/memory-budget';
import { threadsWanted } from '../engine/threads';
import { markStatement, timed } from '../engine/timing';
import type { Db } from '../db/types';
import { errorMessage } from './error-message';
import { stoppable } from './stoppable-db';

export type EngineState = 'idle' | 'starting' | 'ready' | 'failed';

/** The rehearsal load (`rehearse`): not run, running, or over (done or stopped). */
export type RehearsalState = 'idle' | 'running' | 'over';

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
	#rehearsal: Promise<void> | null = null;
	#rehearsalState = $state<RehearsalState>('idle');
	/** A load has come: no rehearsal from now on, and the one running stops. */
	#quiet = false;
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

	/** The rehearsal load: a marker for the page and its tests. */
	get rehearsal(): RehearsalState {
		return this.#rehearsalState;
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

	/**
	 * Run `run` (a small load and view: `engine/rehearsal.ts`) on the engine while the page waits
	 * for a file, so that the first real load does not pay for the engine's first run of its code.
	 * Not when a load has come already; stopped at its next statement by `quiet`. Nothing of it is
	 * shown: its failure is nobody's to report (a real load reports its own).
	 */
	rehearse(run: (db: Db) => Promise<void>): void {
		const engine = this.#db;
		if (this.#quiet || this.#rehearsal || !engine) return;
		this.#rehearsalState = 'running';
		this.#rehearsal = (async () => {
			try {
				await run(stoppable(await engine, () => !this.#quiet));
			} catch {
				// Stopped by a load, or failed: either way the load that comes runs as it would.
			} finally {
				this.#rehearsalState = 'over';
			}
		})();
	}

	/** A load comes: the rehearsal stops (at its next statement) and is waited for; none later. */
	async quiet(): Promise<void> {
		this.#quiet = true;
		await this.#rehearsal;
	}

	/** Close the engine and start a new one (everything read is gone with it). */
	async restart(): Promise<void> {
		const old = this.#db;
		this.#db = null;
		await old?.then((db) => db.close()).catch(() => {});
		this.warmUp();
	}
}
