import { describe, expect, it } from 'vitest';
import { dealRows, historyRows, useMetricFixture } from '../../../tests/unit/metric-fixture';
import { dealsConfig, tinyDataset } from '../../../tests/unit/tiny-dataset';
import { runDashboard } from '../engine/dashboard';
import type { Filters } from '../model/filters';
import { snapshotFunnel, snapshotFunnelQuery, type FunnelView } from './snapshot-funnel';

const DEALS = dealRows`
	n1,Ann,Paid,1,,2024-01-10,2024-02-15,Won,Won
	n2,Ann,Paid,1,,2024-02-01,,Open,Proposal
	n3,Bob,Paid,1,,2024-02-05,2024-02-20,Lost,Demo
	n4,Bob,Paid,1,,2024-01-05,2024-01-30,Won,Won
	n5,Bob,Paid,1,,2024-01-15,,Open,Demo
`;
// In February: Lead n2, n3; Demo n2 (twice), n3; Proposal n1, n2 (late on the 29th); won n1.
// n1's Lead and Demo, n4's events and n5's Demo (1 March) fall outside.
const HISTORY = historyRows`
	n1: Lead 2024-01-10T09:00:00, Demo 2024-01-20T09:00:00, Proposal 2024-02-10T10:00:00, Won 2024-02-15T10:00:00
	n2: Lead 2024-02-01T00:00:00, Demo 2024-02-03T00:00:00, Demo 2024-02-04T00:00:00, Proposal 2024-02-29T23:30:00
	n3: Lead 2024-02-05T00:00:00, Demo 2024-02-06T00:00:00, Lost 2024-02-20T00:00:00
	n4: Lead 2024-01-05T00:00:00, Won 2024-01-30T00:00:00
	n5: Lead 2024-01-15T00:00:00, Demo 2024-03-01T00:00:00
`;
const FEBRUARY = { from: '2024-02-01', to: '2024-02-29' };

const fixture = useMetricFixture({ deals: DEALS, history: HISTORY });

async function run(filters: Filters = {}): Promise<FunnelView> {
	const ctx = fixture.context(FEBRUARY, filters);
	return snapshotFunnel(ctx.stages, await fixture.db.query(snapshotFunnelQuery(ctx)));
}

describe('snapshot funnel', () => {
	it('snapshot counting: distinct deals entering each stage in the period, then deals won in it', async () => {
		const f = await run();
		expect(f.mode).toBe('snapshot');
		expect(f.rows).toEqual([
			{ stage: 'Lead', reached: 2, from_previous: null, from_first: 1 },
			{ stage: 'Demo', reached: 2, from_previous: 1, from_first: 1 },
			{ stage: 'Proposal', reached: 2, from_previous: 1, from_first: 1 },
			{ stage: 'won', reached: 1, from_previous: 0.5, from_first: 0.5 }
		]);
	});

	it('snapshot counting follows the filters and does not fill in skipped stages', async () => {
		// Ann: n2 entered Lead, Demo and Proposal; n1 only Proposal (its earlier stages in January).
		const f = await run({ owner: ['Ann'] });
		expect(f.rows.map((r) => r.reached)).toEqual([1, 1, 2, 1]);
		expect(f.rows[2].from_previous).toBe(2);
	});

	it('runDashboard: `funnel` is the requested mode; without history, snapshot is null and funnel cohort', async () => {
		const snap = await runDashboard(fixture.db, fixture.dataset, {
			period: FEBRUARY,
			funnelMode: 'snapshot'
		});
		expect(snap.funnel).toEqual(snap.snapshot);
		expect(snap.funnel.mode).toBe('snapshot');
		const cohort = await runDashboard(fixture.db, fixture.dataset, { period: FEBRUARY });
		expect(cohort.funnel).toEqual({ mode: 'cohort', rows: cohort.report.funnel });
		const { dataset: plain } = await tinyDataset(
			{ deals: DEALS, config: dealsConfig() },
			fixture.db
		);
		const none = await runDashboard(fixture.db, plain, {
			period: FEBRUARY,
			funnelMode: 'snapshot'
		});
		expect(none.snapshot).toBeNull();
		expect(none.snapshotAvailable).toBe(false);
		expect(none.funnel.mode).toBe('cohort');
		await fixture.reload();
	});
});
