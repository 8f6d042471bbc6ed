import { format } from 'd3';

const compact = format(',.3~s');
const whole = format(',.0f');
const twoDecimals = format(',.2f');
const pct = format('.1%');
const oneDecimal = format(',.1f');

/** Money and counts for cards: 1,234 below 10,000, then 12.3k, 1.23M. */
export function formatNumber(value: number | null): string {
	if (value === null) return '—';
	if (Math.abs(value) < 10_000)
		return Math.abs(value) < 100 && !Number.isInteger(value) ? twoDecimals(value) : whole(value);
	return compact(value).replace('G', 'B');
}

export function formatCount(value: number | null): string {
	return value === null ? '—' : whole(value);
}

export function formatPercent(value: number | null): string {
	return value === null ? '—' : pct(value);
}

export function formatDays(value: number | null): string {
	if (value === null) return '—';
	return `${oneDecimal(value)} d`;
}

/** Exact value for tooltips and tables. */
export function formatExact(value: number | null): string {
	return value === null ? '—' : twoDecimals(value).replace(/\.00$/, '');
}
