export const THEMES = ['system', 'light', 'dark'] as const;
export type ThemeMode = (typeof THEMES)[number];

const STORAGE_KEY = 'pipelens-theme';

/** Light, dark or the system's choice; remembered in this browser, applied to <html data-theme>. */
export class Theme {
	mode = $state<ThemeMode>('system');

	constructor() {
		const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
		if (saved && (THEMES as readonly string[]).includes(saved)) this.mode = saved as ThemeMode;
	}

	set(mode: ThemeMode): void {
		this.mode = mode;
		globalThis.localStorage?.setItem(STORAGE_KEY, mode);
	}
}
