import { scaleBand, scaleLinear } from 'd3';
import type { TimeInStage } from '../metrics/time-in-stage';

export interface StageBar {
	stage: string;
	n: number;
	mean: number | null;
	median: number | null;
	y: number;
	height: number;
	/** Bar to the median. */
	width: number;
	/** Position of the mean marker (null when no stays). */
	meanX: number | null;
}

export interface StageBarsLayout {
	bars: StageBar[];
	ticks: { x: number; label: string }[];
	height: number;
	labelWidth: number;
	plotWidth: number;
}

/** Time in stage: a bar to the median and a tick at the mean, on one shared day axis. */
export function stageBarsLayout(
	rows: readonly TimeInStage[],
	{
		width,
		rowHeight = 30,
		labelWidth = 190,
		valueWidth = 110
	}: { width: number; rowHeight?: number; labelWidth?: number; valueWidth?: number }
): StageBarsLayout {
	const plotWidth = Math.max(40, width - labelWidth - valueWidth);
	const max = Math.max(1, ...rows.flatMap((r) => [r.mean_days ?? 0, r.median_days ?? 0]));
	const x = scaleLinear().domain([0, max]).range([0, plotWidth]).nice();
	const height = rows.length * rowHeight;
	const y = scaleBand<string>()
		.domain(rows.map((_, i) => `${i}`))
		.range([0, height])
		.paddingInner(0.3);
	return {
		bars: rows.map((r, i) => ({
			stage: r.stage,
			n: r.n,
			mean: r.mean_days,
			median: r.median_days,
			y: y(`${i}`) ?? 0,
			height: y.bandwidth(),
			width: r.median_days === null ? 0 : x(r.median_days),
			meanX: r.mean_days === null ? null : x(r.mean_days)
		})),
		ticks: x.ticks(5).map((t) => ({ x: x(t), label: `${t} d` })),
		height,
		labelWidth,
		plotWidth
	};
}
