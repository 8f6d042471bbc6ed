import { errorText } from '../i18n/error-text';
import { keepEngineOffline } from '../offline/keep-engine';
import type { InputFile } from '../ingest/raw-table';
import { preferredLang, type Lang } from '../i18n/messages';
import { parseConfig, type Config } from '../model/config';
import { Share } from './share.svelte';
import { Dashboard } from './dashboard.svelte';
import { engineCode } from './engine-code';
import { KeptFiles } from './kept-files.svelte';
import { LoadJournal } from './load-journal.svelte';
import { Locale } from './locale.svelte';
import { Theme } from './theme.svelte';

const DEMO = ['hubspot-demo-deals.csv', 'demo-spend.csv'];

/**
 * The page's controller: owns the dashboard, the kept files, the link, the language and the
 * theme, and runs what the page asks for: start-up, the demo, dropped files and config files.
 */
export class App {
	readonly dash = new Dashboard(() => this.share.userChange());
	readonly kept = new KeptFiles(this.dash.loads);
	/** Dropped files being loaded, noted so the page after a reload can name what was lost. */
	readonly journal = new LoadJournal();
	readonly locale: Locale;
	readonly theme = new Theme();
	/** The view lives in the address: share links, hosted data, dashboard.json, back/forward. */
	readonly share: Share;

	constructor(
		/** The site's folder (`https://host/team/pipelens/`). */
		site: () => URL,
		languages: readonly string[]
	) {
		const browserLang = preferredLang(languages);
		this.locale = new Locale(browserLang);
		this.share = new Share(this.dash, this.locale, site, browserLang);
	}

	/**
	 * Start the page once it is mounted: the engine after the first paint (a frame, then a task
	 * after it, so its download and compile never hold the paint up; a drop before then starts
	 * it), and what the address asks for. Returns the stop for the engine's timer.
	 */
	start(): () => void {
		let task: ReturnType<typeof setTimeout> | undefined;
		// After the first paint: the engine starts and its load and view code is fetched.
		const frame = requestAnimationFrame(
			() =>
				(task = setTimeout(() => {
					this.dash.session.warmUp();
					void this.#prepareEngine();
				}))
		);
		// The dev server opens on the demo so `npm start` shows a working dashboard at once.
		const params = new URLSearchParams(location.search);
		const linked = params.has('v') || params.has('src') || location.hash !== '';
		if (import.meta.env.DEV && !linked && params.get('demo') !== '0') this.demo();
		else if (params.has('demo')) this.demo();
		else void this.#startUp();
		return () => {
			cancelAnimationFrame(frame);
			clearTimeout(task);
		};
	}

	/**
	 * The engine's load and view code fetched and a rehearsal load run (`EngineSession.rehearse`;
	 * it defines the parse macros every load's typing calls, once per engine), while the page
	 * waits for a file: a drop then starts reading at once, on code the engine has run before.
	 * A failure here is the load's to report.
	 */
	async #prepareEngine(): Promise<void> {
		try {
			const [code, db] = await Promise.all([engineCode(), this.dash.session.running]);
			if (!db) return;
			// Only while nothing has been asked for: a drop, the demo or a link stops it.
			if (!this.dash.loads.dataset && !this.dash.loads.progress)
				this.dash.session.rehearse(code.rehearse);
		} catch {
			// Said by the engine's status or by the load that tries again.
		}
	}

	/**
	 * What the address asks for; the files kept in this browser when the address names them (a
	 * reload) or names nothing.
	 */
	async #startUp(): Promise<void> {
		const { dash, kept, share } = this;
		await share.start();
		if (dash.loads.dataset || dash.error) return;
		if (share.wanted.length) {
			const files = await kept.filesFor(share.wanted);
			if (files) await share.dropped(files, {});
		} else if (share.source.kind === 'none') {
			if (await kept.restore()) share.restored([...dash.loads.inputs]);
		}
	}

	/** Open the demo data (hosted beside the page). */
	demo(): void {
		this.kept.release();
		this.share
			.openHosted(DEMO.map((name) => ({ url: `demo/${name}` })))
			.catch((e: unknown) => this.dash.showError(errorText(e)));
	}

	/** Data files are loaded; a `.json` dropped with them is their config (METRICS.md §5). */
	async dropped(files: InputFile[]): Promise<void> {
		const configs = files.filter((f) => f.name.toLowerCase().endsWith('.json'));
		const data = files.filter((f) => !configs.includes(f));
		if (configs.length > 1) {
			this.dash.showError({
				key: 'setup.one-config',
				vars: { files: configs.map((f) => f.name).join(', ') }
			});
			return;
		}
		const config = configs[0] ? await this.#readConfig(configs[0]) : {};
		if (!config) return;
		if (data.length === 0) {
			if (this.dash.loads.dataset) await this.dash.loads.setConfig(config);
			return;
		}
		const end = this.journal.begin(data.map((f) => f.name));
		try {
			await this.share.dropped(data, config);
		} finally {
			end();
		}
		// Cancelled, or failed with the dashboard before put back: what is on screen is not these.
		if (!this.dash.loads.kept) this.kept.keep();
	}

	/** A config file picked in the setup panel: applied to the files on screen. */
	async loadConfig(file: File | undefined): Promise<void> {
		if (!file) return;
		const config = await this.#readConfig({ name: file.name, source: file });
		if (config) await this.dash.loads.setConfig(config);
	}

	/** A config file's settings; null (and the error shown) when it is not one. */
	async #readConfig(file: InputFile): Promise<Config | null> {
		try {
			const s = file.source;
			const text =
				s instanceof Blob
					? await s.text()
					: typeof s === 'string'
						? s
						: new TextDecoder().decode(s);
			return parseConfig(JSON.parse(text));
		} catch (e) {
			this.dash.showError(`${file.name}: ${errorText(e)}`);
			return null;
		}
	}

	/** The user picked a language (a change of the view: the link gets a history entry). */
	setLang(lang: Lang): void {
		this.share.userChange();
		this.locale.setLang(lang);
	}

	/**
	 * Mirror the engine onto the document (call from an effect): the markers the page's tests
	 * wait for; cache the engine for offline use once it runs (not while it is still downloading).
	 */
	mirrorEngine(): void {
		const { session } = this.dash;
		document.body.dataset.engine = session.state;
		document.body.dataset.rehearsal = session.rehearsal;
		document.body.dataset.engineThreads = String(session.threads);
		document.body.dataset.kept = this.kept.restoring;
		if (session.state === 'ready') keepEngineOffline();
	}

	/** Mirror the theme and the language onto the document (call from an effect). */
	mirrorLook(): void {
		document.documentElement.dataset.theme = this.theme.resolved;
		document.documentElement.lang = this.locale.lang;
	}
}
