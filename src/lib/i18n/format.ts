import { formatLocale, type FormatLocaleDefinition } from 'd3';
import type { Lang } from './messages';

const DEFINITIONS: Record<Lang, FormatLocaleDefinition> = {
	en: { decimal: '.', thousands: ',', grouping: [3], currency: ['$', ''] },
	// Russian groups thousands with a no-break space and writes a decimal comma.
	ru: { decimal: ',', thousands: '\u00a0', grouping: [3], currency: ['', '\u00a0₽'] }
};

const SUFFIXES: Record<Lang, Record<string, string>> = {
	en: { k: 'k', M: 'M', G: 'B', T: 'T' },
	ru: { k: '\u00a0тыс.', M: '\u00a0млн', G: '\u00a0млрд', T: '\u00a0трлн' }
};

const DAY: Record<Lang, string> = { en: 'd', ru: 'дн.' };

/** Number formats for one language: what every card, label, tooltip and table uses. */
export interface Formats {
	/** Money and counts for cards: in full below 10,000, then 12.3k, 1.23M. */
	number(value: number | null): string;
	count(value: number | null): string;
	percent(value: number | null): string;
	days(value: number | null): string;
	/** Exact value with cents, for tooltips and tables. */
	exact(value: number | null): string;
}

const DASH = '—';

export function formatsFor(lang: Lang): Formats {
	const locale = formatLocale(DEFINITIONS[lang]);
	const compact = locale.format(',.3~s');
	const whole = locale.format(',.0f');
	const two = locale.format(',.2f');
	const one = locale.format(',.1f');
	const pct = locale.format('.1%');
	const suffixes = SUFFIXES[lang];
	const decimal = DEFINITIONS[lang].decimal;
	return {
		number(value) {
			if (value === null) return DASH;
			if (Math.abs(value) < 10_000) {
				return Math.abs(value) < 100 && !Number.isInteger(value) ? two(value) : whole(value);
			}
			const text = compact(value);
			const unit = text.slice(-1);
			return unit in suffixes ? text.slice(0, -1) + suffixes[unit] : text;
		},
		count: (value) => (value === null ? DASH : whole(value)),
		percent: (value) =>
			value === null ? DASH : pct(value).replace('%', lang === 'ru' ? '\u00a0%' : '%'),
		days: (value) => (value === null ? DASH : `${one(value)}\u00a0${DAY[lang]}`),
		exact: (value) => (value === null ? DASH : two(value).replace(`${decimal}00`, ''))
	};
}
