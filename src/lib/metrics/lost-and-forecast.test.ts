import { describe, expect, it } from 'vitest';
import { csv, dealsConfig, useTinyDataset } from '../../../tests/unit/tiny-dataset';
import { sql } from '../sql/sql';

// Stages Lead < Demo < Proposal; the period is January 2024. No history: a lost deal's furthest
// stage is the stage it was lost at.
const DEALS = csv`
	id,owner,source,amount,probability,created,closed,status,stage,expected,reason
	1,Ann,Paid,100,,2024-01-02,2024-01-20,Lost,Demo,,Price
	2,Ann,Paid,,,2024-01-03,2024-01-25,Lost,Proposal,,price
	3,Bob,Organic,300,,2024-01-04,2024-01-26,Lost,Lead,,Timing
	4,Bob,Organic,400,,2024-01-05,2024-01-27,Lost,Demo,,
	5,Cy,Paid,500,,2024-01-06,2024-02-10,Lost,Demo,,Price
	6,Cy,Paid,600,,2023-12-01,2024-01-15,Lost,Lead,,Timing
	7,Ann,Paid,700,,2024-01-07,2024-01-10,Won,Won,2024-05-01,Price
	8,Ann,Paid,800,50,2024-01-08,,Open,Demo,2024-03-15,
	9,Bob,Organic,900,,2024-01-09,,Open,Lead,2024-02-01,
	10,Bob,Paid,,20,2024-01-10,,Open,Proposal,2024-02-28,
	11,Cy,Paid,1100,10,2024-01-11,,Open,Lead,,
	12,Cy,Organic,1200,30,2024-02-05,,Open,Lead,2024-01-20,
	13,Ann,Organic,1300,40,2023-11-01,,Open,Demo,2023-12-31,
`;
const JANUARY = { from: '2024-01-01', to: '2024-01-31' };

// Worked out by hand from METRICS.md §3:
// - lost in January (closed in the period, lost): 1, 2, 3, 4, 6 (5 closed in February, 7 won).
//   Reasons: Timing 3 + 6 (300 + 600); (none) 4 (400); Price 1 (100); price 2 (no amount: 0).
//   Ties of one deal by reason, by code point: "(none)" < "Price" < "price".
//   Furthest stages: 1 Demo, 2 Proposal, 3 Lead, 4 Demo, 6 Lead.
// - open at the period's end (open, created on or before 31 Jan): 8, 9, 10, 11, 13 (12 created in
//   February). Months: 2023-12 ← 13 (1300, 1300 × 40 %); 2024-02 ← 9, 10 (900 + 0; 0 + 0);
//   2024-03 ← 8 (800, 800 × 50 %); no date ← 11 (1100, 1100 × 10 %).
describe('lost reasons, lost by stage, forecast', () => {
	const fixture = useTinyDataset({
		deals: DEALS,
		config: dealsConfig({ columns: { expected_close: 'expected', lost_reason: 'reason' } })
	});

	it('lost_reasons groups the lost deals of the period by reason: most deals first, then by reason', async () => {
		const r = await fixture.report({ period: JANUARY });
		expect(r.deals.lost).toBe(5);
		expect(r.lost_reasons).toEqual([
			{ reason: 'Timing', deals: 2, amount: 900 },
			{ reason: '(none)', deals: 1, amount: 400 },
			{ reason: 'Price', deals: 1, amount: 100 },
			{ reason: 'price', deals: 1, amount: 0 }
		]);
	});

	it('lost_by_stage counts the same deals by furthest stage, every open stage listed', async () => {
		const r = await fixture.report({ period: JANUARY });
		expect(r.lost_by_stage).toEqual([
			{ stage: 'Lead', deals: 2 },
			{ stage: 'Demo', deals: 2 },
			{ stage: 'Proposal', deals: 1 }
		]);
	});

	it('forecast groups the open pipeline by expected-close month, months ascending, no date last', async () => {
		const r = await fixture.report({ period: JANUARY });
		expect(r.pipeline.open_deals).toBe(5);
		expect(r.forecast).toEqual([
			{ month: '2023-12', deals: 1, value: 1300, weighted_value: 520 },
			{ month: '2024-02', deals: 2, value: 900, weighted_value: 0 },
			{ month: '2024-03', deals: 1, value: 800, weighted_value: 400 },
			{ month: null, deals: 1, value: 1100, weighted_value: 110 }
		]);
	});

	it('filters apply: owner Ann', async () => {
		const r = await fixture.report({ period: JANUARY, filters: { owner: ['Ann'] } });
		expect(r.lost_reasons).toEqual([
			{ reason: 'Price', deals: 1, amount: 100 },
			{ reason: 'price', deals: 1, amount: 0 }
		]);
		expect(r.lost_by_stage?.map((s) => s.deals)).toEqual([0, 1, 1]);
		expect(r.forecast).toEqual([
			{ month: '2023-12', deals: 1, value: 1300, weighted_value: 520 },
			{ month: '2024-03', deals: 1, value: 800, weighted_value: 400 }
		]);
	});

	it('with no open deal in view having a probability, the weighted values are null', async () => {
		const r = await fixture.report({
			period: JANUARY,
			filters: { owner: ['Bob'], source: ['Organic'] }
		});
		expect(r.pipeline.weighted_value).toBeNull();
		expect(r.forecast).toEqual([{ month: '2024-02', deals: 1, value: 900, weighted_value: null }]);
		expect(r.lost_reasons).toEqual([
			{ reason: '(none)', deals: 1, amount: 400 },
			{ reason: 'Timing', deals: 1, amount: 300 }
		]);
		expect(r.lost_by_stage?.map((s) => s.deals)).toEqual([1, 1, 0]);
	});

	it('the period applies: February', async () => {
		const r = await fixture.report({ period: { from: '2024-02-01', to: '2024-02-29' } });
		// Lost in February: 5 (Price, 500, Demo). Open on 29 Feb: 8, 9, 10, 11, 12, 13.
		expect(r.lost_reasons).toEqual([{ reason: 'Price', deals: 1, amount: 500 }]);
		expect(r.lost_by_stage?.map((s) => s.deals)).toEqual([0, 1, 0]);
		expect(r.forecast?.map((m) => [m.month, m.deals])).toEqual([
			['2023-12', 1],
			['2024-01', 1],
			['2024-02', 2],
			['2024-03', 1],
			[null, 1]
		]);
	});

	it('deals keep an expected close date only when open (7 is won), and every deal its reason', async () => {
		const withDate = await fixture.db.query<{ id: string }>(
			sql`SELECT id FROM deals WHERE expected_close IS NOT NULL ORDER BY row`
		);
		expect(withDate.map((d) => d.id)).toEqual(['8', '9', '10', '12', '13']);
		const reasons = await fixture.db.query<{ id: string }>(
			sql`SELECT id FROM deals WHERE lost_reason IS NOT NULL ORDER BY row`
		);
		expect(reasons.map((d) => d.id)).toEqual(['1', '2', '3', '5', '6', '7']);
	});
});

describe('without a lost-reason or expected-close column', () => {
	// The config says the file has neither (`null`), over what the guesser would read from the
	// headers `expected` and `reason`.
	const fixture = useTinyDataset({
		deals: DEALS,
		config: dealsConfig({ columns: { expected_close: null, lost_reason: null } })
	});

	it('lost_reasons and forecast are null; lost_by_stage is still given', async () => {
		const r = await fixture.report({ period: JANUARY });
		expect(r.lost_reasons).toBeNull();
		expect(r.forecast).toBeNull();
		expect(r.lost_by_stage?.map((s) => s.deals)).toEqual([2, 2, 1]);
	});
});
