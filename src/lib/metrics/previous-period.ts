import type { Period } from '../model/filters';

const DAY_MS = 86_400_000;

function ms(date: string): number {
	return Date.UTC(
		Number(date.slice(0, 4)),
		Number(date.slice(5, 7)) - 1,
		Number(date.slice(8, 10))
	);
}

function iso(time: number): string {
	return new Date(time).toISOString().slice(0, 10);
}

/** Days in a period, both ends counted. */
export function periodDays(period: Period): number {
	return Math.round((ms(period.to) - ms(period.from)) / DAY_MS) + 1;
}

/** The period of the same length (in days) that ends the day before `from`. */
export function previousPeriod(period: Period): Period {
	const to = ms(period.from) - DAY_MS;
	return { from: iso(to - (periodDays(period) - 1) * DAY_MS), to: iso(to) };
}
