import { describe, expect, it } from 'vitest';
import {
	generateAnalyst,
	generateBitrixSpendRu,
	generateOpportunities
} from '../../../tests/generators/analyst.mjs';
import { sniffDialect } from '../ingest/dialect';
import type { FileSample } from '../model/mapping';
import { headerTokens, rankColumns, RANKED_FIELDS, type RankedRole } from './column-scores';

function fromCsv(name: string, text: string): FileSample {
	const { columns, rows } = sniffDialect(text);
	return { name, columns, rows };
}

function sample(columns: string[], rows: string[][] = []): FileSample {
	return { name: 'file.csv', columns, rows };
}

/** Each field's best candidate (undefined when no column fits it). */
function best(s: FileSample, role: RankedRole): Record<string, string | undefined> {
	const ranked = rankColumns(s, role);
	return Object.fromEntries(RANKED_FIELDS[role].map((f) => [f, ranked[f][0]?.column]));
}

/** The columns offered for one field, best first. */
function offered(s: FileSample, role: RankedRole, field: string): string[] {
	return rankColumns(s, role)[field].map((c) => c.column);
}

const analyst = generateAnalyst();

describe('headerTokens(header)', () => {
	it('splits snake_case, camelCase and punctuation and drops units and currencies', () => {
		expect(headerTokens('deal_size_usd')).toEqual(['deal', 'size']);
		expect(headerTokens('spend_usd')).toEqual(['spend']);
		expect(headerTokens('Amount (EUR)')).toEqual(['amount']);
		expect(headerTokens('Расход, руб.')).toEqual(['расход']);
		expect(headerTokens('Сумма, ₽')).toEqual(['сумма']);
		expect(headerTokens('CreatedDate')).toEqual(['created', 'date']);
		expect(headerTokens('Probability (%)')).toEqual(['probability']);
	});
});

describe('rankColumns(sample, role): each field of the generated fixtures', () => {
	it("an analyst's deals table: the deal's size, the close date and the outcome columns", () => {
		const s = fromCsv('deals.csv', analyst.deals);
		expect(best(s, 'deals')).toEqual({
			id: 'deal_id',
			owner: 'sales_rep',
			source: 'lead_source',
			pipeline: undefined,
			segment: undefined,
			amount: 'deal_size_usd',
			probability: undefined,
			created: 'created_date',
			closed: 'close_date',
			outcome: 'deal_outcome',
			stage: 'stage',
			currency: undefined,
			is_won: 'is_won',
			is_closed: 'is_closed'
		});
		// The company's revenue is offered, below the deal's size; a review date never as the close.
		expect(offered(s, 'deals', 'amount')).toEqual(['deal_size_usd', 'revenue_usd']);
		expect(offered(s, 'deals', 'closed')).toEqual(['close_date']);
		expect(offered(s, 'deals', 'created')).toEqual(['created_date']);
		for (const list of Object.values(rankColumns(s, 'deals')))
			for (const c of list) expect(c.score > 0 && c.score <= 1).toBe(true);
	});

	it('its stage log: id, stage and the date entered; the order and the days are not the stage', () => {
		const s = fromCsv('stage_history.csv', analyst.history);
		expect(s.columns).toEqual(['deal_id', 'stage', 'stage_date', 'stage_order', 'days_in_stage']);
		expect(best(s, 'history')).toEqual({
			id: 'deal_id',
			stage: 'stage',
			at: 'stage_date',
			from: undefined
		});
		expect(offered(s, 'history', 'stage')).toEqual(['stage']);
	});

	it('its spend sheet: month, channel, spend_usd (NA where a channel spent nothing)', () => {
		const s = fromCsv('spend.csv', analyst.spend);
		expect(best(s, 'spend')).toEqual({ date: 'month', channel: 'channel', amount: 'spend_usd' });
	});

	it('a Bitrix24 spend sheet with Russian headers and the currency in the header', () => {
		const s = fromCsv('расходы.csv', generateBitrixSpendRu().spend);
		expect(s.columns).toEqual(['Месяц', 'Источник', 'Расход, руб.']);
		expect(best(s, 'spend')).toEqual({
			date: 'Месяц',
			channel: 'Источник',
			amount: 'Расход, руб.'
		});
	});

	it('a flat opportunities table: True/False flags, lost_at_stage the lost stage, not the stage', () => {
		const s = fromCsv('opportunities.csv', generateOpportunities().deals);
		expect(best(s, 'deals')).toEqual({
			id: 'opportunity_id',
			owner: 'owner_name',
			source: undefined,
			pipeline: undefined,
			segment: undefined,
			amount: 'amount',
			probability: undefined,
			created: 'created_at',
			closed: 'closed_at',
			outcome: undefined,
			stage: 'stage',
			lost_stage: 'lost_at_stage',
			currency: undefined,
			is_won: 'is_won',
			is_closed: 'is_closed'
		});
		expect(offered(s, 'deals', 'stage')).toEqual(['stage']);
		expect(offered(s, 'deals', 'lost_stage')).toEqual(['lost_at_stage']);
	});
});

describe('rankColumns(sample, role): preferences', () => {
	it("a deal's size or value over a company's revenue; company attributes are never the amount", () => {
		const s = sample(['revenue', 'annual_revenue', 'company_revenue', 'employees', 'deal_value']);
		expect(offered(s, 'deals', 'amount')).toEqual(['deal_value', 'revenue']);
	});

	it('a close date over other dates: a review, the last activity, an update are not the close', () => {
		const s = sample(
			['date_reviewed', 'last_activity', 'updated', 'close_date', 'created'],
			[
				['2024-03-01', '2024-03-02', '2024-03-03', '2024-02-01', '2024-01-01'],
				['2024-03-05', '2024-03-06', '2024-03-07', '', '2024-01-09']
			]
		);
		expect(offered(s, 'deals', 'closed')).toEqual(['close_date']);
		expect(offered(s, 'deals', 'created')).toEqual(['created']);
	});

	it('values that do not fit the field rule a named column out (a "Created" column of names)', () => {
		const s = sample(
			['created', 'amount', 'is_closed'],
			[
				['Ann', 'n/a', 'maybe'],
				['Bob', '1200', 'yes']
			]
		);
		const ranked = rankColumns(s, 'deals');
		expect(ranked.created).toEqual([]);
		expect(ranked.is_closed).toEqual([]);
		// `n/a` is missing, not text: the rest are numbers.
		expect(ranked.amount.map((c) => c.column)).toEqual(['amount']);
	});

	it('NA, N/A, null, - and — are missing: a date column full of them is still a date column', () => {
		const s = sample(
			['close_date'],
			[['NA'], ['N/A'], ['null'], ['-'], ['—'], [''], ['2024-05-01']]
		);
		expect(offered(s, 'deals', 'closed')).toEqual(['close_date']);
	});

	it('an outcome column needs won or lost words (a lead status is no outcome)', () => {
		const outcome = sample(['status'], [['Won'], ['Open'], ['Lost']]);
		expect(offered(outcome, 'deals', 'outcome')).toEqual(['status']);
		const lead = sample(['status'], [['Open'], ['Pending'], ['Working - Contacted']]);
		expect(offered(lead, 'deals', 'outcome')).toEqual([]);
	});

	it('unnamed columns are offered from their values alone, with low scores', () => {
		const s = sample(
			['Ref', 'Col A', 'Col B', 'Col C'],
			[
				['A-1', '2024-01-05', 'Closed Won', '12,500.00'],
				['A-2', '2024-01-09', 'Proposal', '8,000.00'],
				['A-3', '2024-01-10', 'Closed Lost', '3,100.00'],
				['A-4', '2024-01-12', 'Proposal', '9,900.00']
			]
		);
		const ranked = rankColumns(s, 'deals');
		expect(ranked.created.map((c) => c.column)).toEqual(['Col A']);
		expect(ranked.stage.map((c) => c.column)).toEqual(['Col B']);
		expect(ranked.amount.map((c) => c.column)).toEqual(['Col C']);
		for (const f of ['created', 'stage', 'amount']) expect(ranked[f][0].score).toBeLessThan(0.4);
	});
});
