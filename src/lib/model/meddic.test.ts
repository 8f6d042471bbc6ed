import { describe, expect, it } from 'vitest';
import { ENGLISH_MEDDIC } from '../../../tests/unit/meddic-headers';
import type { DealsMapping } from './mapping';
import { detectMeddic, withMeddic } from './meddic';

describe('detectMeddic', () => {
	it.each([
		['the six English headers', ['id', ...Object.values(ENGLISH_MEDDIC)], ENGLISH_MEDDIC],
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

describe('withMeddic', () => {
	const mapping: DealsMapping = {
		role: 'deals',
		crm: 'generic',
		columns: { id: 'id' },
		stages: [],
		won: [],
		lost: [],
		outcomeWon: [],
		outcomeLost: [],
		stageColumns: []
	};
	const header = ['id', 'Champion', 'Metrics', 'Qualif: pain', 'EB known'];

	it('takes the elements the header names', () => {
		expect(withMeddic(mapping, header).meddic).toEqual({
			champion: 'Champion',
			metrics: 'Metrics'
		});
	});

	it('lays the config over detection: a column maps an element, null removes one', () => {
		const out = withMeddic(mapping, header, {
			identify_pain: 'Qualif: pain',
			economic_buyer: 'EB known',
			metrics: null
		});
		expect(out.meddic).toEqual({
			champion: 'Champion',
			identify_pain: 'Qualif: pain',
			economic_buyer: 'EB known'
		});
	});

	it('one element mapped by hand counts, though detection wants two', () => {
		expect(withMeddic(mapping, ['id', 'pain?'], { identify_pain: 'pain?' }).meddic).toEqual({
			identify_pain: 'pain?'
		});
	});

	it('leaves no meddic key when every element is removed', () => {
		const out = withMeddic(mapping, header, { champion: null, metrics: null });
		expect(out).not.toHaveProperty('meddic');
	});
});
