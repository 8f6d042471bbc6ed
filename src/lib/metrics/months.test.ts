import { describe, expect, it } from 'vitest';
import { monthsOf } from './months';

describe('monthsOf', () => {
	it.each([
		[
			'a period inside one month',
			{ from: '2024-02-10', to: '2024-02-20' },
			[{ month: '2024-02', from: '2024-02-10', to: '2024-02-20' }]
		],
		[
			'whole months, a leap February',
			{ from: '2024-01-01', to: '2024-02-29' },
			[
				{ month: '2024-01', from: '2024-01-01', to: '2024-01-31' },
				{ month: '2024-02', from: '2024-02-01', to: '2024-02-29' }
			]
		],
		[
			'across a year end, first and last months clipped',
			{ from: '2023-11-15', to: '2024-01-10' },
			[
				{ month: '2023-11', from: '2023-11-15', to: '2023-11-30' },
				{ month: '2023-12', from: '2023-12-01', to: '2023-12-31' },
				{ month: '2024-01', from: '2024-01-01', to: '2024-01-10' }
			]
		],
		[
			'a single day',
			{ from: '2023-02-28', to: '2023-02-28' },
			[{ month: '2023-02', from: '2023-02-28', to: '2023-02-28' }]
		],
		['an inverted period', { from: '2024-03-01', to: '2024-02-01' }, []]
	])('monthsOf(period): %s', (_, period, expected) => {
		expect(monthsOf(period)).toEqual(expected);
	});
});
