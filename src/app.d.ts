// App-wide types for SvelteKit (https://svelte.dev/docs/kit/types#app.d.ts). Nothing is
// server-side here, so Locals, Platform and PageData stay empty.
declare global {
	namespace App {}
	/** True only in a build for the browser tests (`PIPELENS_TEST_HOOKS=1`, see vite.config.ts). */
	const __PIPELENS_TEST_HOOKS__: boolean;
}

export {};
