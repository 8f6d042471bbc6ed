import { startBrowserDb, type BrowserDb } from '../db/browser';
import type { Dataset } from '../engine/dataset';
import { loadDataset } from '../engine/load';
import { runReport } from '../engine/report';
import type { InputFile } from '../ingest/raw-table';
import { DIMENSIONS, type Config, type Dimension } from '../model/config';
import type { Filters, Period } from '../model/filters';
import { dimensionValuesQuery, type DimensionValue } from '../metrics/dimensions';
import type { Report } from '../metrics/report';

export interface LoadProgress {
	step: string;
	done: number;
	total: number;
}

/**
 * The dashboard's state: the engine, the loaded dataset, the view (period, filters) and its
 * report. Loads are serialised; a report for an older view never overwrites a newer one.
 */
export class Dashboard {
	engineStatus = $state('Not started');
	/** `starting`, `ready` or `failed`: a marker for the page and its tests. */
	engineState = $state<'idle' | 'starting' | 'ready' | 'failed'>('idle');
	progress = $state.raw<LoadProgress | null>(null);
	error = $state<string | null>(null);
	dataset = $state.raw<Dataset | null>(null);
	fileNames = $state.raw<string[]>([]);
	report = $state.raw<Report | null>(null);
	/** The view (period and filters) the shown report was computed for. */
	reportView = $state('');
	period = $state.raw<Period | null>(null);
	filters = $state.raw<Filters>({});
	dimensionValues = $state.raw<Partial<Record<Dimension, DimensionValue[]>>>({});
	computing = $state(false);

	#db: Promise<BrowserDb> | null = null;
	#loads: Promise<unknown> = Promise.resolve();
	#request = 0;

	/** Ready: a report for the current view is on screen. */
	readonly ready = $derived(this.report !== null && !this.computing && this.progress === null);

	#engine(): Promise<BrowserDb> {
		if (!this.#db) {
			this.engineStatus = 'Starting the analysis engine…';
			this.engineState = 'starting';
			const started = startBrowserDb({
				onStatus: (m) => (this.engineStatus = m),
				onCrash: () => {
					this.#db = null;
					this.engineState = 'failed';
					this.engineStatus = 'The analysis engine stopped; it restarts on the next action';
					this.error =
						'The analysis engine stopped unexpectedly (often: out of memory). Drop the files again to retry.';
					this.report = null;
					this.dataset = null;
				}
			});
			this.#db = started.then((db) => {
				this.engineStatus = 'Ready';
				this.engineState = 'ready';
				return db;
			});
			this.#db.catch((e: unknown) => {
				this.#db = null;
				this.engineState = 'failed';
				this.engineStatus = message(e);
			});
		}
		return this.#db;
	}

	/** Start the engine early (the wasm downloads while the user picks a file). */
	warmUp(): void {
		this.#engine().catch((e: unknown) => (this.error = message(e)));
	}

	/** Load files (deals, history, spend, told apart by content); one load at a time. */
	load(inputs: InputFile[], config: Config = {}): Promise<void> {
		const run = this.#loads.then(() => this.#load(inputs, config));
		this.#loads = run.catch(() => {});
		return run;
	}

	async #load(inputs: InputFile[], config: Config): Promise<void> {
		this.error = null;
		this.report = null;
		this.progress = { step: 'Starting the analysis engine', done: 0, total: inputs.length + 3 };
		try {
			const db = await this.#engine();
			const dataset = await loadDataset(db, inputs, {
				config,
				onProgress: (step, done, total) => (this.progress = { step, done, total })
			});
			const values: Partial<Record<Dimension, DimensionValue[]>> = {};
			for (const dim of DIMENSIONS)
				values[dim] = await db.query<DimensionValue & Record<string, string | number>>(
					dimensionValuesQuery(dim)
				);
			this.dataset = dataset;
			this.fileNames = inputs.map((f) => f.name);
			this.dimensionValues = values;
			this.period = null;
			this.filters = {};
			this.progress = null;
			await this.refresh();
		} catch (e) {
			this.dataset = null;
			this.error = message(e);
		} finally {
			this.progress = null;
		}
	}

	setPeriod(period: Period | null): void {
		this.period = period;
		void this.refresh();
	}

	setFilter(dimension: Dimension, values: string[]): void {
		const next = { ...this.filters };
		if (values.length === 0) delete next[dimension];
		else next[dimension] = values;
		this.filters = next;
		void this.refresh();
	}

	/** Recompute the report for the current view; an older request's result is dropped. */
	async refresh(): Promise<void> {
		const dataset = this.dataset;
		if (!dataset || !this.#db) return;
		const request = ++this.#request;
		this.computing = true;
		try {
			const db = await this.#db;
			const report = await runReport(db, dataset, { period: this.period, filters: this.filters });
			if (request !== this.#request) return;
			this.report = report;
			this.reportView = viewKey(this.period, this.filters);
			this.error = null;
		} catch (e) {
			if (request === this.#request) this.error = message(e);
		} finally {
			if (request === this.#request) this.computing = false;
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

function message(e: unknown): string {
	const text = e instanceof Error ? e.message : String(e);
	return text.split('\n')[0];
}
