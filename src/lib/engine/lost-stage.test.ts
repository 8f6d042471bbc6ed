import { describe, expect, it } from 'vitest';
import { opportunityTable } from '../../../tests/generators/analyst.mjs';
import { loadAndReport } from '../../../tests/unit/load-report';
import { useNodeDb } from '../../../tests/unit/node-db';
import type { Config } from '../model/config';

const db = useNodeDb();

// Deals 1 … 14: the stage an open deal is at, the stage a lost deal was lost at.
const table = opportunityTable([
	['open', 'Prospecting'],
	['open', 'Prospecting'],
	['open', 'Qualification'],
	['open', 'Proposal'],
	['won'],
	['won'],
	['won'],
	['lost', 'Prospecting'],
	['lost', 'Prospecting'],
	['lost', 'Prospecting'],
	['lost', 'Qualification'],
	['lost', 'Qualification'],
	['lost', 'Proposal'],
	['lost', 'Negotiation']
]);

const report = (source: string, config: Config = {}) =>
	loadAndReport(db, [{ name: 'opportunities.csv', source }], config);

describe('a lost-at-stage column (lost_stage, METRICS.md §1)', () => {
	it('is guessed, and a lost deal reaches the stage it was lost at', async () => {
		const { dataset, r } = await report(table);
		// Every other field of these headers is asserted in crm/generic.test.ts.
		expect(dataset.deals.columns).toMatchObject({ stage: 'stage', lost_stage: 'lost_at_stage' });
		expect(dataset.deals.flags).toEqual({ won: 'is_won', closed: 'is_closed' });
		expect(dataset.stages).toEqual(['Prospecting', 'Qualification', 'Proposal', 'Negotiation']);
		expect(r.deals).toEqual({ created: 14, won: 3, lost: 7 });
		// f: open 1, 1, 2, 3; won 5; lost 1, 1, 1, 2, 2, 3, 4.
		// Qualification: open 2 + won 3 + lost 4 = 9; Proposal: 1 + 3 + 2 = 6; Negotiation: 0 + 3 + 1.
		expect(r.funnel.map((f) => [f.stage, f.reached])).toEqual([
			['Prospecting', 14],
			['Qualification', 9],
			['Proposal', 6],
			['Negotiation', 4],
			['won', 3]
		]);
		expect(r.funnel[1].from_first).toBeCloseTo(9 / 14, 12);
		expect(r.lost_by_stage).toEqual([
			{ stage: 'Prospecting', deals: 3 },
			{ stage: 'Qualification', deals: 2 },
			{ stage: 'Proposal', deals: 1 },
			{ stage: 'Negotiation', deals: 1 }
		]);
		expect(r.win_rate).toBeCloseTo(3 / 10, 12);
		// Won deals 5, 6, 7: 1000 × id; each closed 60 days after it was created (Jan i → Mar i, 2024).
		expect(r.avg_deal_size).toBeCloseTo(6000, 9);
		expect(r.sales_cycle_days).toBe(60);
		expect(r.pipeline.open_deals).toBe(4);
	});

	it('a config names the column, or removes it (a lost deal then reaches the first stage only)', async () => {
		const renamed = table.replace('lost_at_stage', 'where_it_ended');
		const named = await report(renamed, { columns: { lost_stage: 'where_it_ended' } });
		expect(named.dataset.deals.columns.lost_stage).toBe('where_it_ended');
		expect(named.r.funnel.map((f) => f.reached)).toEqual([14, 9, 6, 4, 3]);
		const removed = await report(table, {
			columns: { lost_stage: null },
			stages: ['Prospecting', 'Qualification', 'Proposal', 'Negotiation']
		});
		expect(removed.dataset.deals.columns.lost_stage).toBeUndefined();
		// Lost deals at f = 1: Qualification open 2 + won 3; Proposal 1 + 3; Negotiation won only.
		expect(removed.r.funnel.map((f) => f.reached)).toEqual([14, 5, 4, 3, 3]);
	});
});
