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
