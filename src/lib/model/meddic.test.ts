import { describe, expect, it } from 'vitest';
import { detectMeddic } from './meddic';

describe('detectMeddic', () => {
	it.each([
		[
			'the six English headers',
			[
				'id',
				'Metrics',
				'Economic Buyer',
				'Decision Criteria',
				'Decision Process',
				'Identify Pain',
				'Champion'
			],
			{
				metrics: 'Metrics',
				economic_buyer: 'Economic Buyer',
				decision_criteria: 'Decision Criteria',
				decision_process: 'Decision Process',
				identify_pain: 'Identify Pain',
				champion: 'Champion'
			}
		],
		[
			'Russian headers, in any case',
			[
				'Метрики',
				'экономический покупатель',
				'Критерии решения',
				'Процесс принятия решения',
				'Боль',
				'Чемпион'
			],
			{
				metrics: 'Метрики',
				economic_buyer: 'экономический покупатель',
				decision_criteria: 'Критерии решения',
				decision_process: 'Процесс принятия решения',
				identify_pain: 'Боль',
				champion: 'Чемпион'
			}
		],
		[
			'«Выявленная боль» and headers prefixed with MEDDIC',
			['MEDDIC: Champion', 'meddic - Metrics', ' Выявленная боль '],
			{
				champion: 'MEDDIC: Champion',
				metrics: 'meddic - Metrics',
				identify_pain: ' Выявленная боль '
			}
		],
		['one matching header alone is not MEDDIC', ['id', 'Metrics', 'Amount'], {}],
		['no MEDDIC header', ['id', 'Deal Stage'], {}]
	])('detectMeddic(columns): %s', (_, columns, expected) => {
		expect(detectMeddic(columns)).toEqual(expected);
	});
});
