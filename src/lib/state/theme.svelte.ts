export const THEMES = ['system', 'light', 'dark'] as const;
export type ThemeMode = (typeof THEMES)[number];

const STORAGE_KEY = 'pipelens-theme';

/**
 * Light, dark or the system's choice; remembered in this browser. `resolved` is what the page
 * applies (<html data-theme>), so the stylesheet holds each palette once.
 */
export class Theme {
	#mode = $state<ThemeMode>('system');
	#systemDark = $state(false);
	readonly resolved: 'light' | 'dark' = $derived(
		this.#mode === 'system' ? (this.#systemDark ? 'dark' : 'light') : this.#mode
	);

	constructor() {
		const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
		if (saved && (THEMES as readonly string[]).includes(saved)) this.#mode = saved as ThemeMode;
		const query = globalThis.matchMedia?.('(prefers-color-scheme: dark)');
		if (query) {
			this.#systemDark = query.matches;
			query.addEventListener('change', (e) => (this.#systemDark = e.matches));
		}
	}

	/** The user's choice: light, dark or the system's. */
	get mode(): ThemeMode {
		return this.#mode;
	}

	set(mode: ThemeMode): void {
		this.#mode = mode;
		globalThis.localStorage?.setItem(STORAGE_KEY, mode);
	}
}
