import { describe, expect, test } from 'vitest';
import { threadsWanted } from './threads';

describe('threadsWanted', () => {
	test.each([
		['?threads=1', true],
		['?v=2&threads=1', true],
		['', false],
		['?threads=0', false],
		['?threads=yes', false],
		['?threads', false]
	])('%s → %s', (search, expected) => {
		expect(threadsWanted(search)).toBe(expected);
	});
});
