import { describe, expect, it } from 'vitest';
import { sparklineBands, sparklineIndexAt, sparklinePath } from './sparkline';

describe('sparklinePath', () => {
	it('runs from left to right, the largest value at the top', () => {
		const path = sparklinePath([1, 3, 2], 100, 20);
		const points = [...path.matchAll(/[ML]([\d.]+),([\d.]+)/g)].map((m) => [
			Number(m[1]),
			Number(m[2])
		]);
		expect(points.map((p) => p[0])).toEqual([1, 50, 99]);
		expect(points[1][1]).toBeCloseTo(1);
		expect(points[0][1]).toBeCloseTo(19);
	});

	it('leaves a gap at null values', () => {
		expect(sparklinePath([1, null, 2, 3], 100, 20).match(/M/g)?.length).toBe(2);
	});

	it('draws nothing for fewer than two values', () => {
		expect(sparklinePath([5], 100, 20)).toBe('');
		expect(sparklinePath([null, null], 100, 20)).toBe('');
	});

	it('draws a flat series in the middle', () => {
		const path = sparklinePath([4, 4], 100, 20);
		expect(path).toContain(',10');
	});
});

describe('sparklineBands', () => {
	it('tiles the width with one strip per value, each centred on its point', () => {
		const bands = sparklineBands([1, 3, 2], 100, 20);
		expect(bands.map((b) => b.cx)).toEqual([1, 50, 99]);
		expect(bands.map((b) => [b.x, b.x + b.width])).toEqual([
			[0, 25.5],
			[25.5, 74.5],
			[74.5, 100]
		]);
		expect(bands[1].cy).toBeCloseTo(1);
	});

	it('keeps a strip for a gap, without a point', () => {
		const bands = sparklineBands([1, null, 2], 100, 20);
		expect(bands).toHaveLength(3);
		expect(bands[1].cy).toBeNull();
	});

	it('has no strips where no line is drawn', () => {
		expect(sparklineBands([5, null], 100, 20)).toEqual([]);
	});
});

describe('sparklineIndexAt', () => {
	it("finds the value whose strip holds x: the strips' edges are half way between points", () => {
		// Points at 1, 50 and 99 (see sparklineBands): strips [0, 25.5), [25.5, 74.5), [74.5, 100].
		const at = (x: number) => sparklineIndexAt(x, 3, 100);
		expect([0, 25, 26, 50, 74, 75, 100].map(at)).toEqual([0, 0, 1, 1, 1, 2, 2]);
	});

	it('keeps to the values drawn, and finds none without a line', () => {
		expect(sparklineIndexAt(-40, 3, 100)).toBe(0);
		expect(sparklineIndexAt(400, 3, 100)).toBe(2);
		expect(sparklineIndexAt(10, 1, 100)).toBeNull();
		expect(sparklineIndexAt(Number.NaN, 3, 100)).toBeNull();
	});
});
