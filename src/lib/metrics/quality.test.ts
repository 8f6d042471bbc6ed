import { describe, expect, it } from 'vitest';
import { dealRows, historyRows, useMetricFixture } from '../../../tests/unit/metric-fixture';
import { runDashboard } from '../engine/dashboard';
import type { Filters } from '../model/filters';
import {
	QUALITY_KINDS,
	qualityFinding,
	qualityFindings,
	qualityQueries,
	qualityQuery,
	type QualityExample,
	type QualityFinding,
	type QualityKind
} from './quality';

// First half of 2024; stages Lead < Demo < Proposal. Won cycles in the period: q1 10 d, q2 20 d
// (q4's is negative and left out), so the median is 15 d and "stale" means open over 30 d.
const DEALS = dealRows`
	q1,Ann,Paid,100,,2024-01-01,2024-01-11,Won,Won
	q2,Ann,Paid,,,2024-01-01,2024-01-21,Won,Won
	q3,Bob,Paid,300,,2024-01-02,2024-01-20,Lost,Demo
	q4,Bob,Paid,50,,2024-02-10,2024-02-01,Won,Won
	q5,Cy,Paid,1,,2024-01-01,,Open,Lead
	q6,Cy,Paid,1,,2024-06-01,,Open,Lead
	q7,Cy,Paid,1,,2024-05-31,,Open,Lead
	q8,Dee,Paid,1,,2023-11-01,,Open,Proposal
	q9,Dee,Paid,1,,2024-03-01,,Open,Demo
	q10,Dee,Paid,1,,2024-03-10,2024-03-05,Lost,Lead
`;
// q1 skips Demo; q2 goes from Lead straight to won; q3 moves back from Proposal to Demo.
// q8 skips too, but was created before the period. q9 enters Lead and Demo at once (listed
// Demo first): in stage order, that is neither a skip nor a move back.
const HISTORY = historyRows`
	q1: Lead 2024-01-01T00:00:00, Proposal 2024-01-05T00:00:00, Won 2024-01-11T00:00:00
	q2: Lead 2024-01-01T00:00:00, Won 2024-01-21T00:00:00
	q3: Lead 2024-01-02T00:00:00, Demo 2024-01-03T00:00:00, Proposal 2024-01-04T00:00:00, Demo 2024-01-06T00:00:00, Lost 2024-01-20T00:00:00
	q8: Lead 2023-11-01T00:00:00, Proposal 2023-11-05T00:00:00
	q9: Demo 2024-03-01T00:00:00, Lead 2024-03-01T00:00:00
`;
const HALF = { from: '2024-01-01', to: '2024-06-30' };

const fixture = useMetricFixture({ deals: DEALS, history: HISTORY });

async function run(kind: QualityKind, filters: Filters = {}): Promise<QualityFinding> {
	const ctx = fixture.context(HALF, filters);
	return qualityFinding(kind, await fixture.db.query(qualityQueries(ctx)[kind]));
}

/** An example as `run` gives it: without `lineOf`, no line number. */
const example = (id: string, details: QualityExample['details']): QualityExample => ({
	id,
	line: null,
	details
});

describe('data quality', () => {
	it('skipped_stages: cohort deals whose events jump over an open stage, won included', async () => {
		expect(await run('skipped_stages')).toEqual({
			kind: 'skipped_stages',
			count: 2,
			examples: [
				example('q1', { from: 'Lead', to: 'Proposal', skipped: 1, at: '2024-01-05T00:00:00.000' }),
				example('q2', { from: 'Lead', to: 'Won', skipped: 2, at: '2024-01-21T00:00:00.000' })
			]
		});
	});

	it('backward_moves: an event at a lower open stage after a higher one; simultaneous events in stage order', async () => {
		expect(await run('backward_moves')).toEqual({
			kind: 'backward_moves',
			count: 1,
			examples: [example('q3', { from: 'Proposal', to: 'Demo', at: '2024-01-06T00:00:00.000' })]
		});
	});

	it('stale_open: open deals older at the period end than twice the median won cycle, oldest first', async () => {
		const f = await run('stale_open');
		expect(f.threshold_days).toBe(30);
		// q8 242 d, q5 181 d, q9 121 d; q7 is exactly 30 d old and q6 29 d: not stale.
		expect(f.count).toBe(3);
		expect(f.examples.map((e) => [e.id, e.details.age_days, e.details.stage])).toEqual([
			['q8', 242, 'Proposal'],
			['q5', 181, 'Lead'],
			['q9', 121, 'Demo']
		]);
	});

	it('stale_open has no threshold and no finding when no deal was won in the period', async () => {
		// Bob's only won deal (q4) has a negative cycle.
		expect(await run('stale_open', { owner: ['Bob'] })).toEqual({
			kind: 'stale_open',
			count: 0,
			examples: [],
			threshold_days: null
		});
	});

	it('won_without_amount and closed_before_created list deals closed in the period', async () => {
		expect(await run('won_without_amount')).toEqual({
			kind: 'won_without_amount',
			count: 1,
			examples: [example('q2', { closed: '2024-01-21' })]
		});
		const f = await run('closed_before_created');
		expect(f.count).toBe(2);
		expect(f.examples).toEqual([
			example('q4', { outcome: 'won', created: '2024-02-10', closed: '2024-02-01' }),
			example('q10', { outcome: 'lost', created: '2024-03-10', closed: '2024-03-05' })
		]);
	});

	it('the findings follow the filters', async () => {
		const counts = async (filters: Filters) =>
			Promise.all(QUALITY_KINDS.map(async (kind) => (await run(kind, filters)).count));
		expect(await counts({ owner: ['Bob'] })).toEqual([0, 1, 0, 0, 1]);
	});

	it('qualityQuery gives every kind in one statement, the same findings as one query each', async () => {
		for (const filters of [{}, { owner: ['Bob'] }, { owner: ['Ann', 'Dee'] }] as Filters[]) {
			const ctx = fixture.context(HALF, filters);
			const apart = await Promise.all(QUALITY_KINDS.map((kind) => run(kind, filters)));
			expect(qualityFindings(await fixture.db.query(qualityQuery(ctx)))).toEqual(apart);
		}
	});

	it('a finding lists at most five examples and counts them all', () => {
		const rows = ['a', 'b', 'c', 'd', 'e'].map((id) => ({
			id,
			row: 1,
			n: 7,
			closed: '2024-01-01'
		}));
		const f = qualityFinding('won_without_amount', rows, { lineOf: (row) => row + 1 });
		expect(f.count).toBe(7);
		expect(f.examples[0]).toEqual({ id: 'a', line: 2, details: { closed: '2024-01-01' } });
	});

	it('runDashboard lists every kind in order, with the deals file’s line numbers', async () => {
		const view = await runDashboard(fixture.db, fixture.dataset, { period: HALF });
		expect(view.quality.map((q) => [q.kind, q.count])).toEqual([
			['skipped_stages', 2],
			['backward_moves', 1],
			['stale_open', 3],
			['won_without_amount', 1],
			['closed_before_created', 2]
		]);
		// q1 is on line 2 of the deals file (after the header), q2 on line 3.
		expect(view.quality[0].examples.map((e) => e.line)).toEqual([2, 3]);
	});
});
