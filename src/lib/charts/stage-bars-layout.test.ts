import { describe, expect, it } from 'vitest';
import { stageBarsLayout } from './stage-bars-layout';

describe('stageBarsLayout', () => {
	const rows = [
		{ stage: 'Lead', n: 10, mean_days: 8, median_days: 5 },
		{ stage: 'Demo', n: 0, mean_days: null, median_days: null },
		{ stage: 'Proposal', n: 4, mean_days: 20, median_days: 16 }
	];
	const layout = stageBarsLayout(rows, { width: 600, labelWidth: 100, valueWidth: 100 });

	it('puts medians and means on one shared axis that covers the largest value', () => {
		const [lead, , proposal] = layout.bars;
		expect(lead.width / proposal.width).toBeCloseTo(5 / 16);
		expect(proposal.meanX!).toBeLessThanOrEqual(layout.plotWidth);
		expect(lead.meanX! / lead.width).toBeCloseTo(8 / 5);
	});

	it('draws a stage without stays as an empty bar and no mean tick', () => {
		expect(layout.bars[1].width).toBe(0);
		expect(layout.bars[1].meanX).toBeNull();
	});

	it('labels ticks in days', () => {
		expect(layout.ticks.length).toBeGreaterThan(1);
		expect(layout.ticks[0].label).toBe('0 d');
	});
});
