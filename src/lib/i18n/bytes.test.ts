import { expect, it } from 'vitest';
import { formatBytes, kilobytes, megabytes } from './bytes';

it('formatBytes(n) shows decimal units with one decimal', () => {
	expect(formatBytes(950)).toBe('950 B');
	expect(formatBytes(12_345)).toBe('12.3 kB');
	expect(formatBytes(4_100_000)).toBe('4.1 MB');
});

it('kilobytes(n) is whole binary kilobytes, rounded up', () => {
	expect(kilobytes(256 * 1024)).toBe('256 kB');
	expect(kilobytes(1024 * 1024 + 1)).toBe('1,025 kB');
});

it('megabytes(n) is whole binary megabytes, rounded, grouped', () => {
	expect(megabytes(512 * 1024 ** 2)).toBe('512 MB');
	expect(megabytes(3 * 1024 ** 3)).toBe('3,072 MB');
	expect(megabytes(1.4 * 1024 ** 2)).toBe('1 MB');
});

it('sizes read in Russian with a decimal comma, grouped digits and Russian units', () => {
	expect(formatBytes(950, 'ru')).toBe('950 Б');
	expect(formatBytes(88_100, 'ru')).toBe('88,1 кБ');
	expect(formatBytes(4_100_000, 'ru')).toBe('4,1 МБ');
	// Intl groups Russian thousands with a no-break space.
	expect(megabytes(3 * 1024 ** 3, 'ru')).toBe('3\u00a0072 МБ');
	expect(kilobytes(256 * 1024, 'ru')).toBe('256 кБ');
});
