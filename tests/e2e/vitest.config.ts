import { defineConfig } from 'vitest/config';

// End-to-end tests drive the built site (`npm run build` first) in headless Chromium.
export default defineConfig({
	test: {
		include: ['tests/e2e/**/*.test.ts'],
		environment: 'node',
		testTimeout: 120_000,
		hookTimeout: 120_000,
		fileParallelism: false
	}
});
