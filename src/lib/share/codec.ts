import { DIMENSIONS, type Config } from '../model/config';
import { isDimension, isIsoDate, type Filters } from '../model/filters';
import type { FileRole } from '../model/mapping';
import { ENCODINGS, type Encoding } from '../ingest/decode';
import { LANGS, type MessageKey } from '../i18n/messages';
import { packJson, unpackJson, type UnpackError } from './compress';
import { compactConfig, expandConfig, MAX_TEXT } from './config-part';
import { drillText, parseDrill } from './drill-part';
import {
	DEFAULT_VIEW,
	type HostedFile,
	type LinkIssue,
	type Role,
	type ShareView,
	type Source
} from './view';

/** The link format's version: a link without one, or with another, is read with a message. */
export const LINK_VERSION = 1;

/** Limits on what a link may carry: a crafted link must not exhaust the page. */
export const MAX_PART_BYTES = 256 * 1024;
export const MAX_FILTER_VALUES = 5000;
export const MAX_FILES = 8;
const MAX_URL = 4000;
/** Filters longer than this (URL-encoded) travel packed in `w`. */
const FILTERS_INLINE = 240;

const VIEW_KEYS = new Set([
	'v',
	'src',
	'file',
	'from',
	'to',
	'w',
	'by',
	'funnel',
	'drill',
	'lang',
	'c',
	'x',
	'dates',
	'timeout',
	'd',
	'demo',
	...DIMENSIONS
]);
/** Parameters added by mail and ad trackers: not ours, not worth a message. */
const TRACKERS = /^(utm_\w+|fbclid|gclid|yclid|mc_cid|mc_eid)$/;
/** The page's own settings, read where they apply (`?threads=1`: src/lib/engine/threads.ts). */
const PAGE_SETTINGS = new Set(['threads']);

const WHY: Record<UnpackError, MessageKey> = {
	base64: 'link.why.base64',
	inflate: 'link.why.inflate',
	size: 'link.why.size',
	json: 'link.why.json'
};

/**
 * The link for a view: `search` (no `?`) and `hash` (no `#`). Only what the host needs, the
 * hosted data files (`src`), goes in the query; everything that describes the data (file
 * names, filter values, the config, the period) goes in the fragment, which a browser never
 * sends to a server, so a reload does not put it in the host's logs.
 */
export function encodeLink(view: ShareView, data?: string): { search: string; hash: string } {
	const p = new URLSearchParams();
	p.set('v', String(LINK_VERSION));
	const source = view.source;
	if (source.kind === 'hosted')
		for (const f of source.files) p.append('src', f.role ? `${f.role}:${f.url}` : f.url);
	if (source.kind === 'files') for (const name of source.names) p.append('file', name);
	if (view.period) {
		p.set('from', view.period.from);
		p.set('to', view.period.to);
	}
	const filters = new URLSearchParams();
	for (const dim of DIMENSIONS) for (const v of view.filters[dim] ?? []) filters.append(dim, v);
	if (filters.toString().length <= FILTERS_INLINE) for (const [k, v] of filters) p.append(k, v);
	else p.set('w', packJson(view.filters));
	if (view.breakdown !== DEFAULT_VIEW.breakdown) p.set('by', view.breakdown);
	if (view.funnelMode !== DEFAULT_VIEW.funnelMode) p.set('funnel', view.funnelMode);
	if (view.drill) p.set('drill', drillText(view.drill));
	if (view.lang) p.set('lang', view.lang);
	const config = compactConfig(view.config);
	if (Object.keys(config).length) p.set('c', packJson(config));
	const extra: Record<string, unknown> = {};
	if (Object.keys(view.crm).length) extra.k = view.crm;
	if (Object.keys(view.encodings).length) extra.e = view.encodings;
	if (Object.keys(view.roles ?? {}).length) extra.r = view.roles;
	if (Object.keys(extra).length) p.set('x', packJson(extra));
	if (view.dateOrder) p.set('dates', view.dateOrder);
	if (view.timeout !== null) p.set('timeout', String(view.timeout));
	if (source.kind === 'inline' && data !== undefined) {
		// Nothing of the data (filter values are names) reaches a server: all goes after `#`.
		p.set('d', data);
		return { search: '', hash: serialize(p) };
	}
	const query = new URLSearchParams();
	for (const src of p.getAll('src')) query.append('src', src);
	p.delete('src');
	return { search: serialize(query), hash: serialize(p) };
}

/** Like URLSearchParams.toString, but `/ : @ ,` stay readable (they are valid in a query). */
function serialize(p: URLSearchParams): string {
	const enc = (s: string) =>
		encodeURIComponent(s)
			.replace(/%2F/g, '/')
			.replace(/%3A/g, ':')
			.replace(/%40/g, '@')
			.replace(/%2C/g, ',');
	return [...p].map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
}

export interface DecodedLink {
	view: ShareView;
	issues: LinkIssue[];
	/** The packed data of a data-in-link (`#d=`), unread. */
	data: string | null;
	/** The link says anything about the view (a bare address says nothing). */
	present: boolean;
	/** The keys the link gave, so a dashboard.json fills in only the rest. */
	given: Set<string>;
}

/** The parameters of the query and the fragment together (the fragment's win). */
function params(search: string, hash: string): URLSearchParams {
	const all = new URLSearchParams(search.replace(/^\?/, ''));
	const fragment = new URLSearchParams(hash.replace(/^#/, ''));
	for (const key of new Set(fragment.keys())) {
		all.delete(key);
		for (const v of fragment.getAll(key)) all.append(key, v);
	}
	return all;
}

function cleanText(text: string): boolean {
	return text.length > 0 && text.length <= MAX_TEXT && !/\p{Cc}/u.test(text);
}

/** A `src` value: `[deals:|history:|spend:]URL`, http(s) or a site path; null when not allowed. */
export function hostedFile(value: string): HostedFile | null {
	const m = /^(deals|history|spend):(?!\/\/)(.*)$/.exec(value);
	const role = m ? (m[1] as Role) : undefined;
	const url = m ? m[2] : value;
	if (!url || url.length > MAX_URL || /[\s\p{Cc}]/u.test(url)) return null;
	const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url);
	if (scheme && !['http', 'https'].includes(scheme[1].toLowerCase())) return null;
	if (url.startsWith('//')) return null;
	return role ? { url, role } : { url };
}

function filterValues(dim: string, values: unknown, issues: LinkIssue[]): string[] | undefined {
	if (!Array.isArray(values) || !values.every((v) => typeof v === 'string')) {
		issues.push({ key: 'link.filter-bad', vars: { dim } });
		return undefined;
	}
	const kept = [...new Set(values.filter((v) => v.length <= MAX_TEXT))];
	if (kept.length < new Set(values).size) issues.push({ key: 'link.filter-long', vars: { dim } });
	if (kept.length > MAX_FILTER_VALUES) {
		issues.push({ key: 'link.filter-many', vars: { dim, n: kept.length, max: MAX_FILTER_VALUES } });
		return kept.slice(0, MAX_FILTER_VALUES);
	}
	return kept.length ? kept : undefined;
}

function unpacked(text: string, part: MessageKey, issues: LinkIssue[]): unknown {
	const result = unpackJson(text, MAX_PART_BYTES);
	if ('error' in result) {
		issues.push({ key: 'link.part-damaged', keys: { part, why: WHY[result.error] } });
		return undefined;
	}
	return result.value;
}

/** The roles a link may give a file (`ignore`: not used). */
const FILE_ROLES: readonly string[] = ['deals', 'history', 'spend', 'stages', 'ignore'];

function stringMap<T extends string>(
	value: unknown,
	ok: (v: string) => v is T
): Record<string, T> | null {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
	const entries = Object.entries(value);
	if (entries.length > MAX_FILES) return null;
	if (!entries.every(([k, v]) => cleanText(k) && typeof v === 'string' && ok(v))) return null;
	return Object.fromEntries(entries) as Record<string, T>;
}

/**
 * The view a link describes, and what was wrong with it. Never throws: a damaged, old or
 * crafted link gives the nearest valid view (bad parts left out) and one message per fault.
 */
export function decodeLink(search: string, hash = ''): DecodedLink {
	const issues: LinkIssue[] = [];
	const view: ShareView = structuredClone(DEFAULT_VIEW);
	let p: URLSearchParams;
	try {
		p = params(search, hash);
	} catch {
		p = new URLSearchParams();
		issues.push({ key: 'link.unreadable' });
	}
	const given = new Set<string>();
	for (const key of new Set(p.keys())) {
		if (TRACKERS.test(key) || PAGE_SETTINGS.has(key)) continue;
		if (!VIEW_KEYS.has(key)) {
			issues.push({ key: 'link.unknown-key', vars: { key: key.slice(0, 40) } });
			continue;
		}
		given.add(key);
	}
	const present = [...given].some((k) => k !== 'demo');
	const one = (key: string): string | null => {
		const all = p.getAll(key);
		if (all.length > 1) issues.push({ key: 'link.repeated', vars: { key } });
		return all.length ? all[all.length - 1] : null;
	};

	const version = one('v');
	// A hand-written link (`?src=data/deals.csv`) needs no version: only a wrong one is reported.
	if (version !== null && version !== String(LINK_VERSION)) {
		if (/^\d{1,6}$/.test(version) && Number(version) > LINK_VERSION)
			issues.push({ key: 'link.version-newer', vars: { v: version } });
		else issues.push({ key: 'link.version-bad', vars: { v: version.slice(0, 20) } });
	}

	// The data source.
	const data = one('d');
	const srcs = p.getAll('src');
	const names = p.getAll('file');
	let source: Source = { kind: 'none' };
	if (data !== null) {
		source = { kind: 'inline' };
		if (srcs.length || names.length) issues.push({ key: 'link.source-conflict' });
	} else if (srcs.length) {
		const files: HostedFile[] = [];
		for (const s of srcs.slice(0, MAX_FILES)) {
			const file = hostedFile(s);
			if (file) files.push(file);
			else issues.push({ key: 'link.src-bad', vars: { url: s.slice(0, 120) } });
		}
		if (srcs.length > MAX_FILES)
			issues.push({ key: 'link.too-many-files', vars: { n: srcs.length, max: MAX_FILES } });
		if (files.length) source = { kind: 'hosted', files };
		if (names.length) issues.push({ key: 'link.source-conflict' });
	} else if (names.length) {
		const kept = names.slice(0, MAX_FILES).filter((n) => cleanText(n));
		if (kept.length < Math.min(names.length, MAX_FILES)) issues.push({ key: 'link.file-bad' });
		if (names.length > MAX_FILES)
			issues.push({ key: 'link.too-many-files', vars: { n: names.length, max: MAX_FILES } });
		if (kept.length) source = { kind: 'files', names: [...new Set(kept)] };
	}
	view.source = source;

	// The period: both ends valid dates, in order.
	const from = one('from');
	const to = one('to');
	if (from !== null || to !== null) {
		if (from !== null && to !== null && isIsoDate(from) && isIsoDate(to) && from <= to)
			view.period = { from, to };
		else
			issues.push({
				key: 'link.period-bad',
				vars: { from: (from ?? '?').slice(0, 20), to: (to ?? '?').slice(0, 20) }
			});
	}

	// Filters: one parameter per dimension, or packed in `w` when long.
	const filters: Filters = {};
	const w = one('w');
	if (w !== null) {
		const value = unpacked(w, 'link.part.filters', issues);
		if (value !== undefined) {
			if (typeof value !== 'object' || value === null || Array.isArray(value))
				issues.push({ key: 'link.filters-bad' });
			else
				for (const [dim, values] of Object.entries(value)) {
					if (!isDimension(dim)) {
						issues.push({ key: 'link.filter-dim', vars: { dim: dim.slice(0, 40) } });
						continue;
					}
					const kept = filterValues(dim, values, issues);
					if (kept) filters[dim] = kept;
				}
		}
	}
	for (const dim of DIMENSIONS) {
		if (!p.has(dim)) continue;
		const kept = filterValues(dim, [...(filters[dim] ?? []), ...p.getAll(dim)], issues);
		if (kept) filters[dim] = kept;
	}
	view.filters = filters;

	/**
	 * The value of `key` when it is one of `allowed`; a value it is not is an issue `bad`, quoting
	 * the value's first `quote` characters.
	 */
	const choice = <T extends string>(
		key: string,
		allowed: readonly T[],
		bad: MessageKey,
		quote: number
	): T | null => {
		const value = one(key);
		if (value === null || (allowed as readonly string[]).includes(value)) return value as T | null;
		issues.push({ key: bad, vars: { value: value.slice(0, quote) } });
		return null;
	};
	const by = choice('by', DIMENSIONS, 'link.breakdown-bad', 40);
	if (by !== null) view.breakdown = by;
	const funnel = choice('funnel', ['cohort', 'snapshot'] as const, 'link.funnel-bad', 40);
	if (funnel !== null) view.funnelMode = funnel;
	const drill = one('drill');
	if (drill !== null) {
		view.drill = parseDrill(drill);
		if (!view.drill) issues.push({ key: 'link.drill-bad', vars: { value: drill.slice(0, 60) } });
	}
	const lang = choice('lang', LANGS, 'link.lang-bad', 20);
	if (lang !== null) view.lang = lang;
	const dates = choice('dates', ['mdy', 'dmy'] as const, 'link.dates-bad', 20);
	if (dates !== null) view.dateOrder = dates;
	const timeout = one('timeout');
	if (timeout !== null) {
		const seconds = Number(timeout);
		if (/^\d+(\.\d+)?$/.test(timeout) && seconds >= 0.1 && seconds <= 600) view.timeout = seconds;
		else issues.push({ key: 'link.timeout-bad', vars: { value: timeout.slice(0, 20) } });
	}

	const c = one('c');
	if (c !== null) {
		const value = unpacked(c, 'link.part.config', issues);
		if (value !== undefined) {
			const expanded = expandConfig(value);
			view.config = expanded.config satisfies Config;
			issues.push(...expanded.issues);
		}
	}
	const x = one('x');
	if (x !== null) {
		const value = unpacked(x, 'link.part.options', issues);
		if (value !== undefined) {
			const obj = (typeof value === 'object' && value !== null ? value : {}) as Record<
				string,
				unknown
			>;
			const crm = obj.k === undefined ? {} : stringMap(obj.k, (v): v is string => cleanText(v));
			const enc =
				obj.e === undefined
					? {}
					: stringMap(obj.e, (v): v is Encoding => (ENCODINGS as readonly string[]).includes(v));
			const roles =
				obj.r === undefined
					? {}
					: stringMap(obj.r, (v): v is FileRole | 'ignore' => FILE_ROLES.includes(v));
			const unknown = Object.keys(obj).filter((k) => !['k', 'e', 'r'].includes(k));
			if (
				!crm ||
				!enc ||
				!roles ||
				unknown.length ||
				typeof value !== 'object' ||
				Array.isArray(value)
			)
				issues.push({ key: 'link.options-bad' });
			view.crm = crm ?? {};
			view.encodings = enc ?? {};
			if (roles && Object.keys(roles).length) view.roles = roles;
		}
	}
	return { view, issues, data, present, given };
}
