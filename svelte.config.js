import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { CSP_DIRECTIVES, withCspHeaders } from './csp.js';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// BUILD_DIR lets a test build a sub-path copy without touching `build/`.
		adapter: withCspHeaders(
			adapter({
				pages: process.env.BUILD_DIR ?? 'build',
				assets: process.env.BUILD_DIR ?? 'build',
				fallback: undefined,
				strict: true
			}),
			process.env.BUILD_DIR ?? 'build'
		),
		// Registered by the page once the engine runs (src/lib/offline/keep-engine.ts), so the
		// worker's install never competes with the engine's first start.
		serviceWorker: { register: false },
		paths: {
			// Any static host, any sub-path: `BASE_PATH=/pipelens npm run build`.
			base: /** @type {'' | `/${string}`} */ (process.env.BASE_PATH ?? ''),
			relative: true
		},
		// Hashes, not nonces: the pages are prerendered static files (see csp.js).
		csp: {
			mode: 'hash',
			directives: CSP_DIRECTIVES
		},
		typescript: {
			// Type-check the tooling too, not only src/ and tests/.
			config: (tsconfig) => {
				tsconfig.include.push('../vite.cli.config.ts', '../scripts/**/*.mjs', '../*.js');
			}
		}
	}
};

export default config;
