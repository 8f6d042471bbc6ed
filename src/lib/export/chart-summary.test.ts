import { describe, expect, it } from 'vitest';
import { formatsFor } from '../i18n/format';
import { translate, type Lang, type MessageKey } from '../i18n/messages';
import type { FunnelRow } from '../metrics/funnel';
import { chartSummary } from './chart-summary';
import { funnelTable, lostReasonsTable } from './panel-tables';

const showIn = (lang: Lang) => ({
	t: (key: MessageKey, vars?: Record<string, string | number>) => translate(lang, key, vars),
	fmt: formatsFor(lang)
});

// 40 deals created, 25 reach the demo, 10 are won: the funnel's first figure is "reached".
const funnel: FunnelRow[] = [
	{ stage: 'created', reached: 40, from_previous: null, from_first: 1 },
	{ stage: 'demo', reached: 25, from_previous: 25 / 40, from_first: 25 / 40 },
	{ stage: 'won', reached: 10, from_previous: 10 / 25, from_first: 10 / 40 }
];

describe('a chart described in a sentence', () => {
	it('names the rows and where the first figure is highest and lowest', () => {
		expect(chartSummary('Stage conversion', funnelTable(funnel), showIn('en'))).toBe(
			'Stage conversion, rows: 3; Reached is highest for created (40) and lowest for Won (10).'
		);
	});

	it('says it in Russian with the Russian names of the rows', () => {
		const text = chartSummary('Конверсия', funnelTable(funnel), showIn('ru'));
		expect(text).toContain('строк — 3');
		expect(text).toContain('Успех (10)');
		expect(text).toContain('created (40)');
	});

	it('with one row there is no highest and lowest: only the count', () => {
		const one = lostReasonsTable([{ reason: 'Price', deals: 4, amount: 1000 }]);
		expect(chartSummary('Lost', one, showIn('en'))).toBe('Lost, rows: 1.');
	});
});
