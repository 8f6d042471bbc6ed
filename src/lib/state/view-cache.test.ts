import { describe, expect, it } from 'vitest';
import { ViewCache } from './view-cache';

describe('ViewCache', () => {
	it('gives back a kept view by its key, and nothing for another', () => {
		const cache = new ViewCache<{ n: number }>();
		const view = { n: 1 };
		cache.set('all;owner=Ann', view);
		expect(cache.get('all;owner=Ann')).toBe(view);
		expect(cache.get('all;owner=Bob')).toBeUndefined();
	});

	it('keeps the most recently used views, dropping the least recently used first', () => {
		const cache = new ViewCache<string>(2);
		cache.set('a', 'A');
		cache.set('b', 'B');
		expect(cache.get('a')).toBe('A'); // a is now the most recent
		cache.set('c', 'C');
		expect(cache.get('b')).toBeUndefined();
		expect(cache.get('a')).toBe('A');
		expect(cache.get('c')).toBe('C');
	});

	it('a view set again under its key replaces the old one without growing', () => {
		const cache = new ViewCache<string>(2);
		cache.set('a', 'A1');
		cache.set('a', 'A2');
		cache.set('b', 'B');
		expect(cache.get('a')).toBe('A2');
		expect(cache.get('b')).toBe('B');
	});
});
