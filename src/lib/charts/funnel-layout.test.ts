import { describe, expect, it } from 'vitest';
import { funnelRows } from '../metrics/funnel';
import { funnelLayout } from './funnel-layout';

const rows = funnelRows(['Lead', 'Demo', 'Proposal'], [200, 100, 50, 20]);

describe('funnelLayout', () => {
	const layout = funnelLayout(rows, {
		width: 800,
		labelWidth: 150,
		valueWidth: 200,
		rowHeight: 40
	});

	it('gives the widest bar to the largest count and scales the rest linearly', () => {
		const plot = 800 - 150 - 200;
		expect(layout.bars[0].width).toBeCloseTo(plot);
		expect(layout.bars[1].width).toBeCloseTo(plot / 2);
		expect(layout.bars[3].width).toBeCloseTo(plot / 10);
	});

	it('centres every bar in the plot area', () => {
		for (const bar of layout.bars)
			expect(bar.x + bar.width / 2).toBeCloseTo(150 + (800 - 150 - 200) / 2);
	});

	it('stacks rows top to bottom without overlap', () => {
		for (let i = 1; i < layout.bars.length; i++) {
			expect(layout.bars[i].y).toBeGreaterThanOrEqual(
				layout.bars[i - 1].y + layout.bars[i - 1].height
			);
		}
		expect(layout.height).toBe(4 * 40);
	});

	it('reports the drop before each bar and none before the first', () => {
		expect(layout.bars.map((b) => b.dropped)).toEqual([null, 100, 50, 30]);
	});

	it('places the previous bar behind each bar, so the wings show the drop', () => {
		expect(layout.bars[0].previous).toBeNull();
		expect(layout.bars[1].previous?.width).toBeCloseTo(layout.bars[0].width);
		expect(layout.bars[1].previous?.x).toBeCloseTo(layout.bars[0].x);
	});

	it('starts the numbers right of the plot area', () => {
		expect(layout.valueX).toBe(150 + (800 - 150 - 200) + 10);
	});

	it('draws an empty funnel with zero-width bars rather than NaN', () => {
		const empty = funnelLayout(funnelRows(['Lead'], [0, 0]), { width: 500 });
		for (const bar of empty.bars) {
			expect(bar.width).toBe(0);
			expect(Number.isFinite(bar.x)).toBe(true);
		}
	});
});
