import { describe, expect, it } from 'vitest';
import { formatsFor } from './format';

describe('formatsFor', () => {
	const en = formatsFor('en');
	const ru = formatsFor('ru');

	it('number writes small values in full and large ones compactly', () => {
		const cases: [number | null, string][] = [
			[1234, '1,234'],
			[15959.8, '16k'],
			[16633.55, '16.6k'],
			[1_085_638.42, '1.09M'],
			[2_500_000_000, '2.5B'],
			[null, '—']
		];
		for (const [value, text] of cases) expect(en.number(value)).toBe(text);
	});

	it('Russian groups with a no-break space, writes a decimal comma and Russian units', () => {
		expect(ru.number(1234)).toBe('1\u00a0234');
		expect(ru.number(16633.55)).toBe('16,6\u00a0тыс.');
		expect(ru.number(1_085_638.42)).toBe('1,09\u00a0млн');
		expect(ru.percent(0.14285714)).toBe('14,3\u00a0%');
		expect(ru.days(7.54)).toBe('7,5\u00a0дн.');
		expect(ru.exact(465115.38)).toBe('465\u00a0115,38');
	});

	it('percent keeps one decimal', () => {
		expect(en.percent(0.14285714)).toBe('14.3%');
	});

	it('days keeps one decimal and a unit', () => {
		expect(en.days(7.545833)).toBe('7.5\u00a0d');
		expect(en.days(104.529)).toBe('104.5\u00a0d');
	});

	it('exact keeps cents and drops .00', () => {
		expect(en.exact(465115.38)).toBe('465,115.38');
		expect(en.exact(3000)).toBe('3,000');
	});
});
