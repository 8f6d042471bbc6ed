import { describe, expect, it } from 'vitest';
import type { DrillTarget } from '../metrics/drill';
import { decodeLink, encodeLink } from './codec';
import { parseDrill } from './drill-part';
import { DEFAULT_VIEW, type ShareView } from './view';

const TARGETS: DrillTarget[] = [
	{ kind: 'funnel', mode: 'cohort', step: 3 },
	{ kind: 'funnel', mode: 'snapshot', step: 1 },
	{ kind: 'cohort', month: '2024-11', step: 2 },
	{ kind: 'kpi', set: 'open' },
	{ kind: 'breakdown', dimension: 'owner', value: 'Eve O\'Neil & "Co" #1', set: 'created' },
	{ kind: 'reason', reason: 'Цена / price=high' },
	{ kind: 'reason', reason: '(none)' },
	{ kind: 'lost-stage', step: 4 },
	{ kind: 'forecast', month: '2025-04' },
	{ kind: 'forecast', month: null },
	{ kind: 'quality', finding: 'stale_open' }
];

describe('the open list of deals in a link', () => {
	it.each(TARGETS)('%j goes through a link and back', (drill) => {
		const view: ShareView = {
			...DEFAULT_VIEW,
			source: { kind: 'files', names: ['deals.csv'] },
			drill
		};
		const { search, hash } = encodeLink(view);
		expect(search).toBe('');
		const link = decodeLink('', `#${hash}`);
		expect(link.issues).toEqual([]);
		expect(link.view.drill).toEqual(drill);
	});

	it('a link without one opens no list', () => {
		expect(decodeLink('', '#v=1&file=deals.csv').view.drill).toBeNull();
	});

	it.each([
		'["funnel","cohort",0]',
		'["funnel","other",2]',
		'["cohort","2024-13",1]',
		'["kpi","closed"]',
		'["breakdown","region","North","won"]',
		'["reason",""]',
		'["lost-stage",1.5]',
		'["forecast","soon"]',
		'["quality","everything"]',
		'{"kind":"kpi"}',
		'not json'
	])('%s is not read, and said so', (text) => {
		expect(parseDrill(text)).toBeNull();
		const link = decodeLink('', `#v=1&drill=${encodeURIComponent(text)}`);
		expect(link.view.drill).toBeNull();
		expect(link.issues.map((i) => i.key)).toEqual(['link.drill-bad']);
	});
});
