import type { BrowserDb } from '../db/browser';
import { logStatements } from '../db/statement-log';
import type { Dataset } from '../engine/dataset';
import { buildDataset, readFiles, type ReadFiles } from '../engine/load';
import {
	dashboardParts,
	settled,
	type Dashboard as DashboardData,
	type DashboardParts
} from '../engine/dashboard';
import { browserMemoryBudget, engineMemoryLimitMb, tooLarge } from '../engine/memory-budget';
import { isOutOfMemory, outOfMemoryMessage } from '../engine/out-of-memory';
import { threadsWanted } from '../engine/threads';
import { markStatement, timed } from '../engine/timing';
import type { InputFile } from '../ingest/raw-table';
import { DIMENSIONS, type Config, type DateOrder, type Dimension } from '../model/config';
import type { Encoding } from '../ingest/decode';
import type { Filters, Period } from '../model/filters';
import { dimensionValuesQuery, type DimensionValue } from '../metrics/dimensions';
import type { Report } from '../metrics/report';
import type { FunnelMode } from '../metrics/snapshot-funnel';
import { stageLabelsQuery, type StageLabel } from '../metrics/stage-labels';
import type { FileRole } from '../model/mapping';
import { quickPreview, type QuickPreview } from '../ingest/quick-preview';
import { viewOfDataset, viewOfPreviews, viewOfRead, type EditorView } from './mapping-view';
import { ViewCache } from './view-cache';

export interface LoadProgress {
	step: string;
	done: number;
	total: number;
}

type OnProgress = (step: string, done: number, total: number) => void;

/** A view to open with the files (a share link's): what `load` would otherwise reset. */
export interface StartView {
	period?: Period | null;
	filters?: Filters;
	breakdown?: Dimension;
	funnelMode?: FunnelMode;
	crm?: Record<string, string>;
	encodings?: Record<string, Encoding>;
	dateOrder?: DateOrder;
	roles?: Record<string, FileRole>;
}

/**
 * The dashboard's state: the engine, the files read, the config (mapping and stage edits), the
 * dataset built from them, the view (period, filters) and its report. Loads and rebuilds are
 * serialised; a report for an older view never overwrites a newer one.
 */
export class Dashboard {
	engineStatus = $state('Not started');
	/** `starting`, `ready` or `failed`: a marker for the page and its tests. */
	engineState = $state<'idle' | 'starting' | 'ready' | 'failed'>('idle');
	/** DuckDB's threads in the running engine (1 unless the threaded build runs). */
	engineThreads = $state(1);
	progress = $state.raw<LoadProgress | null>(null);
	error = $state<string | null>(null);
	dataset = $state.raw<Dataset | null>(null);
	fileNames = $state.raw<string[]>([]);
	/** The user's config: mapping and stage edits, or a loaded config file (METRICS.md §5). */
	config = $state.raw<Config>({});
	/** The CRM the user picked per file name. */
	crmChoice = $state.raw<Record<string, string>>({});
	/** Text encodings the user chose per file name, over the sniffed ones. */
	encodings = $state.raw<Record<string, Encoding>>({});
	/** Day/month order the user chose for ambiguous dates (undefined: decide from the data). */
	dateOrder = $state<DateOrder | undefined>(undefined);
	report = $state.raw<Report | null>(null);
	/** Every view of the dashboard for the current period and filters, once all are computed. */
	data = $state.raw<DashboardData | null>(null);
	/**
	 * What the panels draw: each panel's latest result, filled in as the statements of a view end
	 * (a panel of the view before stays until its new result arrives); `pending` names the panels
	 * whose result for the current view is still on its way.
	 */
	shown = $state.raw<Partial<DashboardData> | null>(null);
	pending = $state.raw<readonly (keyof DashboardData)[]>([]);
	breakdown = $state<Dimension>('owner');
	funnelMode = $state<FunnelMode>('cohort');
	/** The view (period and filters) the shown report was computed for. */
	reportView = $state('');
	period = $state.raw<Period | null>(null);
	filters = $state.raw<Filters>({});
	dimensionValues = $state.raw<Partial<Record<Dimension, DimensionValue[]>>>({});
	/** Stage labels seen in the data, for the stage editor. */
	stageLabels = $state.raw<StageLabel[]>([]);
	/**
	 * What the mapping editor shows: a quick preview while loading, the files read when the
	 * dataset could not be built (to fix it there), else the dataset's mapping.
	 */
	editor = $state.raw<EditorView | null>(null);
	/** Roles the user gave files (by name), over detection. */
	roles = $state.raw<Record<string, FileRole>>({});
	computing = $state(false);

	#db: Promise<BrowserDb> | null = null;
	#read: ReadFiles | null = null;
	#inputs: InputFile[] = [];
	#onProgress: OnProgress = (step, done, total) => (this.progress = { step, done, total });
	#queue: Promise<unknown> = Promise.resolve();
	#request = 0;
	/** The views of each dataset computed lately, shown again without querying. */
	#views = new WeakMap<Dataset, ViewCache<DashboardData>>();
	/** Counts reads, so a quick preview never replaces what a later step showed. */
	#reading = 0;
	/** Bumped by every drop: a load that a later drop superseded stops and shows nothing. */
	#loadSeq = 0;
	/** The engine stopped with files loaded or loading: `retry` reads them again. */
	canRetry = $state(false);
	/** Called before a change the user made to the view (a share link pushes a history entry). */
	onUserChange: () => void = () => {};

	/** Ready: a report for the current view is on screen. */
	readonly ready = $derived(this.report !== null && !this.computing && this.progress === null);

	#engine(): Promise<BrowserDb> {
		if (!this.#db) {
			this.engineStatus = 'Starting the analysis engine…';
			this.engineState = 'starting';
			// The engine's code (DuckDB-WASM's bindings, apache-arrow) is its own chunk, fetched
			// here: the page's first download stays small.
			const started = timed('engine start', async () =>
				(await import('../db/browser')).startBrowserDb({
					memoryLimitMb: engineMemoryLimitMb(),
					threads: threadsWanted(),
					onStatus: (m) => (this.engineStatus = m),
					onCrash: () => {
						this.#db = null;
						this.#read = null;
						this.canRetry = this.#inputs.length > 0;
						this.engineState = 'failed';
						this.engineStatus = 'The analysis engine stopped; it restarts on the next action';
						this.error =
							'The analysis engine stopped unexpectedly (often: out of memory). It restarts when you retry or drop the files again.';
						this.report = null;
						this.data = null;
						this.shown = null;
						this.pending = [];
						this.dataset = null;
					}
				})
			);
			this.#db = started.then((db) => {
				this.engineStatus = 'Ready';
				this.engineState = 'ready';
				this.engineThreads = db.threads;
				return logStatements(db, markStatement);
			});
			this.#db.catch((e: unknown) => {
				this.#db = null;
				this.engineState = 'failed';
				this.engineStatus = message(e);
			});
		}
		return this.#db;
	}

	/** Close the engine and start a new one (everything read is gone with it). */
	async #restartEngine(): Promise<void> {
		const old = this.#db;
		this.#db = null;
		this.#read = null;
		await old?.then((db) => db.close()).catch(() => {});
		this.warmUp();
	}

	/** Start the engine before any file comes (the page calls this once it has painted). */
	warmUp(): void {
		this.#engine().catch((e: unknown) => (this.error = message(e)));
	}

	/** Run loads and rebuilds one at a time, so two drops never mix their tables. */
	#serial(work: () => Promise<void>): Promise<void> {
		const run = this.#queue.then(work);
		this.#queue = run.catch(() => {});
		return run;
	}

	/** How many loads were asked for: a start-up restore that sees it change leaves the drop be. */
	get loads(): number {
		return this.#loadSeq;
	}

	/** The files last given to `load` (kept in the browser for the next visit). */
	get inputs(): readonly InputFile[] {
		return this.#inputs;
	}

	/** Load files (deals, history, spend, stage lists, told apart by content). */
	load(inputs: InputFile[], config: Config = {}, start: StartView = {}): Promise<void> {
		const seq = ++this.#loadSeq;
		return this.#serial(async () => {
			if (seq !== this.#loadSeq) return;
			this.#inputs = inputs;
			this.encodings = start.encodings ?? {};
			this.dateOrder = start.dateOrder;
			this.crmChoice = start.crm ?? {};
			this.roles = start.roles ?? {};
			this.config = config;
			this.fileNames = inputs.map((f) => f.name);
			this.period = start.period ?? null;
			this.filters = start.filters ?? {};
			if (start.breakdown) this.breakdown = start.breakdown;
			if (start.funnelMode) this.funnelMode = start.funnelMode;
			// Say so before reading what would not fit: a tab out of memory dies without a word.
			const sizes = inputs.map((f) => ({ name: f.name, size: sizeOf(f.source) }));
			const refusal = tooLarge(sizes, browserMemoryBudget());
			if (refusal) {
				this.#read = null;
				this.dataset = null;
				this.data = null;
				this.shown = null;
				this.pending = [];
				this.report = null;
				this.error = refusal;
				return;
			}
			await this.#readAndBuild();
		});
	}

	/** Read the last files again on a new engine (after the engine stopped). */
	retry(): Promise<void> {
		const seq = ++this.#loadSeq;
		return this.#serial(async () => {
			if (seq !== this.#loadSeq) return;
			await this.#readAndBuild();
		});
	}

	/** Read the files again in another text encoding (the sniffed one was wrong). */
	setEncoding(file: string, encoding: Encoding): Promise<void> {
		this.onUserChange();
		return this.#serial(async () => {
			this.encodings = { ...this.encodings, [file]: encoding };
			await this.#readAndBuild();
		});
	}

	/** Read a file as deals, history or spend although detection did not (null: as detected). */
	setRole(file: string, role: FileRole | null): Promise<void> {
		return this.#serial(async () => {
			const next = { ...this.roles };
			if (role) next[file] = role;
			else delete next[file];
			this.roles = next;
			await this.#readAndBuild();
		});
	}

	/** Show the first rows of the files (papaparse over their first 64 kB) while DuckDB loads them. */
	async #preview(reading: number): Promise<void> {
		const encodings = this.encodings;
		const previews = await Promise.all(
			this.#inputs.map((f) => quickPreview(f, encodings[f.name]).catch(() => null))
		);
		if (reading !== this.#reading) return;
		const shown = previews.filter((p): p is QuickPreview => p !== null);
		if (shown.length) this.editor = viewOfPreviews(shown, this.config);
	}

	/** Read ambiguous dates month-first or day-first. */
	setDateOrder(order: DateOrder | undefined): Promise<void> {
		this.onUserChange();
		return this.#rebuild(() => (this.dateOrder = order));
	}

	async #readAndBuild(): Promise<void> {
		const seq = this.#loadSeq;
		const superseded = () => seq !== this.#loadSeq;
		this.error = null;
		this.canRetry = false;
		this.report = null;
		this.#read = null;
		this.editor = null;
		const reading = ++this.#reading;
		void this.#preview(reading);
		this.progress = {
			step: 'Starting the analysis engine',
			done: 0,
			total: this.#inputs.length + 3
		};
		try {
			const db = await this.#engine();
			const read = await readFiles(db, this.#inputs, {
				config: this.config,
				encodings: this.encodings,
				roles: this.roles,
				blankWhenUnknown: true,
				onProgress: this.#onProgress
			});
			// A later drop is waiting: leave the screen to it.
			if (superseded()) return;
			this.#reading++;
			this.#read = read;
			this.editor = viewOfRead(read, this.config, this.crmChoice);
			await this.#build(db, this.#onProgress, superseded);
		} catch (e) {
			if (superseded()) return;
			this.dataset = null;
			this.data = null;
			this.shown = null;
			this.pending = [];
			this.error = message(e);
			// What was read stays in the mapping editor (or the preview, when nothing could be
			// read), so the file can be fixed there rather than dropped again.
			if (this.#read) this.editor = viewOfRead(this.#read, this.config, this.crmChoice);
			this.canRetry = this.canRetry || this.engineState === 'failed';
			if (isOutOfMemory(e)) {
				// A fresh engine gets its memory back; the user can retry (after closing tabs).
				this.canRetry = true;
				await this.#restartEngine();
			}
		} finally {
			this.progress = null;
		}
	}

	/** Apply a new config (a mapping or stage edit, or a config file) to the files already read. */
	setConfig(config: Config): Promise<void> {
		this.onUserChange();
		return this.#rebuild(() => (this.config = config));
	}

	/** Use another CRM's reading of a file. */
	chooseCrm(file: string, crm: string): Promise<void> {
		this.onUserChange();
		return this.#rebuild(() => (this.crmChoice = { ...this.crmChoice, [file]: crm }));
	}

	#rebuild(change: () => void): Promise<void> {
		return this.#serial(async () => {
			if (!this.#read || !this.#db) {
				// Nothing could be read yet (a wrong encoding, say): read again with the edit.
				if (this.#inputs.length === 0) return;
				change();
				await this.#readAndBuild();
				return;
			}
			const previous = { config: this.config, crmChoice: this.crmChoice };
			change();
			try {
				await this.#build(await this.#db);
			} catch (e) {
				this.error = message(e);
				if (this.dataset) {
					// Keep the last good dataset on screen; say what the edit broke.
					this.config = previous.config;
					this.crmChoice = previous.crmChoice;
				} else {
					// No dataset yet: the edit is a step of fixing the mapping; keep it.
					this.editor = viewOfRead(this.#read, this.config, this.crmChoice);
				}
			}
		});
	}

	async #build(
		db: BrowserDb,
		onProgress?: OnProgress,
		superseded: () => boolean = () => false
	): Promise<void> {
		if (!this.#read) return;
		// A report computed while tables are rebuilt is stale: drop it.
		this.#request++;
		const dataset = await timed('build', () =>
			buildDataset(db, this.#read!, {
				config: this.config,
				crm: this.crmChoice,
				dateOrder: this.dateOrder,
				onProgress
			})
		);
		const values: Partial<Record<Dimension, DimensionValue[]>> = {};
		for (const dim of DIMENSIONS) {
			values[dim] = await db.query<DimensionValue & Record<string, string | number>>(
				dimensionValuesQuery(dim)
			);
		}
		const labels = await db.query<StageLabel & Record<string, string | number>>(stageLabelsQuery);
		if (superseded()) return;
		this.stageLabels = labels;
		this.dataset = dataset;
		this.editor = viewOfDataset(dataset);
		this.dimensionValues = values;
		this.progress = null;
		this.error = null;
		await this.refresh();
	}

	setPeriod(period: Period | null): void {
		this.onUserChange();
		this.period = period;
		void this.refresh();
	}

	setFilter(dimension: Dimension, values: string[]): void {
		this.onUserChange();
		const next = { ...this.filters };
		if (values.length === 0) delete next[dimension];
		else next[dimension] = values;
		this.filters = next;
		void this.refresh();
	}

	setBreakdown(dimension: Dimension): void {
		this.onUserChange();
		this.breakdown = dimension;
		void this.refresh();
	}

	setFunnelMode(mode: FunnelMode): void {
		this.onUserChange();
		this.funnelMode = mode;
		void this.refresh();
	}

	/** Show another view of the same data (back/forward through share links): one refresh. */
	setView(
		view: Required<Pick<StartView, 'period' | 'filters' | 'breakdown' | 'funnelMode'>>
	): void {
		this.period = view.period;
		this.filters = view.filters;
		this.breakdown = view.breakdown;
		this.funnelMode = view.funnelMode;
		void this.refresh();
	}

	/** Recompute the report for the current view; an older request's result is dropped. */
	async refresh(): Promise<void> {
		const dataset = this.dataset;
		if (!dataset || !this.#db) return;
		const request = ++this.#request;
		const asked = {
			period: this.period,
			filters: this.filters,
			breakdown: this.breakdown,
			funnelMode: this.funnelMode
		};
		const view = viewKey(asked.period, asked.filters);
		const key = `${view}|${asked.breakdown}|${asked.funnelMode}`;
		let views = this.#views.get(dataset);
		if (!views) this.#views.set(dataset, (views = new ViewCache()));
		this.computing = true;
		try {
			const db = await this.#db;
			let data = views.get(key);
			if (!data) {
				const parts = dashboardParts(db, dataset, asked);
				this.#show(request, parts);
				data = await timed('dashboard', () => settled(parts));
				views.set(key, data);
			}
			if (request !== this.#request) return;
			this.data = data;
			this.shown = data;
			this.pending = [];
			this.report = data.report;
			this.reportView = view;
			this.error = null;
		} catch (e) {
			if (request === this.#request) this.error = message(e);
		} finally {
			if (request === this.#request) this.computing = false;
		}
	}

	/** Draw each panel of request `request` as its result arrives (unless a newer one was asked). */
	#show(request: number, parts: DashboardParts): void {
		const keys = Object.keys(parts) as (keyof DashboardData)[];
		// Another dataset's panels are not this one's: start empty then.
		if (this.data === null) this.shown = {};
		this.pending = keys;
		for (const key of keys) {
			void Promise.resolve(parts[key]).then(
				(value) => {
					if (request !== this.#request) return;
					this.shown = { ...this.shown, [key]: value };
					this.pending = this.pending.filter((k) => k !== key);
					if (key === 'report') this.report = value as Report;
				},
				// The failure is reported by `refresh` (the whole view fails).
				() => {}
			);
		}
	}
}

/** A stable text key of a view, for the page's ready marker. */
export function viewKey(period: Period | null, filters: Filters): string {
	const parts = Object.entries(filters)
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([dim, values]) => `${dim}=${[...(values ?? [])].sort().join('|')}`);
	return [period ? `${period.from}..${period.to}` : 'all', ...parts].join(';');
}

function sizeOf(source: InputFile['source']): number {
	if (typeof source === 'string') return source.length;
	return source instanceof Uint8Array ? source.length : source.size;
}

/** One line, never a wall of text (a huge field or header quoted by an engine error). */
function message(e: unknown): string {
	const outOfMemory = outOfMemoryMessage(e);
	if (outOfMemory) return outOfMemory;
	const text = (e instanceof Error ? e.message : String(e)).split('\n')[0];
	return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
