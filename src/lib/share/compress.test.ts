import { describe, expect, it } from 'vitest';
import { zerosDeflate } from '../../../tests/unit/zip-bomb';
import { fromBase64Url, toBase64Url } from './base64url';
import { deflate, inflate, packJson, unpackJson } from './compress';

describe('base64url', () => {
	it('round-trips every byte value without + / =', () => {
		const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 7) % 256);
		const text = toBase64Url(bytes);
		expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
		expect(fromBase64Url(text)).toEqual(bytes);
	});
	it('rejects text that is not base64url', () => {
		expect(fromBase64Url('ab+c')).toBeNull();
		expect(fromBase64Url('abcde')).toBeNull();
		expect(fromBase64Url('a b')).toBeNull();
	});
});

describe('compression', () => {
	it('inflates what it deflated', () => {
		const bytes = new TextEncoder().encode('stage,owner\n'.repeat(500));
		const packed = deflate(bytes);
		expect(packed.length).toBeLessThan(bytes.length / 10);
		expect(inflate(packed, 1e6)).toEqual({ bytes });
	});
	it('refuses a bomb past the limit and garbage', () => {
		const bomb = deflate(new Uint8Array(5_000_000));
		expect(inflate(bomb, 1_000_000)).toEqual({ error: 'size' });
		expect(inflate(new Uint8Array([255, 255, 255, 1, 2]), 1e6)).toEqual({ error: 'inflate' });
		expect(inflate(bomb.subarray(0, bomb.length >> 1), 1e8)).toEqual({ error: 'inflate' });
	});
	it('inflate(bomb, max) stops at the cap while inflating: a 1 MB link that inflates to 1 GiB is refused in bounded time and memory', () => {
		const bomb = zerosDeflate(1024);
		expect(bomb.length).toBeLessThan(1.5 * 1024 * 1024);
		const before = process.resourceUsage().maxRSS / 1024;
		const started = performance.now();
		expect(inflate(bomb, 64 * 1024 * 1024)).toEqual({ error: 'size' });
		// Generous bounds that prove "stopped early": inflating it all takes ~30 s and 2 GB.
		expect(performance.now() - started).toBeLessThan(5_000);
		expect(process.resourceUsage().maxRSS / 1024 - before).toBeLessThan(256);
		expect(unpackJson('~' + toBase64Url(bomb), 64 * 1024 * 1024)).toEqual({ error: 'size' });
	});
	it('packs short JSON plainly and long JSON compressed, and reads both back', () => {
		expect(packJson(12)).toBe('12');
		const long = { stages: Array.from({ length: 40 }, (_, i) => `Stage number ${i}`) };
		const packed = packJson(long);
		expect(packed.startsWith('~')).toBe(true);
		expect(unpackJson(packed, 1e6)).toEqual({ value: long });
		expect(unpackJson('{"a":1}', 1e6)).toEqual({ value: { a: 1 } });
	});
	it('says why a packed part cannot be read', () => {
		expect(unpackJson('~ab+c', 1e6)).toEqual({ error: 'base64' });
		expect(unpackJson('~AAAA', 1e6)).toEqual({ error: 'inflate' });
		expect(unpackJson('{"a":', 1e6)).toEqual({ error: 'json' });
		expect(unpackJson('x'.repeat(100), 10)).toEqual({ error: 'size' });
	});
});
