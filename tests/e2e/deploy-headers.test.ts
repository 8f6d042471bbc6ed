import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { serve, type Served } from './server';
import { BUILD, builtHeaders, requireBuild } from './site';

/**
 * The Content-Security-Policy reaches every asset, the engine's worker scripts included: a
 * `<meta>` policy covers the page only, and a worker loaded from a URL runs under the headers
 * of its own response. Checked on the built site served with build/_headers (as Netlify or
 * Cloudflare Pages apply it), and on the README's nginx example, where an `add_header` in a
 * `location` drops the server-level ones.
 */

describe('the policy on every asset', () => {
	let site: Served;
	let policy: string;

	beforeAll(async () => {
		requireBuild();
		const headers = builtHeaders();
		policy = headers['content-security-policy'];
		site = await serve(BUILD, { headers });
	});

	afterAll(async () => {
		await site?.close();
	});

	test('the page, the engine and workbook workers and the wasm are served with the policy', async () => {
		expect(policy).toMatch(/script-src 'self' 'wasm-unsafe-eval'/);
		// The engine's workers and wasm are assets; the workbook reader's worker is a worker chunk.
		const under = (dir: string) =>
			readdirSync(join(BUILD, dir))
				.filter((f) => /\.(js|wasm)$/.test(f))
				.map((f) => `${dir}/${f}`);
		const files = [...under('_app/immutable/assets'), ...under('_app/immutable/workers')];
		expect(files.filter((f) => /duckdb-browser-(eh|mvp)\.worker.*\.js$/.test(f))).toHaveLength(2);
		expect(files.filter((f) => /xlsx\.worker.*\.js$/.test(f))).toHaveLength(1);
		for (const path of ['', ...files]) {
			const response = await fetch(new URL(path, site.url), { method: 'HEAD' });
			expect(response.status, path).toBe(200);
			expect(response.headers.get('content-security-policy'), path).toBe(policy);
			expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
		}
	});
});

describe("the README's deploy examples", () => {
	const readme = readFileSync('README.md', 'utf8');

	test('nginx: every location that sets headers repeats the policy', () => {
		const nginx = /```nginx\n([\s\S]*?)```/.exec(readme)![1];
		const csp = /add_header Content-Security-Policy "([^"]+)" always;/;
		expect(csp.exec(nginx)?.[1]).toMatch(/worker-src 'self' blob:/);
		const locations = [...nginx.matchAll(/location [^{]+\{([^}]*)\}/g)].map((m) => m[1]);
		expect(locations.length).toBeGreaterThan(1);
		for (const block of locations.filter((b) => b.includes('add_header')))
			expect(block).toMatch(csp);
	});

	test('every host names where the policy comes from for the worker', () => {
		for (const host of ['### GitHub Pages', '### Netlify', '### S3 and CloudFront']) {
			const at = readme.indexOf(host);
			const section = readme.slice(at, readme.indexOf('\n### ', at + 1));
			expect(section, host).toMatch(/worker/);
		}
	});
});
