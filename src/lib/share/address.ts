import type { Dimension } from '../model/config';
import type { Filters } from '../model/filters';
import type { LinkIssue } from './view';

/** `href` with its query and fragment replaced. */
export function withLink(href: string, search: string, hash: string): string {
	const url = new URL(href);
	url.search = search;
	url.hash = hash;
	return url.href;
}

/**
 * Parameters that stay in the query: the hosted data files, the demo, the threaded engine (the
 * service worker reads it from the page's request) and the memory knobs (none describes the
 * data), and mail and ad trackers.
 */
const QUERY_KEYS =
	/^(src|demo|threads|memory-mb|engine-memory-mb|utm_\w+|fbclid|gclid|yclid|mc_cid|mc_eid)$/;

/**
 * An older link kept its view in the query: the parts that describe data moved into the
 * fragment (the fragment's own keys kept), or null when there is nothing to move. Done on
 * landing, so the next reload sends the host no filter value, file name or config.
 */
export function movedToFragment(
	search: string,
	hash: string
): { search: string; hash: string } | null {
	const query = new URLSearchParams(search.replace(/^\?/, ''));
	const fragment = new URLSearchParams(hash.replace(/^#/, ''));
	const keys = [...new Set(query.keys())].filter((k) => !QUERY_KEYS.test(k));
	if (!keys.length) return null;
	for (const key of keys) {
		if (!fragment.has(key)) for (const v of query.getAll(key)) fragment.append(key, v);
		query.delete(key);
	}
	return { search: query.toString(), hash: fragment.toString() };
}

/** A data URL from a link or dashboard.json, resolved against the site's folder; null if invalid. */
export function resolveData(url: string, site: URL): URL | null {
	try {
		return new URL(url, site);
	} catch {
		return null;
	}
}

/**
 * The filters without values the data does not have (the nearest valid view), with one
 * message per dimension that lost values.
 */
export function keepKnownValues(
	filters: Filters,
	known: Partial<Record<Dimension, { value: string }[]>>
): { filters: Filters; issues: LinkIssue[] } {
	const out: Filters = {};
	const issues: LinkIssue[] = [];
	for (const [dim, values] of Object.entries(filters) as [Dimension, string[]][]) {
		const have = new Set((known[dim] ?? []).map((v) => v.value));
		const missing = values.filter((v) => !have.has(v));
		const kept = values.filter((v) => have.has(v));
		if (missing.length)
			issues.push({
				key: 'link.filter-missing',
				vars: { dim, values: missing.slice(0, 5).join('”, “') + (missing.length > 5 ? '…' : '') }
			});
		if (kept.length) out[dim] = kept;
	}
	return { filters: out, issues };
}
