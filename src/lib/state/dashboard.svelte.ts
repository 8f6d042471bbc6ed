import { DashboardView } from './dashboard-view.svelte';
import { EngineSession } from './engine-session.svelte';
import type { ShownError } from './error-message';
import { LoadQueue } from './load-queue.svelte';

/**
 * The dashboard: the engine session, the load queue (files, config, dataset) and the view
 * (period, filters, results), wired together; the one error line the page shows.
 */
export class Dashboard {
	#error = $state.raw<ShownError | null>(null);
	readonly session: EngineSession;
	readonly view: DashboardView;
	readonly loads: LoadQueue;
	/** Ready: a report for the current view is on screen. */
	readonly ready = $derived.by(
		() => this.view.report !== null && !this.view.computing && this.loads.progress === null
	);

	constructor(
		/** Called before a change the user made (a share link pushes a history entry). */
		onUserChange: () => void = () => {}
	) {
		const show = (error: ShownError | null) => (this.#error = error);
		this.session = new EngineSession({
			onCrash: () => {
				this.loads.engineStopped();
				this.view.clear();
				this.#error = { key: 'engine.crashed' };
			},
			onError: show
		});
		this.view = new DashboardView({
			target: () => ({ dataset: this.loads.dataset, db: this.session.running }),
			onUserChange,
			onResult: show
		});
		this.loads = new LoadQueue(this.session, this.view, { onUserChange, onResult: show });
	}

	/**
	 * What went wrong last (a load, an edit, a view, the engine): the engine's words, or a
	 * catalogue text; null when all is well.
	 */
	get error(): ShownError | null {
		return this.#error;
	}

	/** Show an error about something the page was asked to do (a bad config file, say). */
	showError(message: ShownError): void {
		this.#error = message;
	}
}
