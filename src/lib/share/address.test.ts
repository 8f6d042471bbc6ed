import { describe, expect, it } from 'vitest';
import { keepKnownValues, movedToFragment, resolveData, withLink } from './address';

describe('addresses', () => {
	it('replaces the query and fragment of the page address', () => {
		expect(withLink('https://h.org/team/p/?a=1#x', 'v=1', '')).toBe('https://h.org/team/p/?v=1');
		expect(withLink('https://h.org/team/p/?a=1', '', 'd=abc')).toBe('https://h.org/team/p/#d=abc');
	});
	it('resolves data paths against the site folder, not the host root', () => {
		const site = new URL('https://h.org/team/pipelens/');
		expect(resolveData('data/deals.csv', site)?.href).toBe(
			'https://h.org/team/pipelens/data/deals.csv'
		);
		expect(resolveData('https://cdn.org/s.csv', site)?.href).toBe('https://cdn.org/s.csv');
		expect(resolveData('http://[bad', site)).toBeNull();
	});
	it('leaves out filter values the data lacks, with a message', () => {
		const known = { owner: [{ value: 'Ann' }, { value: 'Bo' }] };
		expect(keepKnownValues({ owner: ['Ann', 'Zed'], source: ['Web'] }, known)).toEqual({
			filters: { owner: ['Ann'] },
			issues: [
				{ key: 'link.filter-missing', vars: { dim: 'owner', values: 'Zed' } },
				{ key: 'link.filter-missing', vars: { dim: 'source', values: 'Web' } }
			]
		});
		expect(keepKnownValues({ owner: ['Bo'] }, known).issues).toEqual([]);
	});
});

describe('movedToFragment', () => {
	it('moves an old link’s view from the query to the fragment, keeping src, the demo, the threads and memory knobs and trackers', () => {
		const moved = movedToFragment(
			'?v=1&src=data/deals.csv&owner=Ann&owner=Bob&file=q3.csv&threads=1&memory-mb=300&utm_source=mail',
			''
		);
		expect(moved).toEqual({
			search: 'src=data%2Fdeals.csv&threads=1&memory-mb=300&utm_source=mail',
			hash: 'v=1&owner=Ann&owner=Bob&file=q3.csv'
		});
	});

	it('keeps the fragment’s own values, and moves nothing from a link already in the new form', () => {
		expect(movedToFragment('?by=source', '#by=owner&v=1')).toEqual({
			search: '',
			hash: 'by=owner&v=1'
		});
		expect(movedToFragment('?src=a.csv', '#v=1&owner=Ann')).toBeNull();
		expect(movedToFragment('', '')).toBeNull();
	});
});
