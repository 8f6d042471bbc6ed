// App-wide types for SvelteKit (https://svelte.dev/docs/kit/types#app.d.ts). Nothing is
// server-side here, so Locals, Platform and PageData stay empty.
declare global {
	namespace App {}
}

export {};
