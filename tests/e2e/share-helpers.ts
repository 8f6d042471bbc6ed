import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { decodeLink } from '../../src/lib/share/codec';
import { unpackFiles } from '../../src/lib/share/data-link';
import { seeded } from '../generators/random.mjs';

/** The page's "Download metrics (JSON)": the report of the view on screen. */
export async function metricsJson(page: Page): Promise<Record<string, unknown>> {
	const [file] = await Promise.all([
		page.waitForEvent('download'),
		page.click('[data-testid="download-json"]')
	]);
	return JSON.parse(readFileSync(await file.path(), 'utf8'));
}

/** What the page shows as its view: period and filters (the ready marker), breakdown, mode. */
export async function viewState(page: Page) {
	return page.evaluate(() => ({
		view: document.querySelector('main')?.getAttribute('data-view'),
		by: document.querySelector<HTMLSelectElement>('[data-testid="breakdown-by"]')?.value,
		funnel: document.querySelector<HTMLInputElement>('[name="funnel-mode"]:checked')?.value,
		lang: document.documentElement.lang,
		filters: [...document.querySelectorAll('.controls [data-testid^="filter-"] .summary')].map(
			(e) => e.textContent?.trim()
		)
	}));
}

/** Break the view down by source, filter by its first row (a click on it); that row's value. */
export async function filterByFirstSource(page: Page): Promise<string> {
	await page.selectOption('[data-testid="breakdown-by"]', 'source');
	await page.waitForSelector('main[data-ready="true"] [data-testid="breakdown"] th >> text=Source');
	const value = await page.getAttribute(
		'[data-testid="breakdown"] tbody tr >> nth=0',
		'data-value'
	);
	await page.click(`[data-testid="breakdown"] tbody tr[data-value="${value}"] .pick`);
	return value!;
}

/** Wait until the page shows a report for the view it is on (`view`: its data-view marker). */
export function ready(page: Page, view?: string) {
	return page.waitForSelector(
		view === undefined
			? 'main[data-ready="true"]'
			: `main[data-ready="true"][data-view="${view.replace(/"/g, '\\"')}"]`
	);
}

const KINDS = ['truncate', 'flip', 'version', 'base64', 'json', 'huge', 'proto', 'data'] as const;
export type DamageKind = (typeof KINDS)[number];

/**
 * Damaged copies of a good link (`query`, without `?`, and a data-in-link `fragment`), seeded:
 * cut short, characters flipped, a wrong version, bad base64, garbage JSON, huge values,
 * `__proto__` keys, damaged data. Only damage the codec can notice is kept (a flipped letter in
 * a file name is a different, valid link), so every link must open with a message.
 */
export function damagedLinks(
	query: string,
	fragment: string,
	count: number,
	seed = 20250701
): { kind: DamageKind; search: string; hash: string }[] {
	const rand = seeded(seed).next;
	const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)];
	const junk = '~%&=#{}[]":,_-+/\\é日0aZ\u0001';
	const out: { kind: DamageKind; search: string; hash: string }[] = [];
	for (let tries = 0; out.length < count && tries < count * 50; tries++) {
		const kind = KINDS[out.length % KINDS.length];
		let search = query;
		let hash = '';
		const params = new URLSearchParams(query);
		switch (kind) {
			case 'truncate': {
				const c = params.get('c')!;
				params.set('c', c.slice(0, 1 + Math.floor(rand() * (c.length - 2))));
				search = params.toString();
				break;
			}
			case 'flip': {
				const c = [...params.get('c')!];
				for (let i = 0; i < 1 + Math.floor(rand() * 3); i++)
					c[1 + Math.floor(rand() * (c.length - 1))] = pick([...junk]);
				params.set('c', c.join(''));
				search = params.toString();
				break;
			}
			case 'version':
				params.set('v', pick(['0', '2', '999', 'x', '-1', '1.5', '']));
				search = params.toString();
				break;
			case 'base64':
				params.set(pick(['c', 'w', 'x']), '~' + pick(['!!!', 'a', '@@@@', 'ab cd', '====']));
				search = params.toString();
				break;
			case 'json':
				params.set(
					pick(['c', 'w', 'x']),
					pick(['{"s":', '[1,2', '{"s":[1]}', 'null', '"x"', '{{'])
				);
				search = params.toString();
				break;
			case 'huge':
				params.set(
					pick(['from', 'to', 'timeout', 'by', 'owner']),
					pick(['9'.repeat(400), '99999-01-01', '1e308', 'x'.repeat(5000)])
				);
				if (rand() < 0.5) params.set('from', '2025-13-45');
				search = params.toString();
				break;
			case 'proto':
				params.set(
					pick(['c', 'w', 'x']),
					pick([
						'{"__proto__":{"polluted":1}}',
						'{"constructor":{"prototype":{"polluted":1}}}',
						'{"k":{"__proto__":"x"},"__proto__":[]}'
					])
				);
				if (rand() < 0.5) params.set('__proto__', 'x');
				search = params.toString();
				break;
			case 'data': {
				search = '';
				const f = new URLSearchParams(fragment);
				const d = [...f.get('d')!];
				const at = Math.floor(rand() * d.length);
				if (rand() < 0.5) d.splice(at);
				else d[at] = pick([...'!*.AZaz09-_']);
				f.set('d', d.join(''));
				hash = f.toString();
				break;
			}
		}
		const noticed =
			kind === 'data'
				? 'error' in unpackFiles(new URLSearchParams(hash).get('d') ?? '')
				: decodeLink(search, hash).issues.length > 0;
		if (!noticed) continue;
		out.push({ kind, search, hash });
	}
	return out;
}
