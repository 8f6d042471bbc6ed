import type { Lang } from './messages';

/*
 * Byte counts for people, in the page's language (`Intl.NumberFormat` units: `12.3 kB`,
 * `12,3 кБ`). The page's sizes (a link, a download's progress) read as browsers show them, in
 * decimal units with one decimal; the limits in messages are binary round numbers (`256 kB`,
 * `4 MB`), so they are shown whole in binary units.
 */

/** Intl's short byte unit reads `950 byte` in English; the page writes `950 B`. */
const BYTE: Record<Lang, string> = { en: 'B', ru: 'Б' };

function unit(lang: Lang, name: 'kilobyte' | 'megabyte', digits: number) {
	return new Intl.NumberFormat(lang, {
		style: 'unit',
		unit: name,
		unitDisplay: 'short',
		minimumFractionDigits: digits,
		maximumFractionDigits: digits
	});
}

/** A byte count as the page shows it: `950 B`, `12.3 kB`, `4.1 MB` (decimal units). */
export function formatBytes(n: number, lang: Lang = 'en'): string {
	if (n < 1000) return `${new Intl.NumberFormat(lang).format(n)} ${BYTE[lang]}`;
	if (n < 1_000_000) return unit(lang, 'kilobyte', 1).format(n / 1000);
	return unit(lang, 'megabyte', 1).format(n / 1_000_000);
}

/** Whole binary kilobytes, rounded up (a size over a limit never reads as the limit): `1,025 kB`. */
export function kilobytes(n: number, lang: Lang = 'en'): string {
	return unit(lang, 'kilobyte', 0).format(Math.ceil(n / 1024));
}

/** Whole binary megabytes, rounded: `3,072 MB`. */
export function megabytes(n: number, lang: Lang = 'en'): string {
	return unit(lang, 'megabyte', 0).format(Math.round(n / 1024 ** 2));
}
