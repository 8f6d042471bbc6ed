// The Content-Security-Policy of the site, in one place: svelte.config.js puts it in every page
// (a <meta> tag, with hashes of SvelteKit's inline start-up script), static/_headers repeats it
// as an HTTP header for hosts that read that file (Netlify, Cloudflare Pages; a unit test keeps
// the two equal), docs/csp.md shows the nginx line, and an e2e test serves the site with it.
//
// - script-src 'wasm-unsafe-eval': DuckDB-WASM compiles WebAssembly (no JS eval is allowed).
// - worker-src blob:: duckdb-wasm may start its worker from a blob: URL.
// - connect-src 'self' blob:: the engine fetches its wasm from the site (and from a blob: copy
//   when a host serves .wasm with the wrong type). Data loaded from another origin (a hosted
//   ?src= link) needs that origin added here by the host that serves the site: a <meta> policy
//   cannot change with the link.
// - img-src data: blob:: the PNG export draws the chart's SVG through a blob: image.
// - style-src 'unsafe-inline': Svelte writes style attributes (positions, colours); styles
//   cannot run code.

/** @type {NonNullable<NonNullable<import('@sveltejs/kit').Config['kit']>['csp']>['directives']} */
export const CSP_DIRECTIVES = {
	'default-src': ['self'],
	'script-src': ['self', 'wasm-unsafe-eval'],
	'worker-src': ['self', 'blob:'],
	'connect-src': ['self', 'blob:'],
	'img-src': ['self', 'data:', 'blob:'],
	'style-src': ['self', 'unsafe-inline'],
	'font-src': ['self'],
	'object-src': ['none'],
	'base-uri': ['self'],
	'form-action': ['self']
};

/**
 * The adapter, then a `_headers` file beside the pages (Netlify, Cloudflare Pages) holding the
 * policy SvelteKit wrote into index.html — hashes of the inline start-up script included, which
 * change with every build — as an HTTP header, with `frame-ancestors 'none'` added.
 * @param {import('@sveltejs/kit').Adapter} adapter
 * @param {string} out the folder the adapter writes
 * @returns {import('@sveltejs/kit').Adapter}
 */
export function withCspHeaders(adapter, out) {
	return {
		...adapter,
		async adapt(builder) {
			await adapter.adapt(builder);
			const { readFileSync, writeFileSync } = await import('node:fs');
			const html = readFileSync(`${out}/index.html`, 'utf8');
			const meta = /<meta http-equiv="content-security-policy" content="([^"]+)"/.exec(html);
			if (!meta) throw new Error(`${out}/index.html has no content-security-policy meta tag`);
			const policy = `${meta[1].replace(/&#39;|&apos;/g, "'")}; frame-ancestors 'none'`;
			writeFileSync(
				`${out}/_headers`,
				`/*\n  Content-Security-Policy: ${policy}\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer\n`
			);
		}
	};
}
