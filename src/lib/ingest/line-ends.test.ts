import { describe, expect, it } from 'vitest';
import { bytesMixLineEnds, mixesLineEnds, oneLineEnd } from './line-ends';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('line ends', () => {
	it('mixesLineEnds(text) is true only when lines end in \\r\\n and a bare \\n both', () => {
		for (const mixed of ['a\r\nb\n', '\na\r\n']) expect(mixesLineEnds(mixed), mixed).toBe(true);
		// A bare \r is text inside a field (or an old Mac file's only line ending).
		for (const uniform of ['a\nb\n', 'a\r\nb\r\n', 'a\rb\r', 'a,"\rb"\nc\n'])
			expect(mixesLineEnds(uniform), uniform).toBe(false);
	});

	it('oneLineEnd(text) writes \\r\\n as \\n in mixed text, keeps a bare \\r, and leaves uniform text alone', () => {
		expect(oneLineEnd('h\r\na\nb\r\nc,"\rd"\n')).toBe('h\na\nb\nc,"\rd"\n');
		expect(oneLineEnd('h\r\na\r\n')).toBe('h\r\na\r\n');
		expect(oneLineEnd('h\na,"\rb"\n')).toBe('h\na,"\rb"\n');
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
