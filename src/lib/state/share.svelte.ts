import { errorText } from '../i18n/error-text';
import { configFileTooLarge, type Config } from '../model/config';
import type { InputFile } from '../ingest/raw-table';
import type { Lang } from '../i18n/messages';
import { decodeLink, encodeLink } from '../share/codec';
import { parseDashboardFile, type DashboardFile } from '../share/dashboard-file';
import { DATA_LINK_LIMIT, MAX_PACKABLE_BYTES, packFiles, unpackFiles } from '../share/data-link';
import { browserMemoryBudget, largestFitting } from '../engine/memory-budget';
import { fetchData, FetchError, nameOf } from '../share/fetch-data';
import type { HostedFile, LinkIssue, ShareView, Source } from '../share/view';
import { keepKnownValues, movedToFragment, resolveData, withLink } from '../share/address';
import type { Dashboard } from './dashboard.svelte';
import { Latest } from './latest';
import type { StartView } from './load-queue.svelte';
import type { Locale } from './locale.svelte';

export interface Download {
	name: string;
	done: number;
	total: number | null;
}

/** The data-in-link for the current view, or why there is none. */
export type DataLink =
	| { state: 'ok'; url: string; size: number }
	| { state: 'too-big'; size: number | null }
	| { state: 'none' };

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The page's link: reads the view from the address on landing (a shared link, hosted files,
 * data in the fragment, the site's dashboard.json), keeps the address in step with the view
 * (replaceState, and pushState for changes the user made), and makes share links.
 */
export class Share {
	#issues = $state.raw<LinkIssue[]>([]);
	#wanted = $state.raw<string[]>([]);
	#download = $state.raw<Download | null>(null);
	#source = $state.raw<Source>({ kind: 'none' });
	#title = $state<string | null>(null);
	/** The packed bytes of the loaded files, for a data-in-link (null: none or too big). */
	#packed = $state.raw<{ text: string } | { tooBig: true } | null>(null);

	#pending: ShareView | null = null;
	#inline: string | null = null;
	#dashboard: DashboardFile | null = null;
	#push = false;
	#applying = false;
	/** One per pack: a pack of files no longer on screen never lands. */
	readonly #packs = new Latest();

	constructor(
		private readonly dash: Dashboard,
		private readonly locale: Locale,
		/** The site's folder (`https://host/team/pipelens/`): relative data URLs start here. */
		private readonly site: () => URL,
		/** The browser's own language: a view in it leaves the language out of the link. */
		private readonly preferred: Lang
	) {}

	/** Messages about the link that opened the page, or about its data. */
	get issues(): readonly LinkIssue[] {
		return this.#issues;
	}
	/** Files a link for dropped data asks for before its view can be shown. */
	get wanted(): readonly string[] {
		return this.#wanted;
	}
	/** A hosted file being downloaded, and how far. */
	get download(): Download | null {
		return this.#download;
	}
	/** Where the data on screen came from, as the link names it. */
	get source(): Source {
		return this.#source;
	}
	/** The site's dashboard.json title. */
	get title(): string | null {
		return this.#title;
	}

	/** The user closed the link's messages. */
	dismissIssues(): void {
		this.#issues = [];
	}

	/** The user is about to change the view: the next address gets its own history entry. */
	userChange(): void {
		this.#push = true;
	}

	/** The view on screen, as a link carries it. */
	view(): ShareView {
		const { loads, view } = this.dash;
		let config: Config = loads.config;
		if (this.#source.kind === 'dashboard' && same(config, this.#dashboard?.config)) config = {};
		return {
			source: this.#source,
			config,
			period: view.period,
			filters: view.filters,
			breakdown: view.breakdown,
			funnelMode: view.funnelMode,
			drill: view.drill,
			lang: this.locale.lang === this.preferred ? null : this.locale.lang,
			crm: loads.crmChoice,
			encodings: loads.encodings,
			roles: loads.roles,
			dateOrder: loads.dateOrder ?? null,
			timeout: null
		};
	}

	/** The address for the view on screen (query, or fragment for data-in-links). */
	#address(view: ShareView): string {
		const { search, hash } = encodeLink(view, this.#inline ?? undefined);
		return withLink(location.href, search, hash);
	}

	/** Keep the address in step with the view (call from an effect: it reads the view). */
	sync(): void {
		const view = this.view();
		const ready = this.dash.loads.dataset !== null || this.#wanted.length > 0;
		if (!ready || this.#source.kind === 'none') return;
		const url = this.#address(view);
		if (url === location.href) return;
		// A user's change keeps its flag until the address changes (a config edit lands later).
		const push = this.#push && !this.#applying;
		this.#push = false;
		if (push) history.pushState(null, '', url);
		else history.replaceState(history.state, '', url);
	}

	/** The data-in-link for the current view. */
	dataLink(): DataLink {
		const packed = this.#packed;
		if (!packed || !this.dash.loads.dataset) return { state: 'none' };
		if ('tooBig' in packed) return { state: 'too-big', size: null };
		const { hash } = encodeLink({ ...this.view(), source: { kind: 'inline' } }, packed.text);
		const url = withLink(location.href, '', hash);
		const size = url.length;
		return size > DATA_LINK_LIMIT ? { state: 'too-big', size } : { state: 'ok', url, size };
	}

	/** Open what the address asks for; called once when the page starts. */
	start(): Promise<void> {
		return this.#start();
	}

	async #start(): Promise<void> {
		const moved = movedToFragment(location.search, location.hash);
		if (moved)
			history.replaceState(history.state, '', withLink(location.href, moved.search, moved.hash));
		const link = decodeLink(location.search, location.hash);
		if (link.given.has('demo')) return;
		this.#issues = link.issues;
		if (link.view.lang) this.locale.setLang(link.view.lang);
		const source = link.view.source;
		if (source.kind === 'inline') return this.#openInline(link.view, link.data ?? '');
		if (source.kind === 'hosted') return this.#openHosted(source.files, link.view, source);
		if (source.kind === 'files') {
			this.#pending = link.view;
			this.#wanted = source.names;
			this.#source = source;
			return;
		}
		const dashboard = await this.#readDashboard();
		if (!dashboard) return;
		this.#dashboard = dashboard;
		this.#title = dashboard.title;
		if (dashboard.title) document.title = `${dashboard.title} — Pipelens`;
		const config = link.given.has('c') ? link.view.config : dashboard.config;
		await this.#openHosted(dashboard.data, { ...link.view, config }, { kind: 'dashboard' });
	}

	/** The site's dashboard.json, or null when there is none (404, or a host's fallback page). */
	async #readDashboard(): Promise<DashboardFile | null> {
		let response: Response;
		try {
			response = await fetch(resolveData('dashboard.json', this.site())!, { cache: 'no-cache' });
		} catch {
			return null;
		}
		if (!response.ok || /html/.test(response.headers.get('content-type') ?? '')) return null;
		try {
			const text = await response.text();
			const tooLarge = configFileTooLarge(new Blob([text]).size);
			if (tooLarge) throw new Error(tooLarge);
			return parseDashboardFile(JSON.parse(text));
		} catch (e) {
			this.#issues = [...this.#issues, { key: 'dashboard.invalid', vars: { error: errorText(e) } }];
			return null;
		}
	}

	async #openInline(view: ShareView, data: string): Promise<void> {
		const unpacked = unpackFiles(data);
		if ('error' in unpacked) {
			this.#issues = [
				...this.#issues,
				{ key: 'link.data-bad', keys: { why: `link.why.${unpacked.error}` } }
			];
			return;
		}
		this.#inline = data;
		this.#source = { kind: 'inline' };
		this.#packed = { text: data };
		await this.#load(
			unpacked.files.map((f) => ({ name: f.name, source: f.bytes })),
			view.config,
			view
		);
	}

	/** Download hosted files (a `?src=` link, dashboard.json, the demo), then load them. */
	openHosted(
		files: HostedFile[],
		view: ShareView | null = null,
		source: Source = { kind: 'hosted', files }
	): Promise<void> {
		return this.#openHosted(files, view, source);
	}

	async #openHosted(files: HostedFile[], view: ShareView | null, source: Source): Promise<void> {
		const inputs: InputFile[] = [];
		for (const file of files) {
			const url = resolveData(file.url, this.site());
			if (!url) {
				this.#issues = [...this.#issues, { key: 'link.src-bad', vars: { url: file.url } }];
				continue;
			}
			let name = nameOf(url);
			if (inputs.some((f) => f.name === name)) name = `${file.role ?? inputs.length}-${name}`;
			this.#download = { name, done: 0, total: null };
			try {
				const bytes = await fetchData(url, {
					origin: location.origin,
					timeoutS: view?.timeout ?? undefined,
					maxBytes: largestFitting(browserMemoryBudget()),
					onProgress: (done, total) => (this.#download = { name, done, total })
				});
				inputs.push({ name, source: bytes });
			} catch (e) {
				this.#download = null;
				const issue: LinkIssue =
					e instanceof FetchError ? e.issue : { key: 'fetch.network', vars: { url: url.href } };
				this.#issues = [...this.#issues, issue];
				return;
			}
		}
		this.#download = null;
		if (!inputs.length) return;
		this.#inline = null;
		this.#source = source;
		this.#pack(inputs);
		await this.#load(inputs, view?.config ?? {}, view);
	}

	/** Files kept in this browser were reopened: the address names them like dropped files. */
	restored(inputs: InputFile[]): void {
		this.#inline = null;
		this.#source = { kind: 'files', names: inputs.map((f) => f.name) };
		this.#pack(inputs);
	}

	/** Files the user dropped: a link asking for them gets its view now. */
	async dropped(inputs: InputFile[], config: Config): Promise<void> {
		const pending = this.#pending;
		const names = inputs.map((f) => f.name);
		this.#pending = null;
		this.#inline = null;
		const wanted = this.#wanted;
		const before = { source: this.#source, inline: this.#inline, packed: this.#packed };
		this.#wanted = [];
		this.#source = { kind: 'files', names };
		this.#pack(inputs);
		// Cancelled, or failed with the dashboard before put back: the address names that again.
		const wentBack = () => {
			if (!this.dash.loads.kept) return;
			this.#packs.next();
			({ source: this.#source, inline: this.#inline, packed: this.#packed } = before);
		};
		if (pending && wanted.every((w) => names.includes(w))) {
			const hasConfig = Object.keys(config).length > 0;
			await this.#load(inputs, hasConfig ? config : pending.config, pending);
			wentBack();
			return;
		}
		if (pending)
			this.#issues = [
				...this.#issues,
				{ key: 'share.view-not-applied', vars: { files: wanted.join(', ') } }
			];
		await this.#load(inputs, config, null);
		wentBack();
	}

	async #load(inputs: InputFile[], config: Config, view: ShareView | null): Promise<void> {
		const start: StartView = view
			? {
					period: view.period,
					filters: view.filters,
					breakdown: view.breakdown,
					funnelMode: view.funnelMode,
					drill: view.drill,
					crm: view.crm,
					encodings: view.encodings,
					roles: view.roles,
					dateOrder: view.dateOrder ?? undefined
				}
			: {};
		this.#applying = true;
		try {
			await this.dash.loads.load(inputs, config, start);
			if (view) this.#dropMissingFilterValues();
		} finally {
			this.#applying = false;
		}
	}

	/** Filter values the data does not have are left out, with a message (the nearest view). */
	#dropMissingFilterValues(): void {
		const { loads, view } = this.dash;
		if (!loads.dataset) return;
		const { filters, issues } = keepKnownValues(view.filters, loads.dimensionValues);
		if (!issues.length) return;
		this.#issues = [...this.#issues, ...issues];
		view.setView({
			period: view.period,
			filters,
			breakdown: view.breakdown,
			funnelMode: view.funnelMode,
			drill: view.drill
		});
	}

	/** Pack small files for a data-in-link (bytes kept only when they can fit). */
	#pack(inputs: InputFile[]): void {
		this.#packed = null;
		const current = this.#packs.next();
		const land = (packed: { text: string } | { tooBig: true } | null) => {
			if (current()) this.#packed = packed;
		};
		void (async () => {
			let total = 0;
			const files: { name: string; bytes: Uint8Array }[] = [];
			for (const f of inputs) {
				const s = f.source;
				const size =
					typeof s === 'string' ? s.length * 3 : s instanceof Uint8Array ? s.length : s.size;
				total += size;
				if (total > MAX_PACKABLE_BYTES) {
					land({ tooBig: true });
					return;
				}
				const bytes =
					typeof s === 'string'
						? new TextEncoder().encode(s)
						: s instanceof Uint8Array
							? s
							: new Uint8Array(await s.arrayBuffer());
				files.push({ name: f.name, bytes });
			}
			land({ text: packFiles(files) });
		})().catch(() => land(null));
	}

	/** Back/forward: show the view the address now holds. */
	async popstate(): Promise<void> {
		const link = decodeLink(location.search, location.hash);
		this.#issues = link.issues;
		if (link.view.lang) this.locale.setLang(link.view.lang);
		else this.locale.setLang(this.preferred);
		const current = this.#source;
		const source = link.view.source;
		const sameSource =
			(source.kind === 'none' && (current.kind === 'dashboard' || current.kind === 'none')) ||
			same(source, current);
		this.#applying = true;
		try {
			if (!sameSource) {
				await this.#start();
				return;
			}
			const config =
				source.kind === 'none' && this.#dashboard ? this.#dashboard.config : link.view.config;
			if (!same(config, this.dash.loads.config)) {
				await this.dash.loads.setConfig(config);
				this.#push = false;
			}
			this.dash.view.setView({
				period: link.view.period,
				filters: link.view.filters,
				breakdown: link.view.breakdown,
				funnelMode: link.view.funnelMode,
				drill: link.view.drill
			});
		} finally {
			this.#applying = false;
		}
	}
}
