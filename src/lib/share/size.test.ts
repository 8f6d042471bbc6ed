import { expect, it } from 'vitest';
import { formatBytes } from './size';

it('formats byte counts', () => {
	expect(formatBytes(950)).toBe('950 B');
	expect(formatBytes(12_345)).toBe('12.3 kB');
	expect(formatBytes(4_100_000)).toBe('4.1 MB');
});
