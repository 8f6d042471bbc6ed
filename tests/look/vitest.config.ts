import { defineConfig } from 'vitest/config';

// Screenshots to look at (not part of `npm test`): `npm run build` first, then
// `TZ=UTC npx vitest run --config tests/look/vitest.config.ts`; PNGs land in test-results/look/.
export default defineConfig({
	test: {
		include: ['tests/look/**/*.test.ts'],
		environment: 'node',
		testTimeout: 600_000,
		hookTimeout: 120_000,
		fileParallelism: false
	}
});
