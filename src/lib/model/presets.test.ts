import { describe, expect, it } from 'vitest';
import { matchPreset, presetPeriod } from './presets';

const whole = { from: '2024-01-02', to: '2025-06-30' };

describe('presetPeriod', () => {
	it('counts months and quarters back from the anchor date', () => {
		expect(presetPeriod('this-month', '2025-05-17', whole)).toEqual({
			from: '2025-05-01',
			to: '2025-05-17'
		});
		expect(presetPeriod('last-month', '2025-05-17', whole)).toEqual({
			from: '2025-04-01',
			to: '2025-04-30'
		});
		expect(presetPeriod('this-quarter', '2025-05-17', whole)).toEqual({
			from: '2025-04-01',
			to: '2025-05-17'
		});
		expect(presetPeriod('last-quarter', '2025-05-17', whole)).toEqual({
			from: '2025-01-01',
			to: '2025-03-31'
		});
	});

	it('crosses year ends', () => {
		expect(presetPeriod('last-month', '2025-01-10', whole)).toEqual({
			from: '2024-12-01',
			to: '2024-12-31'
		});
		expect(presetPeriod('last-quarter', '2025-02-10', whole)).toEqual({
			from: '2024-10-01',
			to: '2024-12-31'
		});
		expect(presetPeriod('last-year', '2025-02-10', whole)).toEqual({
			from: '2024-01-01',
			to: '2024-12-31'
		});
	});

	it('last 90 days include the anchor', () => {
		expect(presetPeriod('last-90', '2025-03-31', whole)).toEqual({
			from: '2025-01-01',
			to: '2025-03-31'
		});
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
