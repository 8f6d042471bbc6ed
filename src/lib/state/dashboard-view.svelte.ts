import type { BrowserDb } from '../db/browser';
import type { DashboardResults, DashboardParts } from '../engine/dashboard';
import type { Dataset } from '../engine/dataset';
import { timed } from '../engine/timing';
import type { Dimension } from '../model/config';
import type { Filters, Period } from '../model/filters';
import type { DrillTarget } from '../metrics/drill';
import type { FunnelMode } from '../metrics/snapshot-funnel';
import { engineCode } from './engine-code';
import { errorMessage } from './error-message';
import { Latest } from './latest';
import { ViewCache } from './view-cache';

/**
 * What a view is: the period and filters, the breakdown's dimension and the funnel's mode, and
 * the list of deals open over it (none when not given).
 */
export interface ViewChoice {
	period: Period | null;
	filters: Filters;
	breakdown: Dimension;
	funnelMode: FunnelMode;
	drill?: DrillTarget | null;
}

/** The dataset on screen and the engine holding its tables (null: nothing to show). */
export interface ViewTarget {
	dataset: Dataset | null;
	db: Promise<BrowserDb> | null;
}

/** What a view asks of the page around it. */
export interface ViewCallbacks {
	/** The dataset and engine a view is computed from. */
	target: () => ViewTarget;
	/** Called before a change the user made to the view (a share link pushes a history entry). */
	onUserChange: () => void;
	/** A view was shown (null) or failed (its error). */
	onResult: (error: string | null) => void;
}

/**
 * The view of the dataset: the period, filters, breakdown and funnel mode the user chose, and
 * the results for them, drawn panel by panel as they arrive. A result for an older view never
 * overwrites a newer one.
 */
export class DashboardView {
	#period = $state.raw<Period | null>(null);
	#filters = $state.raw<Filters>({});
	#breakdown = $state<Dimension>('owner');
	#funnelMode = $state<FunnelMode>('cohort');
	#drill = $state.raw<DrillTarget | null>(null);
	#data = $state.raw<DashboardResults | null>(null);
	#shown = $state.raw<Partial<DashboardResults> | null>(null);
	#pending = $state.raw<readonly (keyof DashboardResults)[]>([]);
	#reportView = $state('');
	#computing = $state(false);
	/** The report of the view on screen (its panels may still be on their way). */
	readonly report = $derived(this.#shown?.report ?? null);

	readonly #requests = new Latest();
	/** The views of each dataset computed lately, shown again without querying. */
	readonly #views = new WeakMap<Dataset, ViewCache<DashboardResults>>();
	/** Per dataset, the breakdowns and funnel modes whose next views were planned ahead. */
	readonly #plannedAhead = new WeakMap<Dataset, string[]>();
	/** A ticket per reading of the tables: planning ahead for the tables before stops. */
	readonly #tables = new Latest();
	readonly #on: ViewCallbacks;

	constructor(callbacks: ViewCallbacks) {
		this.#on = callbacks;
	}

	get period(): Period | null {
		return this.#period;
	}
	get filters(): Filters {
		return this.#filters;
	}
	get breakdown(): Dimension {
		return this.#breakdown;
	}
	get funnelMode(): FunnelMode {
		return this.#funnelMode;
	}
	/** The list of deals open over the dashboard, null when none is. */
	get drill(): DrillTarget | null {
		return this.#drill;
	}
	/** Every panel of the current view, once all are computed. */
	get data(): DashboardResults | null {
		return this.#data;
	}
	/**
	 * What the panels draw: each panel's latest result, filled in as the statements of a view end
	 * (a panel of the view before stays until its new result arrives).
	 */
	get shown(): Partial<DashboardResults> | null {
		return this.#shown;
	}
	/** The panels whose result for the current view is still on its way. */
	get pending(): readonly (keyof DashboardResults)[] {
		return this.#pending;
	}
	/** The view (period and filters) the shown report was computed for. */
	get reportView(): string {
		return this.#reportView;
	}
	/** A view is being computed. */
	get computing(): boolean {
		return this.#computing;
	}

	setPeriod(period: Period | null): void {
		this.#on.onUserChange();
		this.#period = period;
		void this.refresh();
	}

	setFilter(dimension: Dimension, values: string[]): void {
		this.#on.onUserChange();
		const next = { ...this.#filters };
		if (values.length === 0) delete next[dimension];
		else next[dimension] = values;
		this.#filters = next;
		void this.refresh();
	}

	setBreakdown(dimension: Dimension): void {
		this.#on.onUserChange();
		this.#breakdown = dimension;
		void this.refresh();
	}

	setFunnelMode(mode: FunnelMode): void {
		this.#on.onUserChange();
		this.#funnelMode = mode;
		void this.refresh();
	}

	/** Open the list of the deals behind a number (a history entry of its own: Back closes it). */
	openDrill(target: DrillTarget): void {
		this.#on.onUserChange();
		this.#drill = target;
	}

	/** Close the list of deals. */
	closeDrill(): void {
		this.#drill = null;
	}

	/** Show another view of the same data (back/forward through share links): one refresh. */
	setView(view: ViewChoice): void {
		this.#choose(view);
		void this.refresh();
	}

	/**
	 * The view files open with (a share link's, or the whole data): set without computing, as
	 * the dataset is still to be built. The breakdown and funnel mode stay when not given.
	 */
	openWith(view: Partial<ViewChoice>): void {
		this.#choose({
			period: view.period ?? null,
			filters: view.filters ?? {},
			breakdown: view.breakdown ?? this.#breakdown,
			funnelMode: view.funnelMode ?? this.#funnelMode,
			drill: view.drill ?? null
		});
	}

	#choose(view: ViewChoice): void {
		this.#period = view.period;
		this.#filters = view.filters;
		this.#breakdown = view.breakdown;
		this.#funnelMode = view.funnelMode;
		this.#drill = view.drill ?? null;
	}

	/** The tables are being read again: the report goes (the panels stay until new ones come). */
	hideReport(): void {
		this.#tables.next();
		if (this.#shown) this.#shown = { ...this.#shown, report: undefined };
	}

	/** The dataset is gone: nothing to show. */
	clear(): void {
		this.#tables.next();
		this.#data = null;
		this.#shown = null;
		this.#pending = [];
	}

	/** A report computed while tables are rebuilt is stale: drop any still on its way. */
	dropPending(): void {
		this.#tables.next();
		this.#requests.next();
	}

	/** Recompute the results for the current view; an older request's result is dropped. */
	async refresh(): Promise<void> {
		const { dataset, db: engine } = this.#on.target();
		if (!dataset || !engine) return;
		const current = this.#requests.next();
		const asked: ViewChoice = {
			period: this.#period,
			filters: this.#filters,
			breakdown: this.#breakdown,
			funnelMode: this.#funnelMode
		};
		const view = viewKey(asked.period, asked.filters);
		const key = `${view}|${asked.breakdown}|${asked.funnelMode}`;
		let views = this.#views.get(dataset);
		if (!views) this.#views.set(dataset, (views = new ViewCache()));
		this.#computing = true;
		try {
			const db = await engine;
			let data = views.get(key);
			if (!data) {
				const { dashboardParts, settled } = await engineCode();
				const parts = dashboardParts(db, dataset, asked);
				this.#show(current, parts);
				// Once the breakdown (the view's first read) is back, every statement of the view has
				// been sent (together, once its values are written): plans made ahead from then on
				// queue behind them, and are made while the page draws.
				const tables = this.#tables.current();
				void parts.breakdown.then(
					() => this.#planAhead(db, dataset, asked, tables),
					() => {}
				);
				data = await timed('dashboard', () => settled(parts));
				views.set(key, data);
			}
			if (!current()) return;
			this.#data = data;
			this.#shown = data;
			this.#pending = [];
			this.#reportView = view;
			this.#on.onResult(null);
		} catch (e) {
			if (current()) this.#on.onResult(errorMessage(e));
		} finally {
			if (current()) this.#computing = false;
		}
	}

	/**
	 * Once a dataset's first view (of a breakdown and funnel mode) is sent, plan the statements
	 * of the views a click most likely asks next (engine/plan-ahead.ts), so that the first click
	 * with a filter, a source or another period runs plans kept already instead of making them
	 * (planning is most of such a click). One statement at a time: a click's own statements wait
	 * for one plan at most. Stops once the tables the view was asked of (`tables`) are read again.
	 */
	async #planAhead(
		db: BrowserDb,
		dataset: Dataset,
		asked: ViewChoice,
		tables: () => boolean
	): Promise<void> {
		const kind = `${asked.breakdown}|${asked.funnelMode}`;
		const planned = this.#plannedAhead.get(dataset) ?? [];
		if (planned.includes(kind)) return;
		this.#plannedAhead.set(dataset, [...planned, kind]);
		const wanted = () => tables() && this.#on.target().dataset === dataset;
		try {
			const { planAhead } = await engineCode();
			await timed('plan ahead', () => planAhead(db, dataset, asked, wanted));
		} catch {
			// Planning ahead only saves time: a click plans what it needs all the same.
		}
	}

	/** Draw each panel of a request as its result arrives (unless a newer one was asked). */
	#show(current: () => boolean, parts: DashboardParts): void {
		const keys = Object.keys(parts) as (keyof DashboardResults)[];
		// Another dataset's panels are not this one's: start empty then (the report shown, if
		// any, stays until the new one comes).
		if (this.#data === null)
			this.#shown = this.#shown?.report ? { report: this.#shown.report } : {};
		this.#pending = keys;
		for (const key of keys) {
			void Promise.resolve(parts[key]).then(
				(value) => {
					if (!current()) return;
					this.#shown = { ...this.#shown, [key]: value };
					this.#pending = this.#pending.filter((k) => k !== key);
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
