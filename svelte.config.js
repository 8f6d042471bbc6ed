import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// BUILD_DIR lets a test build a sub-path copy without touching `build/`.
		adapter: adapter({
			pages: process.env.BUILD_DIR ?? 'build',
			assets: process.env.BUILD_DIR ?? 'build',
			fallback: undefined,
			strict: true
		}),
		paths: {
			// Any static host, any sub-path: `BASE_PATH=/pipelens npm run build`.
			base: /** @type {'' | `/${string}`} */ (process.env.BASE_PATH ?? ''),
			relative: true
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
