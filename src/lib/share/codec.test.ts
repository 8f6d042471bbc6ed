import { describe, expect, it } from 'vitest';
import { packJson } from './compress';
import { decodeLink, encodeLink, MAX_FILTER_VALUES } from './codec';
import { DEFAULT_VIEW, type ShareView } from './view';
import { en } from '../i18n/messages';

const full: ShareView = {
	source: {
		kind: 'hosted',
		files: [{ url: 'data/deals.csv', role: 'deals' }, { url: 'https://example.com/spend.csv' }]
	},
	config: {
		stages: ['RDD', 'Custom Demo / POV', 'Technical Win'],
		won: ['Closed-Won'],
		lost: ['Closed-Lost'],
		columns: { id: 'opp', amount: 'acv', probability: null },
		history: { id: 'opp', stage: 'stage', at: 'entered' },
		spend: { date: 'month', channel: 'channel', amount: 'amount' }
	},
	period: { from: '2024-04-01', to: '2025-03-31' },
	filters: { owner: ['Alice & Bob', 'Ёжик'], source: ['Paid, search'] },
	breakdown: 'source',
	funnelMode: 'snapshot',
	drill: { kind: 'reason', reason: 'Price' },
	lang: 'ru',
	crm: { 'deals.csv': 'salesforce' },
	encodings: { 'deals.csv': 'windows-1251' },
	roles: { 'log.csv': 'history', 'notes.csv': 'ignore' },
	dateOrder: 'dmy',
	timeout: 5
};

const roundTrip = (view: ShareView) => {
	const { search, hash } = encodeLink(view);
	return decodeLink(search, hash);
};

describe('the link codec', () => {
	it('a role a file cannot have is left out, with a message', () => {
		const x = packJson({ r: { 'a.csv': 'people' } });
		const back = decodeLink(`?v=1&file=a.csv&x=${encodeURIComponent(x)}`);
		expect(back.issues).toEqual([{ key: 'link.options-bad' }]);
		expect(back.view.roles).toBeUndefined();
	});

	it('round-trips a whole view with no message', () => {
		const back = roundTrip(full);
		expect(back.issues).toEqual([]);
		expect(back.view).toEqual(full);
	});

	it('leaves defaults out: an empty view is just the version', () => {
		expect(encodeLink(DEFAULT_VIEW)).toEqual({ search: '', hash: 'v=1' });
		const back = decodeLink('');
		expect(back).toMatchObject({ present: false, issues: [], view: DEFAULT_VIEW });
	});

	it('keeps short parts readable and compresses long ones', () => {
		const { search, hash } = encodeLink({
			...DEFAULT_VIEW,
			source: { kind: 'files', names: ['deals-2025-07.csv'] },
			period: { from: '2025-01-01', to: '2025-03-31' },
			filters: { owner: ['Alice'] }
		});
		expect(search).toBe('');
		expect(hash).toBe('v=1&file=deals-2025-07.csv&from=2025-01-01&to=2025-03-31&owner=Alice');
		const many = Array.from({ length: 200 }, (_, i) => `Owner number ${i}`);
		const long = encodeLink({ ...DEFAULT_VIEW, filters: { owner: many } }).hash;
		expect(new URLSearchParams(long).get('w')).toMatch(/^~[A-Za-z0-9_-]+$/);
		expect(long.length).toBeLessThan(many.join('&owner=').length / 3);
		expect(
			encodeLink({
				...DEFAULT_VIEW,
				source: { kind: 'hosted', files: [{ url: 'deals:https://x.org/a b+c.csv' }] }
			})
		).toEqual({ search: 'src=deals:https://x.org/a%20b%2Bc.csv', hash: 'v=1' });
		expect(decodeLink('', long).view.filters.owner).toEqual(many);
		expect(decodeLink(long).view.filters.owner).toEqual(many);
	});

	it('keeps everything that describes the data out of the query: only src goes to the host', () => {
		const { search, hash } = encodeLink({
			...full,
			source: { kind: 'hosted', files: [{ url: 'data/deals.csv', role: 'deals' }] }
		});
		expect([...new URLSearchParams(search).keys()]).toEqual(['src']);
		for (const key of ['owner', 'from', 'to', 'c'])
			expect(new URLSearchParams(hash).has(key)).toBe(true);
		const names = encodeLink({
			...DEFAULT_VIEW,
			source: { kind: 'files', names: ['q3 deals.csv'] }
		});
		expect(names.search).toBe('');
		expect(decodeLink(names.search, names.hash).view.source).toEqual({
			kind: 'files',
			names: ['q3 deals.csv']
		});
	});

	it('puts a data-in-link view wholly in the fragment', () => {
		const { search, hash } = encodeLink(
			{ ...full, source: { kind: 'inline' }, timeout: null },
			'~abc'
		);
		expect(search).toBe('');
		expect(new URLSearchParams(hash).get('d')).toBe('~abc');
		const back = decodeLink('', hash);
		expect(back.data).toBe('~abc');
		expect(back.view.source).toEqual({ kind: 'inline' });
		expect(back.view.filters).toEqual(full.filters);
	});

	it('reads several src with and without a role, and refuses other schemes', () => {
		const back = decodeLink(
			'v=1&src=deals:data/d.csv&src=spend:https://x.org/s.csv&src=javascript:alert(1)&src=history://x&src=//evil.org/a.csv'
		);
		expect(back.view.source).toEqual({
			kind: 'hosted',
			files: [
				{ url: 'data/d.csv', role: 'deals' },
				{ url: 'https://x.org/s.csv', role: 'spend' }
			]
		});
		expect(back.issues.map((i) => i.key)).toEqual(['link.src-bad', 'link.src-bad', 'link.src-bad']);
	});

	it('gives the nearest valid view and a message per fault', () => {
		const back = decodeLink(
			'v=9&from=2025-02-30&to=2025-03-01&by=colour&funnel=x&lang=de&owner=Alice&colour=red&c=' +
				encodeURIComponent('{"s":["A","B"],"w":"Won","zz":1,"__proto__":{"x":1}}')
		);
		expect(back.view).toMatchObject({
			period: null,
			breakdown: 'owner',
			funnelMode: 'cohort',
			lang: null,
			filters: { owner: ['Alice'] },
			config: { stages: ['A', 'B'] }
		});
		expect(Object.getPrototypeOf(back.view.config)).toBe(Object.prototype);
		const keys = back.issues.map((i) => i.key);
		expect(keys).toEqual(
			expect.arrayContaining([
				'link.version-newer',
				'link.unknown-key',
				'link.period-bad',
				'link.breakdown-bad',
				'link.funnel-bad',
				'link.lang-bad',
				'link.config-invalid'
			])
		);
		expect(back.issues.filter((i) => i.key === 'link.config-invalid')).toHaveLength(3);
		for (const issue of back.issues) expect(en[issue.key]).toBeTruthy();
	});

	it('caps huge parts instead of growing without bound', () => {
		const owners = Array.from({ length: MAX_FILTER_VALUES + 10 }, (_, i) => `o${i}`);
		const back = roundTrip({ ...DEFAULT_VIEW, filters: { owner: owners } });
		expect(back.view.filters.owner).toHaveLength(MAX_FILTER_VALUES);
		expect(back.issues.map((i) => i.key)).toEqual(['link.filter-many']);
		const huge = decodeLink(`v=1&c=${'~' + 'A'.repeat(50)}&timeout=1e308`);
		expect(huge.view.config).toEqual({});
		expect(huge.view.timeout).toBeNull();
		expect(huge.issues.map((i) => i.key)).toEqual(['link.timeout-bad', 'link.part-damaged']);
	});

	it('reads a hand-written link without a version, and ignores trackers', () => {
		const back = decodeLink('from=2025-01-01&to=2025-01-31&utm_source=mail');
		expect(back.issues).toEqual([]);
		expect(decodeLink('src=data/deals.csv').view.source).toEqual({
			kind: 'hosted',
			files: [{ url: 'data/deals.csv' }]
		});
		expect(back.view.period).toEqual({ from: '2025-01-01', to: '2025-01-31' });
	});

	it('leaves the page setting threads=1 to the page, without a message', () => {
		const back = decodeLink('threads=1');
		expect(back.issues).toEqual([]);
		expect(back.view).toEqual(DEFAULT_VIEW);
	});

	it('never throws on fuzzed links', () => {
		let seed = 42;
		const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
		const base = Object.values(encodeLink(full)).join('');
		const alphabet = '~%&=?#{}[]",:_-+/\\\u0000é日ab01';
		for (let i = 0; i < 2000; i++) {
			const chars = [...base];
			for (let m = 0; m < 1 + Math.floor(rand() * 6); m++) {
				const at = Math.floor(rand() * chars.length);
				const op = rand();
				if (op < 0.3) chars.splice(at);
				else if (op < 0.6) chars[at] = alphabet[Math.floor(rand() * alphabet.length)];
				else chars.splice(at, 0, alphabet[Math.floor(rand() * alphabet.length)]);
			}
			const link = chars.join('');
			const back = decodeLink(link, link.slice(link.length >> 1));
			expect(back.view.breakdown).toMatch(/^(owner|source|pipeline|segment)$/);
			for (const issue of back.issues) expect(en[issue.key]).toBeTruthy();
		}
	});
});
