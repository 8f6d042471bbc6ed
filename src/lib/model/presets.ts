import type { Period } from './filters';

export const PRESETS = [
	'all',
	'this-month',
	'last-month',
	'this-quarter',
	'last-quarter',
	'this-year',
	'last-year',
	'last-90'
] as const;
export type Preset = (typeof PRESETS)[number];

function iso(y: number, m: number, d: number): string {
	return new Date(Date.UTC(y, m, d)).toISOString().slice(0, 10);
}

/**
 * The period a preset stands for, counted back from `anchor` (the last date in the data, so an
 * export from last year still has a "this quarter"). `all` is the whole data.
 */
export function presetPeriod(preset: Preset, anchor: string, whole: Period): Period {
	const [y, m, d] = anchor.split('-').map(Number);
	const m0 = m - 1;
	const q0 = m0 - (m0 % 3);
	switch (preset) {
		case 'all':
			return whole;
		case 'this-month':
			return { from: iso(y, m0, 1), to: anchor };
		case 'last-month':
			return { from: iso(y, m0 - 1, 1), to: iso(y, m0, 0) };
		case 'this-quarter':
			return { from: iso(y, q0, 1), to: anchor };
		case 'last-quarter':
			return { from: iso(y, q0 - 3, 1), to: iso(y, q0, 0) };
		case 'this-year':
			return { from: iso(y, 0, 1), to: anchor };
		case 'last-year':
			return { from: iso(y - 1, 0, 1), to: iso(y - 1, 11, 31) };
		case 'last-90':
			return { from: iso(y, m0, d - 89), to: anchor };
	}
}

/** The preset a period matches, or null for a custom period. */
export function matchPreset(period: Period | null, anchor: string, whole: Period): Preset | null {
	if (period === null) return 'all';
	return (
		PRESETS.find((p) => {
			const q = presetPeriod(p, anchor, whole);
			return q.from === period.from && q.to === period.to;
		}) ?? null
	);
}
