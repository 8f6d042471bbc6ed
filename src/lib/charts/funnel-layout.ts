import { scaleBand, scaleLinear } from 'd3';
import type { FunnelRow } from '../metrics/funnel';

export interface FunnelBar {
	stage: string;
	reached: number;
	fromPrevious: number | null;
	fromFirst: number | null;
	/** Deals that reached the previous stage but not this one (the drop before this bar). */
	dropped: number | null;
	x: number;
	y: number;
	width: number;
	height: number;
	/** The previous bar's extent, drawn faintly behind this one: its wings are the drop. */
	previous: { x: number; width: number } | null;
}

export interface FunnelLayout {
	bars: FunnelBar[];
	width: number;
	height: number;
	labelWidth: number;
	/** Where the numbers to the right of the bars start. */
	valueX: number;
}

export interface FunnelLayoutOptions {
	width: number;
	rowHeight?: number;
	labelWidth?: number;
	/** Room on the right for the numbers. */
	valueWidth?: number;
}

/** Horizontal bars, one per funnel row, centred, their width proportional to `reached`. */
export function funnelLayout(
	rows: readonly FunnelRow[],
	options: FunnelLayoutOptions
): FunnelLayout {
	const { width, rowHeight = 34, labelWidth = 190, valueWidth = 240 } = options;
	const height = rows.length * rowHeight;
	const plot = Math.max(40, width - labelWidth - valueWidth);
	const max = Math.max(1, ...rows.map((r) => r.reached));
	const x = scaleLinear().domain([0, max]).range([0, plot]);
	const y = scaleBand<string>()
		.domain(rows.map((r, i) => `${i}`))
		.range([0, height])
		.paddingInner(0.22);
	const bars = rows.map((r, i) => {
		const w = x(r.reached);
		const before = i === 0 ? null : x(rows[i - 1].reached);
		return {
			previous: before === null ? null : { x: labelWidth + (plot - before) / 2, width: before },
			stage: r.stage,
			reached: r.reached,
			fromPrevious: r.from_previous,
			fromFirst: r.from_first,
			dropped: i === 0 ? null : rows[i - 1].reached - r.reached,
			x: labelWidth + (plot - w) / 2,
			y: y(`${i}`) ?? 0,
			width: w,
			height: y.bandwidth()
		};
	});
	return { bars, width, height, labelWidth, valueX: labelWidth + plot + 10 };
}
