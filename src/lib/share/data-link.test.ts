import { describe, expect, it } from 'vitest';
import { crc32, packFiles, unpackFiles } from './data-link';

const enc = (s: string) => new TextEncoder().encode(s);

describe('data in the link', () => {
	it('checks bytes with the standard CRC-32', () => {
		expect(crc32(enc('123456789'))).toBe(0xcbf43926);
		expect(crc32(enc('The quick brown fox jumps over the lazy dog'))).toBe(0x414fa339);
		expect(crc32(new Uint8Array(0))).toBe(0);
	});

	it('packs several files and reads them back byte for byte', () => {
		const files = [
			{ name: 'deals-2025-07.csv', bytes: enc('id,stage\n' + '1,Won\n'.repeat(300)) },
			{ name: 'spend.csv', bytes: Uint8Array.from([0xef, 0xbb, 0xbf, 0xd0, 0x96, 10]) }
		];
		const text = packFiles(files);
		expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
		expect(text.length).toBeLessThan(300);
		expect(unpackFiles(text)).toEqual({ files });
	});

	it('refuses damaged text instead of returning wrong bytes', () => {
		const text = packFiles([{ name: 'a.csv', bytes: enc('x,y\n1,2\n'.repeat(50)) }]);
		expect(unpackFiles(text.slice(0, text.length - 6))).toHaveProperty('error');
		expect(unpackFiles(text + '!')).toEqual({ error: 'base64' });
		expect(unpackFiles('')).toHaveProperty('error');
		let seed = 7;
		const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
		const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
		let opened = 0;
		for (let i = 0; i < 300; i++) {
			const chars = [...text];
			const at = Math.floor(rand() * chars.length);
			const was = chars[at];
			chars[at] = abc[Math.floor(rand() * 64)];
			const back = unpackFiles(chars.join(''));
			// Only a change in the last character's unused low bits can leave the bytes intact.
			if ('files' in back) {
				opened++;
				expect(back).toEqual(unpackFiles(text));
				expect(at === chars.length - 1 || was === chars[at]).toBe(true);
			}
		}
		expect(opened).toBeLessThan(10);
	});
});
