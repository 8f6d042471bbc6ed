import { getContext, setContext } from 'svelte';
import { formatsFor, type Formats } from '../i18n/format';
import { translate, type Lang, type MessageKey } from '../i18n/messages';

/** The page's language: its texts and number formats, shared with every component by context. */
export class Locale {
	#lang = $state<Lang>('en');
	readonly fmt: Formats = $derived(formatsFor(this.#lang));

	constructor(lang: Lang = 'en') {
		this.#lang = lang;
	}

	get lang(): Lang {
		return this.#lang;
	}

	setLang(lang: Lang): void {
		this.#lang = lang;
	}

	t = (key: MessageKey, vars?: Record<string, string | number>): string =>
		translate(this.#lang, key, vars);
}

const KEY = Symbol('locale');

export function provideLocale(locale: Locale): Locale {
	return setContext(KEY, locale);
}

/** The page's Locale (English when a component is used on its own, as in a standalone report). */
export function useLocale(): Locale {
	return getContext<Locale | undefined>(KEY) ?? new Locale('en');
}
