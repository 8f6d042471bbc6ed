import { describe, expect, it } from 'vitest';
import { boxLayout } from './box-layout';

const stage = (
	name: string,
	p5: number | null,
	p25: number | null,
	median: number | null,
	p75: number | null,
	p95: number | null,
	mean: number | null
) => ({
	stage: name,
	n: median === null ? 0 : 10,
	min: p5,
	p5,
	p25,
	median,
	p75,
	p95,
	max: p95,
	mean
});

describe('boxLayout', () => {
	const layout = boxLayout(
		[stage('Lead', 1, 2, 4, 8, 20, 6), stage('Demo', null, null, null, null, null, null)],
		{
			width: 500,
			labelWidth: 100,
			valueWidth: 100
		}
	);

	it('orders whisker, box, median and box end along one axis', () => {
		const r = layout.rows[0];
		expect(r.whiskerLow!).toBeLessThan(r.boxLow!);
		expect(r.boxLow!).toBeLessThan(r.median!);
		expect(r.median!).toBeLessThan(r.boxHigh!);
		expect(r.boxHigh!).toBeLessThan(r.whiskerHigh!);
		expect(r.whiskerHigh!).toBeLessThanOrEqual(layout.plotWidth);
	});

	it('scales linearly from zero days', () => {
		const r = layout.rows[0];
		expect(r.boxHigh! / r.median!).toBeCloseTo(2);
	});

	it('leaves a stage without stays empty', () => {
		expect(layout.rows[1].median).toBeNull();
		expect(layout.rows[1].mean).toBeNull();
	});
});
