import { describe, expect, it } from 'vitest';
import { formatDays, formatExact, formatNumber, formatPercent } from './format';

describe('format', () => {
	it('formatNumber writes small values in full and large ones compactly', () => {
		expect(formatNumber(1234)).toBe('1,234');
		expect(formatNumber(15959.8)).toBe('16k');
		expect(formatNumber(16633.55)).toBe('16.6k');
		expect(formatNumber(1_085_638.42)).toBe('1.09M');
		expect(formatNumber(null)).toBe('—');
	});

	it('formatPercent keeps one decimal', () => {
		expect(formatPercent(0.14285714)).toBe('14.3%');
	});

	it('formatDays keeps one decimal and a unit', () => {
		expect(formatDays(7.545833)).toBe('7.5 d');
		expect(formatDays(104.529)).toBe('104.5 d');
	});

	it('formatExact keeps cents and drops .00', () => {
		expect(formatExact(465115.38)).toBe('465,115.38');
		expect(formatExact(3000)).toBe('3,000');
	});
});
