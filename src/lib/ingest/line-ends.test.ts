import { describe, expect, it } from 'vitest';
import { bytesMixLineEnds, mixesLineEnds, oneLineEnd } from './line-ends';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('line ends', () => {
	it('mixesLineEnds(text) is true only when two kinds of line ending appear', () => {
		expect(mixesLineEnds('a\nb\n')).toBe(false);
		expect(mixesLineEnds('a\r\nb\r\n')).toBe(false);
		expect(mixesLineEnds('a\rb\r')).toBe(false);
		expect(mixesLineEnds('a\r\nb\n')).toBe(true);
		expect(mixesLineEnds('\na\r\n')).toBe(true);
		expect(mixesLineEnds('a\rb\n')).toBe(true);
	});

	it('oneLineEnd(text) writes every line ending as \\n in mixed text and leaves uniform text alone', () => {
		expect(oneLineEnd('h\r\na\nb\r\nc\rd')).toBe('h\na\nb\nc\nd');
		expect(oneLineEnd('h\r\na\r\n')).toBe('h\r\na\r\n');
	});

	it('bytesMixLineEnds(source) reads bytes and files in chunks, a \\r\\n split across chunks included', async () => {
		expect(await bytesMixLineEnds(bytes('a\r\nb\r\n'))).toBe(false);
		expect(await bytesMixLineEnds(bytes('a\r\nb\n'))).toBe(true);
		expect(await bytesMixLineEnds(new Blob([bytes('a\r'), bytes('\nb\r'), bytes('\n')]))).toBe(
			false
		);
		expect(await bytesMixLineEnds(new Blob([bytes('a\r'), bytes('\nb\n')]))).toBe(true);
		const big = 'x,y\r\n'.repeat(300_000);
		expect(await bytesMixLineEnds(new Blob([big]))).toBe(false);
		expect(await bytesMixLineEnds(new Blob([big, 'x,y\n']))).toBe(true);
	});
});
