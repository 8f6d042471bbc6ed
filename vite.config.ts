import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	define: {
		// Test hooks (window.__pipelensCrashEngine) exist only in a build made for the browser
		// tests with PIPELENS_TEST_HOOKS=1; a production build drops their code.
		__PIPELENS_TEST_HOOKS__: JSON.stringify(process.env.PIPELENS_TEST_HOOKS === '1')
	},
	test: {
		include: ['src/**/*.test.ts'],
		environment: 'node',
		testTimeout: 60_000,
		// Loading the wasm engine in beforeAll takes seconds on a busy machine.
		hookTimeout: 60_000
	}
});
