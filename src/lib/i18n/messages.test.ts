import { describe, expect, it } from 'vitest';
import { en, preferredLang, ru, translate } from './messages';

describe('messages', () => {
	it('each language has every key of the other and no empty text', () => {
		expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
		for (const messages of [en, ru])
			for (const [key, text] of Object.entries(messages)) expect(text.trim(), key).not.toBe('');
	});

	it('Russian texts are not English left untranslated', () => {
		// A Russian text with no Cyrillic letter, where the English has words, was copied over.
		// Texts that are only names, symbols or values ("CSV", "{file}: {n}") are left alone.
		const words = (text: string) => text.replace(/\{[^{}]*\}|`[^`]*`/g, '').match(/[a-z]{4,}/g);
		const copied = (Object.keys(en) as (keyof typeof en)[]).filter(
			(key) => !/\p{Script=Cyrillic}/u.test(ru[key]) && (words(en[key])?.length ?? 0) > 1
		);
		expect(copied).toEqual([]);
	});

	it('plurals take the form Intl.PluralRules gives the number', () => {
		const rows = (lang: 'en' | 'ru', n: number) => translate(lang, 'progress.rows', { rows: n });
		expect([1, 2, 1000].map((n) => rows('en', n))).toEqual([
			'1 row read',
			'2 rows read',
			'1,000 rows read'
		]);
		// Russian: one for 1 and 21, few for 2–4 and 22, many for 5–20 and 11.
		expect([1, 21, 3, 22, 5, 11].map((n) => rows('ru', n))).toEqual([
			'прочитана 1 строка',
			'прочитана 21 строка',
			'прочитано 3 строки',
			'прочитано 22 строки',
			'прочитано 5 строк',
			'прочитано 11 строк'
		]);
	});

	it('every placeholder of an English text is in its Russian text', () => {
		for (const key of Object.keys(en) as (keyof typeof en)[]) {
			// A value is named `{n}` or, where its words change with it, `{n, plural, …}`.
			const names = (text: string) =>
				[...new Set([...text.matchAll(/\{(\w+)(?=\}|, plural,)/g)].map((m) => m[1]))].sort();
			expect(names(ru[key]), key).toEqual(names(en[key]));
		}
	});

	it('translate fills placeholders and leaves unknown ones visible', () => {
		expect(translate('en', 'kpi.win-rate.detail', { won: 3, closed: 10 })).toBe(
			'3 won / 10 closed'
		);
		expect(translate('ru', 'kpi.pipeline.detail', { n: 5 })).toBe('сделок: 5');
		expect(translate('en', 'kpi.median')).toBe('median {value}');
	});

	it('preferredLang takes the first supported browser language', () => {
		expect(preferredLang(['ru-RU', 'en'])).toBe('ru');
		expect(preferredLang(['de-DE', 'en-GB'])).toBe('en');
		expect(preferredLang(['fr'])).toBe('en');
	});
});
