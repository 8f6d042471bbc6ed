import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ pages: 'build', assets: 'build', fallback: undefined, strict: true }),
		// Registered by the page once the engine runs (src/lib/offline/keep-engine.ts), so the
		// worker's install never competes with the engine's first start.
		serviceWorker: { register: false },
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
