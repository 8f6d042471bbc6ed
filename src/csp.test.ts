import { describe, expect, it } from 'vitest';
import { CSP_DIRECTIVES as DIRECTIVES, dataOrigins } from '../csp.js';

const CSP_DIRECTIVES = DIRECTIVES ?? {};

describe('the Content-Security-Policy', () => {
	it('lets the engine run and nothing else reach out: wasm, workers, data from the site only', () => {
		expect(CSP_DIRECTIVES['script-src']).toEqual(['self', 'wasm-unsafe-eval']);
		expect(CSP_DIRECTIVES['worker-src']).toEqual(['self', 'blob:']);
		expect(CSP_DIRECTIVES['default-src']).toEqual(['self']);
		expect(CSP_DIRECTIVES['object-src']).toEqual(['none']);
	});

	it('adds the data origins a team names at build time, and refuses anything but an origin', () => {
		expect(dataOrigins(undefined)).toEqual([]);
		expect(dataOrigins(' https://data.example.com  http://localhost:8080/ ')).toEqual([
			'https://data.example.com',
			'http://localhost:8080'
		]);
		for (const bad of [
			'*',
			'https:',
			'javascript:alert(1)',
			'https://x.example/path',
			"'unsafe-inline'"
		])
			expect(() => dataOrigins(bad), bad).toThrow(/DATA_ORIGINS/);
	});
});
