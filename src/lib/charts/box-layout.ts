import { scaleBand, scaleLinear } from 'd3';
import type { StageDuration } from '../metrics/stage-durations';

export interface BoxRow {
	stage: string;
	n: number;
	y: number;
	height: number;
	/** Screen positions; null when the stage has no stays. */
	whiskerLow: number | null;
	boxLow: number | null;
	median: number | null;
	boxHigh: number | null;
	whiskerHigh: number | null;
	mean: number | null;
	source: StageDuration;
}

export interface BoxLayout {
	rows: BoxRow[];
	ticks: { x: number; value: number }[];
	height: number;
	labelWidth: number;
	plotWidth: number;
}

/** Box plots of stay lengths on one day axis: box p25–p75, median line, whiskers p5–p95, mean dot. */
export function boxLayout(
	durations: readonly StageDuration[],
	{
		width,
		rowHeight = 30,
		labelWidth = 190,
		valueWidth = 120
	}: { width: number; rowHeight?: number; labelWidth?: number; valueWidth?: number }
): BoxLayout {
	const plotWidth = Math.max(40, width - labelWidth - valueWidth);
	const max = Math.max(1, ...durations.flatMap((d) => [d.p95 ?? 0, d.mean ?? 0]));
	const x = scaleLinear().domain([0, max]).range([0, plotWidth]).nice();
	const height = durations.length * rowHeight;
	const y = scaleBand<string>()
		.domain(durations.map((_, i) => `${i}`))
		.range([0, height])
		.paddingInner(0.35);
	const at = (v: number | null) => (v === null ? null : x(v));
	return {
		rows: durations.map((d, i) => ({
			stage: d.stage,
			n: d.n,
			y: y(`${i}`) ?? 0,
			height: y.bandwidth(),
			whiskerLow: at(d.p5),
			boxLow: at(d.p25),
			median: at(d.median),
			boxHigh: at(d.p75),
			whiskerHigh: at(d.p95),
			mean: at(d.mean),
			source: d
		})),
		ticks: x.ticks(5).map((value) => ({ x: x(value), value })),
		height,
		labelWidth,
		plotWidth
	};
}
