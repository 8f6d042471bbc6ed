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
