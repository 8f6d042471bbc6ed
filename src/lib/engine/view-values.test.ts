import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose } from '../../../tests/unit/expect-close';
import { loadHubspotExample } from '../../../tests/unit/hubspot-example';
import { recordingDb, useNodeDb } from '../../../tests/unit/node-db';
import { raw, sql } from '../sql/sql';
import { runDashboard, type DashboardRequest } from './dashboard';
import type { Dataset } from './dataset';

/** Views in an order that would expose a plan kept from the view before. */
const VIEWS: DashboardRequest[] = [
	// After every date: a plan folded to "nothing" for it would stay empty.
	{ period: { from: '2031-01-01', to: '2031-12-31' } },
	{},
	{
		period: { from: '2024-04-01', to: '2025-03-31' },
		filters: { owner: ['Alice Moreau'] },
		funnelMode: 'snapshot'
	},
	{
		period: { from: '2024-10-01', to: '2025-06-30' },
		filters: { source: ['ORGANIC', 'PAID_SEARCH'] },
		breakdown: 'source'
	},
	{ period: { from: '2024-10-01', to: '2025-06-30' }, filters: { owner: [] } },
	{ filters: { source: ['EVENTS'] } },
	{},
	// Period changes with the same statement texts, one after another, as typing the two ends
	// of a period asks them (a join with the period's row gave the view before's counts here).
	{ period: { from: '2024-04-01', to: '2025-06-30' } },
	{ period: { from: '2024-04-01', to: '2025-03-31' } },
	{ period: { from: '2024-01-01', to: '2024-01-31' } }
];

describe('a view reads its period and filters from view_values', () => {
	// `kept` runs the views one after another, its prepared plans kept from view to view;
	// `fresh` plans every view anew (a write closes every kept statement).
	const kept = recordingDb(useNodeDb());
	const fresh = useNodeDb();
	let keptData: Dataset;
	let freshData: Dataset;
	beforeAll(async () => {
		keptData = await loadHubspotExample(kept.db);
		freshData = await loadHubspotExample(fresh);
	});

	it('gives every view the figures of a view planned for it alone', async () => {
		for (const view of VIEWS) {
			await fresh.query(sql`CREATE OR REPLACE TABLE plans_closed AS SELECT 1 AS x`);
			const expected = await runDashboard(fresh, freshData, view);
			// Sums of amounts may differ in their last bits: another plan adds the rows in another
			// order. A plan kept from another view would be off by whole deals.
			expectClose(
				await runDashboard(kept.db, keptData, view),
				expected,
				JSON.stringify(view),
				1e-12
			);
		}
	});

	it('gives views asked one after another without waiting each its own figures', async () => {
		const asked = VIEWS.slice(-3);
		const results = await Promise.all(asked.map((view) => runDashboard(kept.db, keptData, view)));
		for (const [i, view] of asked.entries()) {
			await fresh.query(sql`CREATE OR REPLACE TABLE plans_closed AS SELECT 1 AS x`);
			const expected = await runDashboard(fresh, freshData, view);
			expectClose(results[i], expected, JSON.stringify(view), 1e-12);
		}
	});

	it('binds the values in one statement; every other statement of the view binds none', async () => {
		for (const view of VIEWS) {
			kept.statements.length = 0;
			await runDashboard(kept.db, keptData, view);
			const binding = kept.statements.filter((s) => s.params.length > 0);
			expect(binding.map((s) => s.text.slice(0, 60))).toHaveLength(1);
			expect(binding[0].text).toMatch(/^UPDATE view_values /);
			expect(binding[0].keepsPlans).toBe(true);
		}
	});

	it('keeps no statistics a kept plan could answer from', async () => {
		// A join with a period's start is the shape DuckDB folds from statistics alone, and a row
		// written by INSERT is what it folds from (seen without the widening: 0 deals after the
		// row changed). A spare slot, written and read here only.
		const count = (alias: 'v' | 'w') =>
			kept.db.query<{ n: number }>(
				sql`SELECT count(*)::INTEGER AS n FROM deal_facts d,
					(SELECT period_from FROM view_values WHERE slot = 9) ${raw(alias)}
					WHERE d.created >= ${raw(alias)}.period_from`
			);
		const write = async (from: string) => {
			await kept.db.query(sql`DELETE FROM view_values WHERE slot = 9`);
			await kept.db.query(
				sql`INSERT INTO view_values (slot, period_from) VALUES (9, ${from}::DATE)`
			);
		};
		await write('2031-01-01');
		expect(await count('v')).toEqual([{ n: 0 }]);
		// The same text again is the kept plan only if no write came between: keep it by
		// writing through the one write that keeps plans.
		await kept.db.query({
			text: `UPDATE view_values SET period_from = DATE '2000-01-01' WHERE slot = 9`,
			params: [],
			keepsPlans: true
		});
		const [{ n }] = await count('w');
		expect(n).toBe(keptData.dealCount);
		expect(await count('v')).toEqual([{ n }]);
		await kept.db.query(sql`DELETE FROM view_values WHERE slot = 9`);
	});
});
