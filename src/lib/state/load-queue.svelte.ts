import type { BrowserDb } from '../db/browser';
import type { Dataset } from '../engine/dataset';
import type { ReadFiles } from '../engine/load';
import type { LoadStep, LoadStepDetail } from '../engine/load-options';
import type { RoleChoice } from '../engine/recognise';
import { browserMemoryBudget, tooLarge } from '../engine/memory-budget';
import { isOutOfMemory } from '../engine/out-of-memory';
import { timed } from '../engine/timing';
import type { Encoding } from '../ingest/decode';
import { quickPreview, type QuickPreview } from '../ingest/quick-preview';
import type { InputFile } from '../ingest/raw-table';
import type { Config, DateOrder, Dimension } from '../model/config';
import type { DimensionValue } from '../metrics/dimensions';
import type { StageLabel } from '../metrics/stage-labels';
import type { DashboardView, ViewChoice } from './dashboard-view.svelte';
import type { EngineSession } from './engine-session.svelte';
import { engineCode } from './engine-code';
import { errorMessage, type ShownError } from './error-message';
import { Latest } from './latest';
import { stoppable } from './stoppable-db';
import { viewOfDataset, viewOfPreviews, viewOfRead, type EditorView } from './mapping-view';

/** Where the load under way is, for the progress bar. */
export interface LoadProgress {
	/** `start`: the engine is starting. */
	step: LoadStep | 'start';
	/** The file being read. */
	file?: string;
	done: number;
	total: number;
	/** Rows read so far (known once a file is read). */
	rows?: number;
	/** Seconds the steps left would take at the pace of those done; null until one is done. */
	secondsLeft: number | null;
	/** Cancel was asked for: the statement under way ends, then the page goes back. */
	cancelling: boolean;
}

type OnProgress = (step: LoadStep, done: number, total: number, detail?: LoadStepDetail) => void;

/** What a load replaces: what Cancel, or a load that fails, puts back on screen. */
interface Before {
	inputs: InputFile[];
	fileNames: string[];
	config: Config;
	crmChoice: Record<string, string>;
	encodings: Record<string, Encoding>;
	dateOrder: DateOrder | undefined;
	roles: Record<string, RoleChoice>;
	read: ReadFiles | null;
	dataset: Dataset | null;
	editor: EditorView | null;
	dimensionValues: Partial<Record<Dimension, DimensionValue[]>>;
	stageLabels: StageLabel[];
	view: ViewChoice;
}

/** The load under way: what it replaces, and whether it has begun replacing the tables. */
interface Running {
	before: Before;
	building: boolean;
	startedAt: number;
}

/** A view to open with the files (a share link's), and how to read them: what `load` resets. */
export interface StartView extends Partial<ViewChoice> {
	crm?: Record<string, string>;
	encodings?: Record<string, Encoding>;
	dateOrder?: DateOrder;
	roles?: Record<string, RoleChoice>;
}

/**
 * The files and the dataset built from them: loads (files dropped, reopened or downloaded) and
 * rebuilds (mapping, stage, encoding, role and date-order edits) run one at a time, so two never
 * mix their tables; a load a later drop superseded stops and shows nothing.
 */
export class LoadQueue {
	#fileNames = $state.raw<string[]>([]);
	#config = $state.raw<Config>({});
	#crmChoice = $state.raw<Record<string, string>>({});
	#encodings = $state.raw<Record<string, Encoding>>({});
	#dateOrder = $state<DateOrder | undefined>(undefined);
	#roles = $state.raw<Record<string, RoleChoice>>({});
	#progress = $state.raw<LoadProgress | null>(null);
	#dataset = $state.raw<Dataset | null>(null);
	#editor = $state.raw<EditorView | null>(null);
	#dimensionValues = $state.raw<Partial<Record<Dimension, DimensionValue[]>>>({});
	#stageLabels = $state.raw<StageLabel[]>([]);
	#canRetry = $state(false);
	#kept = $state.raw<{ reason: 'cancelled' | 'failed'; files: string[] } | null>(null);
	#running: Running | null = null;

	#inputs: InputFile[] = [];
	#read: ReadFiles | null = null;
	#queue: Promise<unknown> = Promise.resolve();
	/** One per drop: a load that a later drop superseded stops and shows nothing. */
	readonly #drops = new Latest();
	/** One per read: a quick preview never replaces what a later step showed. */
	readonly #reads = new Latest();
	readonly #session: EngineSession;
	readonly #view: DashboardView;
	readonly #onUserChange: () => void;
	readonly #onResult: (error: ShownError | null) => void;
	readonly #onProgress: OnProgress = (step, done, total, detail) => {
		const elapsed = this.#running ? (performance.now() - this.#running.startedAt) / 1000 : 0;
		this.#progress = {
			step,
			file: detail?.file,
			rows: detail?.rows,
			done,
			total,
			secondsLeft: done > 0 && done < total ? Math.ceil((elapsed / done) * (total - done)) : null,
			cancelling: this.#progress?.cancelling ?? false
		};
	};

	constructor(
		session: EngineSession,
		view: DashboardView,
		callbacks: {
			/** Called before a change the user made (a share link pushes a history entry). */
			onUserChange: () => void;
			/** A step ended well (null) or failed (its error). */
			onResult: (error: ShownError | null) => void;
		}
	) {
		this.#session = session;
		this.#view = view;
		this.#onUserChange = callbacks.onUserChange;
		this.#onResult = callbacks.onResult;
	}

	/** The files last given to `load` (kept in the browser for the next visit). */
	get inputs(): readonly InputFile[] {
		return this.#inputs;
	}
	/** How many loads were asked for: a start-up restore that sees it change leaves the drop be. */
	get loads(): number {
		return this.#drops.count;
	}
	get fileNames(): string[] {
		return this.#fileNames;
	}
	/** The user's config: mapping and stage edits, or a loaded config file (METRICS.md §5). */
	get config(): Config {
		return this.#config;
	}
	/** The CRM the user picked per file name. */
	get crmChoice(): Record<string, string> {
		return this.#crmChoice;
	}
	/** Text encodings the user chose per file name, over the sniffed ones. */
	get encodings(): Record<string, Encoding> {
		return this.#encodings;
	}
	/** Day/month order the user chose for ambiguous dates (undefined: decide from the data). */
	get dateOrder(): DateOrder | undefined {
		return this.#dateOrder;
	}
	/** Roles the user gave files (by name), over detection; `ignore` sets a file aside. */
	get roles(): Record<string, RoleChoice> {
		return this.#roles;
	}
	/** The step of the load under way; null when none is. */
	get progress(): LoadProgress | null {
		return this.#progress;
	}
	get dataset(): Dataset | null {
		return this.#dataset;
	}
	/**
	 * What the mapping editor shows: a quick preview while loading, the files read when the
	 * dataset could not be built (to fix it there), else the dataset's mapping.
	 */
	get editor(): EditorView | null {
		return this.#editor;
	}
	/** Each dimension's values with their deal counts, for the filter menus. */
	get dimensionValues(): Partial<Record<Dimension, DimensionValue[]>> {
		return this.#dimensionValues;
	}
	/** Stage labels seen in the data, for the stage editor. */
	get stageLabels(): StageLabel[] {
		return this.#stageLabels;
	}
	/**
	 * The page went back to what it showed before a load: it was cancelled, or its files failed
	 * (with `files`, those on screen); null after any other load.
	 */
	get kept(): { reason: 'cancelled' | 'failed'; files: string[] } | null {
		return this.#kept;
	}
	/** The engine stopped with files loaded or loading: `retry` reads them again. */
	get canRetry(): boolean {
		return this.#canRetry;
	}

	/** Run loads and rebuilds one at a time, so two drops never mix their tables. */
	#serial(work: () => Promise<void>): Promise<void> {
		const run = this.#queue.then(work);
		this.#queue = run.catch(() => {});
		return run;
	}

	/** Load files (deals, history, spend, stage lists, told apart by content). */
	load(inputs: InputFile[], config: Config = {}, start: StartView = {}): Promise<void> {
		const current = this.#drops.next();
		return this.#serial(async () => {
			if (!current()) return;
			const before = this.#before();
			this.#inputs = inputs;
			this.#encodings = start.encodings ?? {};
			this.#dateOrder = start.dateOrder;
			this.#crmChoice = start.crm ?? {};
			this.#roles = start.roles ?? {};
			this.#config = config;
			this.#fileNames = inputs.map((f) => f.name);
			this.#view.openWith(start);
			// Say so before reading what would not fit: a tab out of memory dies without a word.
			const sizes = inputs.map((f) => ({ name: f.name, size: sizeOf(f.source) }));
			const refusal = tooLarge(sizes, browserMemoryBudget());
			if (refusal && before.dataset) {
				await this.#goBack(before, false, current);
				this.#kept = { reason: 'failed', files: before.fileNames };
				this.#onResult(refusal);
				return;
			}
			if (refusal) {
				this.#read = null;
				this.#dataset = null;
				this.#view.clear();
				this.#onResult(refusal);
				return;
			}
			await this.#readAndBuild(current, before, true);
		});
	}

	/**
	 * Stop the load under way and go back to what was on screen before it: the dashboard of the
	 * files before (read again when the load had begun replacing their tables), or the empty page.
	 */
	cancel(): Promise<void> {
		const running = this.#running;
		if (!running || !this.#progress) return Promise.resolve();
		// The load's ticket goes stale: it stops at its next statement and shows nothing.
		const current = this.#drops.next();
		this.#progress = { ...this.#progress, cancelling: true };
		// Said now: the load's caller (a drop) sees, as soon as the load stops, that it went back.
		const kept = { reason: 'cancelled' as const, files: running.before.fileNames };
		this.#kept = kept;
		return this.#serial(async () => {
			if (!current()) return;
			await this.#goBack(running.before, running.building, current);
			this.#kept = kept;
		});
	}

	/** What is on screen now, to go back to. */
	#before(): Before {
		return {
			inputs: this.#inputs,
			fileNames: this.#fileNames,
			config: this.#config,
			crmChoice: this.#crmChoice,
			encodings: this.#encodings,
			dateOrder: this.#dateOrder,
			roles: this.#roles,
			read: this.#read,
			dataset: this.#dataset,
			editor: this.#editor,
			dimensionValues: this.#dimensionValues,
			stageLabels: this.#stageLabels,
			view: {
				period: this.#view.period,
				filters: this.#view.filters,
				breakdown: this.#view.breakdown,
				funnelMode: this.#view.funnelMode
			}
		};
	}

	/**
	 * Put `before` back on screen. Its tables are intact until a build begins replacing them
	 * (`replaced`); then its files are read again.
	 */
	async #goBack(before: Before, replaced: boolean, current: () => boolean): Promise<void> {
		this.#inputs = before.inputs;
		this.#fileNames = before.fileNames;
		this.#config = before.config;
		this.#crmChoice = before.crmChoice;
		this.#encodings = before.encodings;
		this.#dateOrder = before.dateOrder;
		this.#roles = before.roles;
		this.#view.openWith(before.view);
		this.#onResult(null);
		if (!before.dataset) {
			this.#read = null;
			this.#dataset = null;
			this.#editor = null;
			this.#view.clear();
			return;
		}
		if (replaced || !this.#session.running) {
			this.#dataset = null;
			await this.#readAndBuild(current);
			return;
		}
		this.#read = before.read;
		this.#dataset = before.dataset;
		this.#editor = before.editor;
		this.#dimensionValues = before.dimensionValues;
		this.#stageLabels = before.stageLabels;
		await this.#view.refresh();
	}

	/** Read the last files again on a new engine (after the engine stopped). */
	retry(): Promise<void> {
		const current = this.#drops.next();
		return this.#serial(async () => {
			if (!current()) return;
			await this.#readAndBuild(current);
		});
	}

	/** The engine stopped: what it held is gone, and the files can be read again. */
	engineStopped(): void {
		this.#read = null;
		this.#dataset = null;
		this.#canRetry = this.#inputs.length > 0;
	}

	/** Read the files again in another text encoding (the sniffed one was wrong). */
	setEncoding(file: string, encoding: Encoding): Promise<void> {
		this.#onUserChange();
		return this.#serial(async () => {
			const before = this.#before();
			this.#encodings = { ...this.#encodings, [file]: encoding };
			await this.#readAndBuild(this.#drops.current(), before);
		});
	}

	/**
	 * Read a file as deals, history or spend although detection did not, or leave it out
	 * (`ignore`); null: as detected.
	 */
	setRole(file: string, role: RoleChoice | null): Promise<void> {
		this.#onUserChange();
		return this.#serial(async () => {
			const before = this.#before();
			const next = { ...this.#roles };
			if (role) next[file] = role;
			else delete next[file];
			this.#roles = next;
			await this.#readAndBuild(this.#drops.current(), before);
		});
	}

	/** Read ambiguous dates month-first or day-first. */
	setDateOrder(order: DateOrder | undefined): Promise<void> {
		this.#onUserChange();
		return this.#rebuild(() => (this.#dateOrder = order));
	}

	/** Apply a new config (a mapping or stage edit, or a config file) to the files already read. */
	setConfig(config: Config): Promise<void> {
		this.#onUserChange();
		return this.#rebuild(() => (this.#config = config));
	}

	/** Use another CRM's reading of a file. */
	chooseCrm(file: string, crm: string): Promise<void> {
		this.#onUserChange();
		return this.#rebuild(() => (this.#crmChoice = { ...this.#crmChoice, [file]: crm }));
	}

	/** Show the first rows of the files (papaparse over their first 64 kB) while DuckDB loads them. */
	async #preview(current: () => boolean): Promise<void> {
		const encodings = this.#encodings;
		const previews = await Promise.all(
			this.#inputs.map((f) => quickPreview(f, encodings[f.name]).catch(() => null))
		);
		if (!current()) return;
		const shown = previews.filter((p): p is QuickPreview => p !== null);
		if (shown.length) this.#editor = viewOfPreviews(shown, this.#config, this.#roles);
	}

	/**
	 * Read the files and build the dataset; `current` goes stale when a later drop comes or the
	 * load is cancelled (Cancel goes back to `before`). New files that fail (`backOnFailure`) go
	 * back to `before` when that showed a dashboard; the files on screen read again with another
	 * encoding or role that fail stay in the mapping editor, to be fixed there.
	 */
	async #readAndBuild(
		current: () => boolean,
		before: Before = this.#before(),
		backOnFailure = false
	): Promise<void> {
		this.#onResult(null);
		this.#kept = null;
		this.#canRetry = false;
		const running: Running = { before, building: false, startedAt: performance.now() };
		this.#running = running;
		this.#view.hideReport();
		this.#read = null;
		this.#editor = null;
		void this.#preview(this.#reads.next());
		this.#progress = {
			step: 'start',
			done: 0,
			total: this.#inputs.length + 3,
			secondsLeft: null,
			cancelling: false
		};
		try {
			// The rehearsal of an engine waiting for its first file stops first: they would write
			// the same tables.
			await this.#session.quiet();
			const db = stoppable(await this.#session.db(), current);
			const { readFiles } = await engineCode();
			const read = await readFiles(db, this.#inputs, {
				config: this.#config,
				encodings: this.#encodings,
				roles: this.#roles,
				blankWhenUnknown: true,
				onProgress: this.#onProgress
			});
			// A later drop is waiting: leave the screen to it.
			if (!current()) return;
			this.#reads.next();
			this.#read = read;
			this.#editor = viewOfRead(read, this.#config, this.#crmChoice, this.#roles);
			running.building = true;
			await this.#build(db, this.#onProgress, current);
		} catch (e) {
			if (!current()) return;
			const engineLost = isOutOfMemory(e) || this.#session.state === 'failed';
			if (backOnFailure && before.dataset && !engineLost) {
				// The files dropped failed: the dashboard before stays, with the error beside it.
				this.#progress = null;
				await this.#goBack(before, running.building, current);
				this.#kept = { reason: 'failed', files: before.fileNames };
				this.#onResult(errorMessage(e));
				return;
			}
			this.#dataset = null;
			this.#view.clear();
			this.#onResult(errorMessage(e));
			// What was read stays in the mapping editor (or the preview, when nothing could be
			// read), so the file can be fixed there rather than dropped again.
			if (this.#read)
				this.#editor = viewOfRead(this.#read, this.#config, this.#crmChoice, this.#roles);
			this.#canRetry = this.#canRetry || this.#session.state === 'failed';
			if (isOutOfMemory(e)) {
				// A fresh engine gets its memory back; the user can retry (after closing tabs).
				this.#canRetry = true;
				this.#read = null;
				await this.#session.restart();
			}
		} finally {
			if (this.#running === running) {
				this.#running = null;
				this.#progress = null;
			}
		}
	}

	#rebuild(change: () => void): Promise<void> {
		return this.#serial(async () => {
			const engine = this.#session.running;
			if (!this.#read || !engine) {
				// Nothing could be read yet (a wrong encoding, say): read again with the edit.
				if (this.#inputs.length === 0) return;
				change();
				await this.#readAndBuild(this.#drops.current());
				return;
			}
			const previous = { config: this.#config, crmChoice: this.#crmChoice, read: this.#read };
			change();
			// Recognised again under the new config, as reading the files with it would (a config
			// loaded here and one dropped with the files give the same numbers); read again when
			// that needs the files themselves.
			const { redetect } = await engineCode();
			const again = redetect(this.#read, this.#config, this.#roles, true);
			if (!again) {
				await this.#readAndBuild(this.#drops.current());
				return;
			}
			this.#read = again;
			try {
				await this.#build(await engine);
			} catch (e) {
				this.#onResult(errorMessage(e));
				if (this.#dataset) {
					// Keep the last good dataset on screen; say what the edit broke.
					this.#config = previous.config;
					this.#crmChoice = previous.crmChoice;
					this.#read = previous.read;
				} else {
					// No dataset yet: the edit is a step of fixing the mapping; keep it.
					this.#editor = viewOfRead(this.#read, this.#config, this.#crmChoice, this.#roles);
				}
			}
		});
	}

	async #build(
		db: BrowserDb,
		onProgress?: OnProgress,
		current: () => boolean = () => true
	): Promise<void> {
		const read = this.#read;
		if (!read) return;
		this.#view.dropPending();
		const { buildDataset, facets } = await engineCode();
		const dataset = await timed('build', () =>
			buildDataset(db, read, {
				config: this.#config,
				crm: this.#crmChoice,
				dateOrder: this.#dateOrder,
				onProgress
			})
		);
		const found = await facets(db);
		if (!current()) return;
		this.#stageLabels = found.stageLabels;
		this.#dataset = dataset;
		this.#editor = viewOfDataset(dataset, read.setAside, this.#roles);
		this.#dimensionValues = found.dimensionValues;
		this.#progress = null;
		this.#onResult(null);
		await this.#view.refresh();
	}
}

function sizeOf(source: InputFile['source']): number {
	if (typeof source === 'string') return source.length;
	return source instanceof Uint8Array ? source.length : source.size;
}
