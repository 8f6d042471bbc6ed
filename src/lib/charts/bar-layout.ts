import { scaleBand, scaleLinear } from 'd3';

export interface Bar<T> {
	item: T;
	label: string;
	/** Null value: no bar, the row stays with its label. */
	value: number | null;
	y: number;
	height: number;
	width: number;
}

export interface BarLayout<T> {
	bars: Bar<T>[];
	width: number;
	height: number;
	labelWidth: number;
	plotWidth: number;
}

/** Horizontal bars from a common zero, one row per item, in the order given. */
export function barLayout<T>(
	items: readonly T[],
	value: (item: T) => number | null,
	label: (item: T) => string,
	{
		width,
		rowHeight = 26,
		labelWidth = 150,
		valueWidth = 170
	}: { width: number; rowHeight?: number; labelWidth?: number; valueWidth?: number }
): BarLayout<T> {
	const plotWidth = Math.max(60, width - labelWidth - valueWidth);
	const max = Math.max(0, ...items.map((i) => value(i) ?? 0));
	const x = scaleLinear()
		.domain([0, max || 1])
		.range([0, plotWidth]);
	const height = items.length * rowHeight;
	const y = scaleBand<string>()
		.domain(items.map((_, i) => `${i}`))
		.range([0, height])
		.paddingInner(0.25);
	return {
		bars: items.map((item, i) => {
			const v = value(item);
			return {
				item,
				label: label(item),
				value: v,
				y: y(`${i}`) ?? 0,
				height: y.bandwidth(),
				width: v === null ? 0 : Math.max(0, x(v))
			};
		}),
		width: labelWidth + plotWidth + valueWidth,
		height,
		labelWidth,
		plotWidth
	};
}
