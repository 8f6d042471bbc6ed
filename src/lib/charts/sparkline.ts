import { line, scaleLinear } from 'd3';

/** An SVG path through the non-null values, scaled into width × height (gaps where null). */
export function sparklinePath(
	values: readonly (number | null)[],
	width: number,
	height: number
): string {
	const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
	if (known.length < 2) return '';
	const x = scaleLinear()
		.domain([0, values.length - 1])
		.range([1, width - 1]);
	const lo = Math.min(...known);
	const hi = Math.max(...known);
	const y = scaleLinear()
		.domain(lo === hi ? [lo - 1, hi + 1] : [lo, hi])
		.range([height - 1, 1]);
	return (
		line<number | null>()
			.defined((v) => v !== null && Number.isFinite(v))
			.x((_, i) => x(i))
			.y((v) => y(v as number))(values) ?? ''
	);
}

/** One hover band per value of a sparkline: the strip of `width` nearest to its point. */
export interface SparkBand {
	index: number;
	/** Left edge and width of the strip. */
	x: number;
	width: number;
	/** The point's position, or null for a gap. */
	cx: number;
	cy: number | null;
}

/** Hover strips over a sparkline drawn by `sparklinePath` with the same arguments. */
export function sparklineBands(
	values: readonly (number | null)[],
	width: number,
	height: number
): SparkBand[] {
	const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
	if (values.length < 2 || known.length < 2) return [];
	const step = (width - 2) / (values.length - 1);
	const lo = Math.min(...known);
	const hi = Math.max(...known);
	const y = scaleLinear()
		.domain(lo === hi ? [lo - 1, hi + 1] : [lo, hi])
		.range([height - 1, 1]);
	return values.map((v, index) => {
		const cx = 1 + index * step;
		const left = Math.max(0, cx - step / 2);
		const right = Math.min(width, cx + step / 2);
		return {
			index,
			x: left,
			width: right - left,
			cx,
			cy: v === null || !Number.isFinite(v) ? null : y(v)
		};
	});
}

/**
 * The index of the value whose point is nearest to `x` (in the sparkline's own units) on a
 * sparkline of `count` values drawn `width` wide: the band of `sparklineBands` that holds `x`.
 */
export function sparklineIndexAt(x: number, count: number, width: number): number | null {
	if (count < 2 || !Number.isFinite(x)) return null;
	const step = (width - 2) / (count - 1);
	return Math.min(count - 1, Math.max(0, Math.round((x - 1) / step)));
}
