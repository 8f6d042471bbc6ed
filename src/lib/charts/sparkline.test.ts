import { describe, expect, it } from 'vitest';
import { sparklinePath } from './sparkline';

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
