import { describe, expect, it } from 'vitest';
import { barLayout } from './bar-layout';

const items = [
	{ name: 'Paid', cac: 400 },
	{ name: 'Events', cac: 100 },
	{ name: 'Referral', cac: null }
];

describe('barLayout', () => {
	it('scales bars from zero so the largest fills the plot, in the order given', () => {
		const l = barLayout(
			items,
			(i) => i.cac,
			(i) => i.name,
			{
				width: 520,
				labelWidth: 100,
				valueWidth: 20
			}
		);
		expect(l.plotWidth).toBe(400);
		expect(l.bars.map((b) => [b.label, b.width])).toEqual([
			['Paid', 400],
			['Events', 100],
			['Referral', 0]
		]);
		expect(l.bars[2].value).toBeNull();
		expect(l.bars[1].y).toBeGreaterThan(l.bars[0].y);
	});

	it('draws no bar at all when every value is null or zero', () => {
		const l = barLayout(
			[{ v: null }, { v: 0 }],
			(i) => i.v,
			() => 'x',
			{ width: 300 }
		);
		expect(l.bars.map((b) => b.width)).toEqual([0, 0]);
	});
});
