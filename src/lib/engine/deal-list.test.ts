import { describe, expect, it } from 'vitest';
import { DRILL_CONFIG, DRILL_DEALS } from '../../../tests/unit/drill-fixture';
import { useTinyDataset } from '../../../tests/unit/tiny-dataset';
import { dealCount, dealPage, nameColumn } from './deal-list';
import type { Filters, Period } from '../model/filters';
import { typedParams } from '../db/typed-params';
import { DEFAULT_ORDER, drillPageQuery, type DrillOrder, type DrillTarget } from '../metrics/drill';

// The fixture's deals (tests/unit/drill-fixture.ts); the period is January 2024.
const JANUARY = { from: '2024-01-01', to: '2024-01-31' };

// Worked out by hand from METRICS.md §3 (furthest stages: 1 → 2, 2 → 3, 3 → 1, 4 → 2, 5 → 2,
// 6 → 1, 7 → 4, 8 → 2, 9 → 1, 10 → 3, 11 → 1, 12 → 1, 13 → 2):
// - the cohort (created in January): 1, 2, 3, 4, 5, 7, 8, 9, 10, 11;
// - won in January: 7; lost in January: 1, 2, 3, 4, 6 (5 closed in February);
// - open at the end of January: 8, 9, 10, 11, 13 (12 was created in February).
const JANUARY_SETS: [DrillTarget, string[]][] = [
	[
		{ kind: 'funnel', mode: 'cohort', step: 1 },
		['1', '2', '3', '4', '5', '7', '8', '9', '10', '11']
	],
	[{ kind: 'funnel', mode: 'cohort', step: 2 }, ['1', '2', '4', '5', '7', '8', '10']],
	[{ kind: 'funnel', mode: 'cohort', step: 3 }, ['2', '7', '10']],
	[{ kind: 'funnel', mode: 'cohort', step: 4 }, ['7']],
	[{ kind: 'cohort', month: '2024-01', step: 3 }, ['2', '7', '10']],
	[{ kind: 'cohort', month: '2023-12', step: 1 }, []],
	[{ kind: 'kpi', set: 'created' }, ['1', '2', '3', '4', '5', '7', '8', '9', '10', '11']],
	[{ kind: 'kpi', set: 'won' }, ['7']],
	[{ kind: 'kpi', set: 'lost' }, ['1', '2', '3', '4', '6']],
	[{ kind: 'kpi', set: 'open' }, ['8', '9', '10', '11', '13']],
	[{ kind: 'breakdown', dimension: 'owner', value: 'Ann', set: 'created' }, ['1', '2', '7', '8']],
	[{ kind: 'breakdown', dimension: 'source', value: 'Paid', set: 'open' }, ['8', '10', '11']],
	[{ kind: 'reason', reason: 'Timing' }, ['3', '6']],
	[{ kind: 'reason', reason: 'Price' }, ['1']],
	[{ kind: 'reason', reason: 'price' }, ['2']],
	[{ kind: 'reason', reason: '(none)' }, ['4']],
	[{ kind: 'lost-stage', step: 1 }, ['3', '6']],
	[{ kind: 'lost-stage', step: 2 }, ['1', '4']],
	[{ kind: 'lost-stage', step: 3 }, ['2']],
	[{ kind: 'forecast', month: '2023-12' }, ['13']],
	[{ kind: 'forecast', month: '2024-02' }, ['9', '10']],
	[{ kind: 'forecast', month: '2024-03' }, ['8']],
	[{ kind: 'forecast', month: null }, ['11']],
	// Won in January without an amount: none (7 has 700).
	[{ kind: 'quality', finding: 'won_without_amount' }, []],
	// The median cycle of the won deals is 3 days (7: 7 → 10 January), so open deals older than
	// 6 days on 31 January are stale: every one of 8, 9, 10, 11, 13.
	[{ kind: 'quality', finding: 'stale_open' }, ['8', '9', '10', '11', '13']]
];

const byId = (ids: readonly string[]) => [...ids].sort((a, b) => Number(a) - Number(b));

describe('the deals behind a number', () => {
	const fixture = useTinyDataset({ deals: DRILL_DEALS, config: DRILL_CONFIG });

	async function list(
		target: DrillTarget,
		period: Period = JANUARY,
		filters: Filters = {},
		order: DrillOrder = DEFAULT_ORDER,
		page = { limit: 100, offset: 0 }
	) {
		const request = { period, filters, target, order, ...page };
		const count = await dealCount(fixture.db, fixture.dataset, request);
		const deals = await dealPage(fixture.db, fixture.dataset, request);
		return { count, deals, ids: deals.map((d) => d.id) };
	}

	it.each(JANUARY_SETS)('%j lists exactly its deals, and counts them', async (target, ids) => {
		const { count, ids: listed } = await list(target);
		expect(byId(listed)).toEqual(ids);
		expect(count).toBe(ids.length);
	});

	it('each count equals the number the metrics give for it', async () => {
		const r = await fixture.report({ period: JANUARY });
		for (const [i, row] of r.funnel.entries())
			expect((await list({ kind: 'funnel', mode: 'cohort', step: i + 1 })).count).toBe(row.reached);
		expect((await list({ kind: 'kpi', set: 'created' })).count).toBe(r.deals.created);
		expect((await list({ kind: 'kpi', set: 'won' })).count).toBe(r.deals.won);
		expect((await list({ kind: 'kpi', set: 'lost' })).count).toBe(r.deals.lost);
		expect((await list({ kind: 'kpi', set: 'open' })).count).toBe(r.pipeline.open_deals);
		for (const reason of r.lost_reasons ?? [])
			expect((await list({ kind: 'reason', reason: reason.reason })).count).toBe(reason.deals);
		for (const [i, stage] of (r.lost_by_stage ?? []).entries())
			expect((await list({ kind: 'lost-stage', step: i + 1 })).count).toBe(stage.deals);
		for (const month of r.forecast ?? [])
			expect((await list({ kind: 'forecast', month: month.month })).count).toBe(month.deals);
	});

	it('the filters apply: owner Ann', async () => {
		const ann = { owner: ['Ann'] };
		const ids = async (target: DrillTarget) => byId((await list(target, JANUARY, ann)).ids);
		expect(await ids({ kind: 'kpi', set: 'lost' })).toEqual(['1', '2']);
		expect(await ids({ kind: 'reason', reason: 'Timing' })).toEqual([]);
		expect(await ids({ kind: 'forecast', month: '2023-12' })).toEqual(['13']);
		expect(await ids({ kind: 'funnel', mode: 'cohort', step: 2 })).toEqual(['1', '2', '7', '8']);
	});

	it('the period applies: February', async () => {
		const february = { from: '2024-02-01', to: '2024-02-29' };
		// Lost in February: 5 (Price). Open on 29 February: 8 … 13 but 12's January date moves it.
		expect((await list({ kind: 'reason', reason: 'Price' }, february)).ids).toEqual(['5']);
		expect((await list({ kind: 'forecast', month: '2024-01' }, february)).ids).toEqual(['12']);
		expect((await list({ kind: 'kpi', set: 'created' }, february)).ids).toEqual(['12']);
	});

	it('lists the columns of each deal, its name from the file', async () => {
		const { deals } = await list({ kind: 'forecast', month: '2024-03' });
		expect(deals).toEqual([
			{
				id: '8',
				name: 'Hale',
				owner: 'Ann',
				stage: 'Demo',
				amount: 800,
				created: '2024-01-08',
				closed: null,
				expected_close: '2024-03-15',
				outcome: 'open'
			}
		]);
		const lost = await list({ kind: 'reason', reason: '(none)' });
		expect(lost.deals.map((d) => [d.id, d.name, d.closed, d.outcome])).toEqual([
			['4', null, '2024-01-27', 'lost']
		]);
		expect(nameColumn(fixture.dataset)?.column).toBe('name');
	});

	it('sorts by the chosen column either way, then by id', async () => {
		const lost = { kind: 'kpi', set: 'lost' } as const;
		const order = async (by: DrillOrder['by'], descending: boolean) =>
			(await list(lost, JANUARY, {}, { by, descending })).ids;
		// Amounts 1: 100, 2: none, 3: 300, 4: 400, 6: 600; a deal without one last either way.
		expect(await order('amount', false)).toEqual(['1', '3', '4', '6', '2']);
		expect(await order('amount', true)).toEqual(['6', '4', '3', '1', '2']);
		// Closed 6: 15th, 1: 20th, 2: 25th, 3: 26th, 4: 27th.
		expect(await order('close', false)).toEqual(['6', '1', '2', '3', '4']);
		expect(await order('created', true)).toEqual(['4', '3', '2', '1', '6']);
		// Owners Ann (1, 2), Bob (3, 4), Cy (6); ties by id.
		expect(await order('owner', true)).toEqual(['6', '3', '4', '1', '2']);
		expect(await order('stage', false)).toEqual(['1', '4', '3', '6', '2']);
	});

	it('pages: only the rows asked for, the count of them all', async () => {
		const open = { kind: 'kpi', set: 'open' } as const;
		// By amount, largest first: 13 (1300), 11 (1100), 9 (900), 8 (800), 10 (none).
		const page = await list(open, JANUARY, {}, DEFAULT_ORDER, { limit: 2, offset: 2 });
		expect(page.ids).toEqual(['9', '8']);
		expect(page.count).toBe(5);
		const last = await list(open, JANUARY, {}, DEFAULT_ORDER, { limit: 2, offset: 4 });
		expect(last.ids).toEqual(['10']);
	});
});

describe('the statements of a list', () => {
	const stages = ['Lead', 'Demo', 'Proposal'];
	const names = { table: 'raw_0', column: 'name' };
	const page = (period: Period, filters: Filters, target: DrillTarget, order: DrillOrder) =>
		drillPageQuery({ period, filters, stages }, target, order, { limit: 50, offset: 0 }, names);

	it('are one text per kind, whatever the period, the filter values (on the same dimensions), the values and the order', () => {
		const pairs: [DrillTarget, DrillTarget][] = [
			[
				{ kind: 'funnel', mode: 'cohort', step: 1 },
				{ kind: 'funnel', mode: 'cohort', step: 4 }
			],
			[
				{ kind: 'breakdown', dimension: 'owner', value: 'Ann', set: 'won' },
				{ kind: 'breakdown', dimension: 'segment', value: "O'Neil", set: 'open' }
			],
			[
				{ kind: 'reason', reason: 'Price' },
				{ kind: 'reason', reason: '(none)' }
			],
			[
				{ kind: 'forecast', month: '2024-02' },
				{ kind: 'forecast', month: null }
			]
		];
		for (const [a, b] of pairs) {
			const one = page(JANUARY, { owner: ['Ann'] }, a, DEFAULT_ORDER);
			const other = page(
				{ from: '2023-01-01', to: '2023-06-30' },
				{ owner: ['Bob', "Cy\x1fO'Neil"] },
				b,
				{ by: 'owner', descending: false }
			);
			expect(typedParams(one).text).toBe(typedParams(other).text);
			expect(one.params).not.toEqual(other.params);
			expect(one.text).not.toContain('Ann');
		}
	});

	it('take a sort column from the fixed list only', () => {
		const order = { by: 'amount; DROP TABLE deals' as DrillOrder['by'], descending: true };
		const statement = page(JANUARY, {}, { kind: 'kpi', set: 'won' }, order);
		expect(statement.text).not.toContain('DROP');
		expect(statement.params).toContain('amount');
	});
});
