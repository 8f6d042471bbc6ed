import { scaleBand, scaleLinear } from 'd3';
import type { ForecastMonth } from '../metrics/lost-and-forecast';

export interface ForecastColumn {
	item: ForecastMonth;
	/** `YYYY-MM`, or null for the deals without an expected date (drawn last). */
	month: string | null;
	x: number;
	width: number;
	/** The open value's bar: top and height. */
	valueY: number;
	valueHeight: number;
	/** The weighted value's bar inside it (height 0 when there are no probabilities). */
	weightedY: number;
	weightedHeight: number;
	/** Expected before the period's end month, and still open. */
	overdue: boolean;
}

export interface ForecastLayout {
	columns: ForecastColumn[];
	width: number;
	height: number;
	/** The plot's top and bottom (the axis line). */
	top: number;
	bottom: number;
	/** Where the period's end falls: the left edge of the first month after it; null when none is drawn. */
	endX: number | null;
	/** The largest open value (the axis's top). */
	max: number;
}

/**
 * Vertical bars per expected-close month: the open value, and inside it the weighted value.
 * Months before the period's end month are overdue; the period's end is a line after its month.
 */
export function forecastLayout(
	months: readonly ForecastMonth[],
	periodEnd: string,
	{
		width,
		height = 220,
		top = 22,
		bottom = 34
	}: { width: number; height?: number; top?: number; bottom?: number }
): ForecastLayout {
	const endMonth = periodEnd.slice(0, 7);
	const keys = months.map((m, i) => m.month ?? `none-${i}`);
	const x = scaleBand<string>().domain(keys).range([0, width]).paddingInner(0.2).paddingOuter(0.1);
	const max = Math.max(0, ...months.map((m) => m.value));
	const y = scaleLinear()
		.domain([0, max || 1])
		.range([height - bottom, top]);
	const columns = months.map((m, i) => {
		const valueY = y(m.value);
		const weightedY = y(m.weighted_value ?? 0);
		return {
			item: m,
			month: m.month,
			x: x(keys[i]) ?? 0,
			width: x.bandwidth(),
			valueY,
			valueHeight: height - bottom - valueY,
			weightedY,
			weightedHeight: m.weighted_value === null ? 0 : height - bottom - weightedY,
			overdue: m.month !== null && m.month < endMonth
		};
	});
	const after = columns.find((c) => c.month === null || c.month > endMonth);
	const last = columns.filter((c) => c.month !== null).at(-1);
	const step = x.step();
	const endX = after
		? after.x - (step - x.bandwidth()) / 2
		: last && last.month !== null && last.month <= endMonth
			? last.x + last.width + (step - x.bandwidth()) / 2
			: null;
	return { columns, width, height, top, bottom: height - bottom, endX, max };
}
