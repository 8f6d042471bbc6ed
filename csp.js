// The Content-Security-Policy of the site, in one place: svelte.config.js puts it in every page
// (a <meta> tag, with hashes of SvelteKit's inline start-up script), static/_headers repeats it
// as an HTTP header for hosts that read that file (Netlify, Cloudflare Pages; a unit test keeps
// the two equal), docs/csp.md shows the nginx line, and an e2e test serves the site with it.
//
// - script-src 'wasm-unsafe-eval': DuckDB-WASM compiles WebAssembly (no JS eval is allowed).
// - worker-src blob:: the engine's worker starts from a small blob: script that imports
//   duckdb-wasm's worker (src/lib/db/code-cache-worker.ts); its threads ('self') in the opt-in
//   threaded build.
// - connect-src 'self' blob:: the engine fetches its wasm from the site (and from a blob: copy
//   when a host serves .wasm with the wrong type). Data loaded from another origin (a hosted
//   ?src= link) needs that origin in the policy at build time, since a <meta> policy cannot change
//   with the link: `DATA_ORIGINS="https://data.example.com https://bucket.s3.amazonaws.com"
//   npm run build` adds them to connect-src.
// - img-src data: blob:: the PNG export draws the chart's SVG through a blob: image.
// - style-src 'unsafe-inline': Svelte writes style attributes (positions, colours); styles
//   cannot run code.

/**
 * Origins a team's data is hosted on, from a space-separated list; anything but an http(s)
 * origin is refused so a typo cannot open the policy wide.
 * @param {string | undefined} list
 * @returns {string[]}
 */
export function dataOrigins(list) {
	return (list ?? '')
		.split(/\s+/)
		.filter(Boolean)
		.map((origin) => {
			const url = URL.canParse(origin) ? new URL(origin) : null;
			if (!url || !/^https?:$/.test(url.protocol) || url.origin !== origin.replace(/\/$/, ''))
				throw new Error(`DATA_ORIGINS: "${origin}" is not an origin like https://data.example.com`);
			return url.origin;
		});
}

/** @type {NonNullable<NonNullable<import('@sveltejs/kit').Config['kit']>['csp']>['directives']} */
export const CSP_DIRECTIVES = {
	'default-src': ['self'],
	'script-src': ['self', 'wasm-unsafe-eval'],
	'worker-src': ['self', 'blob:'],
	// Kit's source type spells out host patterns; dataOrigins has checked these are origins.
	'connect-src': /** @type {'self'[]} */ ([
		'self',
		'blob:',
		...dataOrigins(process.env.DATA_ORIGINS)
	]),
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
