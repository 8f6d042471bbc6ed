import { describe, expect, it } from 'vitest';
import { en, preferredLang, ru, translate } from './messages';

describe('messages', () => {
	it('Russian has every English key and no empty text', () => {
		expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
		for (const [key, text] of Object.entries(ru)) expect(text.trim(), key).not.toBe('');
	});

	it('every placeholder of an English text is in its Russian text', () => {
		for (const key of Object.keys(en) as (keyof typeof en)[]) {
			const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
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
