import type { InputFile } from '../ingest/raw-table';
import type { LoadQueue } from './load-queue.svelte';
import {
	fileBytes,
	forgetSaved,
	loadSaved,
	saveFiles,
	saveSettings,
	storageError,
	type SavedData,
	type SavedSettings
} from './saved-files';

/**
 * Dropped files kept in this browser: stored after a successful load, with the settings they are
 * read with; reopened on the next visit; forgotten on request. Demo data and hosted files are not
 * kept (they come back from their URL).
 */
export class KeptFiles {
	#active = $state(false);
	#status = $state<'kept' | 'forgotten' | null>(null);
	#failure = $state<string | null>(null);
	#restoring = $state<'idle' | 'restoring' | 'none' | 'restored'>('idle');

	#loadQueue: LoadQueue;
	#storedInputs: readonly InputFile[] | null = null;
	#idb: () => IDBFactory | undefined;
	/** Bumped by forget(): a save begun before it must not write after it. */
	#generation = 0;
	/** Storage writes one after another, so a forget lands after a save already writing. */
	#queue: Promise<unknown> = Promise.resolve();

	#serial<T>(work: () => Promise<T>): Promise<T> {
		const run = this.#queue.then(work);
		this.#queue = run.catch(() => {});
		return run;
	}

	constructor(dash: LoadQueue, idb: () => IDBFactory | undefined = () => globalThis.indexedDB) {
		this.#loadQueue = dash;
		this.#idb = idb;
	}

	/** The data on screen was dropped by the user, so it is kept. */
	get active(): boolean {
		return this.#active;
	}
	/** `kept` or `forgotten`; null before anything happened. */
	get status(): 'kept' | 'forgotten' | null {
		return this.#status;
	}
	/** Why the browser's storage failed, if it did. */
	get failure(): string | null {
		return this.#failure;
	}
	/** The start-up look for kept files: a marker for the page and its tests. */
	get restoring(): 'idle' | 'restoring' | 'none' | 'restored' {
		return this.#restoring;
	}

	/** Reopen the kept files, if any; true when there were some. */
	async restore(): Promise<boolean> {
		const opened = await this.#reopen(
			() => true,
			async (inputs, saved) => {
				await this.#loadQueue.load(inputs, saved.config, {
					encodings: saved.encodings,
					crm: saved.crmChoice,
					dateOrder: saved.dateOrder,
					roles: saved.roles
				});
				return true;
			}
		);
		return opened ?? false;
	}

	/**
	 * The kept files, when they are all the files a link names (a reload of a dropped-file view):
	 * handed back to be opened with the link's view. Null when some are not kept.
	 */
	filesFor(names: readonly string[]): Promise<InputFile[] | null> {
		return this.#reopen(
			(inputs) => names.length > 0 && names.every((n) => inputs.some((f) => f.name === n)),
			async (inputs) => inputs
		);
	}

	/**
	 * Look the kept files up; when `wanted` takes them and no files were dropped meanwhile, they
	 * are on screen from now on and `open` gets them. Null when they were not reopened.
	 */
	async #reopen<T>(
		wanted: (inputs: InputFile[]) => boolean,
		open: (inputs: InputFile[], saved: SavedData) => Promise<T>
	): Promise<T | null> {
		const idb = this.#idb();
		this.#restoring = 'restoring';
		const loads = this.#loadQueue.loads;
		try {
			const saved = idb ? await loadSaved(idb) : null;
			const inputs = saved?.files.map((f) => ({ name: f.name, source: f.bytes })) ?? [];
			// Files dropped while the kept ones were looked up win: they are what the user wants.
			if (!saved || !wanted(inputs) || this.#loadQueue.loads !== loads) {
				this.#restoring = 'none';
				return null;
			}
			this.#active = true;
			this.#storedInputs = inputs;
			const opened = await open(inputs, saved);
			this.#restoring = 'restored';
			return opened;
		} catch (e) {
			this.#failure = storageError(e);
			this.#restoring = 'none';
			return null;
		}
	}

	/** The files on screen were dropped: keep them (from now on, with every settings change). */
	keep(): void {
		this.#active = true;
		this.#status = null;
	}

	/** Data from elsewhere (demo, a link) replaced the dropped files on screen. */
	release(): void {
		this.#active = false;
	}

	/** Store what is on screen: the files when they changed, the settings always. */
	async save(settings: SavedSettings): Promise<void> {
		const idb = this.#idb();
		if (!idb || !this.#active) return;
		const inputs = this.#loadQueue.inputs;
		const generation = this.#generation;
		try {
			const files =
				inputs !== this.#storedInputs
					? await Promise.all(
							inputs.map(async (f) => ({ name: f.name, bytes: await fileBytes(f.source) }))
						)
					: null;
			await this.#serial(async () => {
				// Forgotten while the bytes were read: Forget wins, nothing is written.
				if (generation !== this.#generation || !this.#active) return;
				if (files) {
					await saveFiles(files, settings, idb);
					this.#storedInputs = inputs;
				} else await saveSettings(settings, idb);
				this.#status = 'kept';
				this.#failure = null;
			});
		} catch (e) {
			this.#failure = storageError(e);
		}
	}

	async forget(): Promise<void> {
		const idb = this.#idb();
		this.#generation++;
		this.#active = false;
		this.#storedInputs = null;
		if (!idb) return;
		try {
			await this.#serial(() => forgetSaved(idb));
			this.#status = 'forgotten';
			this.#failure = null;
		} catch (e) {
			this.#failure = storageError(e);
		}
	}
}
