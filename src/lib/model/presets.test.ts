import { describe, expect, it } from 'vitest';
import { matchPreset, presetPeriod } from './presets';

const whole = { from: '2024-01-02', to: '2025-06-30' };

describe('presetPeriod', () => {
	// Months and quarters count back from the anchor date, across year ends; the last 90 days
	// include the anchor.
	it.each([
		['this-month', '2025-05-17', '2025-05-01', '2025-05-17'],
		['last-month', '2025-05-17', '2025-04-01', '2025-04-30'],
		['this-quarter', '2025-05-17', '2025-04-01', '2025-05-17'],
		['last-quarter', '2025-05-17', '2025-01-01', '2025-03-31'],
		['last-month', '2025-01-10', '2024-12-01', '2024-12-31'],
		['last-quarter', '2025-02-10', '2024-10-01', '2024-12-31'],
		['last-year', '2025-02-10', '2024-01-01', '2024-12-31'],
		['last-90', '2025-03-31', '2025-01-01', '2025-03-31']
	] as const)('%s on %s is %s … %s', (preset, anchor, from, to) => {
		expect(presetPeriod(preset, anchor, whole)).toEqual({ from, to });
	});

	it('all is the whole data', () => {
		expect(presetPeriod('all', '2025-03-31', whole)).toBe(whole);
	});
});

describe('matchPreset', () => {
	it('names the preset a period equals, and null for a custom one', () => {
		expect(matchPreset(null, '2025-06-30', whole)).toBe('all');
		expect(matchPreset({ from: '2025-04-01', to: '2025-06-30' }, '2025-06-30', whole)).toBe(
			'this-quarter'
		);
		expect(matchPreset({ from: '2025-04-02', to: '2025-06-30' }, '2025-06-30', whole)).toBe(
			'last-90'
		);
		expect(matchPreset({ from: '2025-04-03', to: '2025-06-30' }, '2025-06-30', whole)).toBeNull();
	});
});
