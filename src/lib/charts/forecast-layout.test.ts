import { describe, expect, it } from 'vitest';
import { forecastLayout } from './forecast-layout';

const MONTHS = [
	{ month: '2023-12', deals: 1, value: 1300, weighted_value: 520 },
	{ month: '2024-01', deals: 2, value: 400, weighted_value: 0 },
	{ month: '2024-03', deals: 1, value: 800, weighted_value: 400 },
	{ month: null, deals: 1, value: 1100, weighted_value: 110 }
];

describe('forecastLayout', () => {
	const layout = forecastLayout(MONTHS, '2024-01-31', {
		width: 400,
		height: 200,
		top: 20,
		bottom: 30
	});

	it('one column per month in the order given, the largest value reaching the top', () => {
		expect(layout.columns.map((c) => c.month)).toEqual(['2023-12', '2024-01', '2024-03', null]);
		expect(layout.max).toBe(1300);
		expect(layout.columns[0].valueY).toBe(20);
		expect(layout.columns[0].valueHeight).toBe(150);
		// 800 of 1300 over the 150 px plot; the weighted 400 inside it.
		expect(layout.columns[2].valueHeight).toBeCloseTo((800 / 1300) * 150, 9);
		expect(layout.columns[2].weightedHeight).toBeCloseTo((400 / 1300) * 150, 9);
		for (const c of layout.columns) expect(c.weightedHeight).toBeLessThanOrEqual(c.valueHeight);
	});

	it('months before the period end month are overdue; the end month and later, and no date, are not', () => {
		expect(layout.columns.map((c) => c.overdue)).toEqual([true, false, false, false]);
	});

	it('the period end line falls between its month and the next', () => {
		const [, jan, mar] = layout.columns;
		expect(layout.endX).toBeGreaterThan(jan.x + jan.width);
		expect(layout.endX).toBeLessThan(mar.x);
	});

	it('no weighted bars without probabilities; the end line before the first month when all are after the period', () => {
		const none = forecastLayout(
			[{ month: '2025-05', deals: 1, value: 10, weighted_value: null }],
			'2024-12-31',
			{ width: 100 }
		);
		expect(none.columns[0].weightedHeight).toBe(0);
		expect(none.endX).toBeLessThanOrEqual(none.columns[0].x);
	});
});
