import { describe, expect, it } from 'vitest';
import { useNodeDb } from '../../../tests/unit/node-db';
import { dealRows } from '../../../tests/unit/metric-fixture';
import { dealsConfig, tinyDataset } from '../../../tests/unit/tiny-dataset';
import { runReport, type ReportRequest } from '../engine/report';

const JANUARY = { from: '2024-01-01', to: '2024-01-31' };
const config = dealsConfig();

type Probabilities = [string, string, string, string, string, string];

/** p1 (created long before the period), p2 (on `to`, no amount), p4 (no probability) are open by Jan 31; p3 is created after. */
function deals(probabilities: Probabilities): string {
	const [a, b, c, d, e, f] = probabilities;
	return dealRows`
		p1,Ann,Paid,1000,${a},2023-06-01,2024-01-15,Open,Demo
		p2,Ann,Paid,,${b},2024-01-31,,Open,Lead
		p3,Bob,Paid,5000,${c},2024-02-01,,Open,Proposal
		p4,Bob,Paid,2000,${d},2024-01-10,,Open,Lead
		p5,Bob,Paid,3000,${e},2024-01-05,2024-01-20,Won,Won
		p6,Cy,Paid,4000,${f},2024-01-06,2024-01-21,Lost,Demo
	`;
}

const db = useNodeDb();

/** The probabilities of p1 … p6 most tests use. */
const USUAL: Probabilities = ['50', '20', '90', '', '100', '0'];

/** The report of the deals with these probabilities, for January unless a request is given. */
async function report(probabilities: Probabilities, request: ReportRequest = { period: JANUARY }) {
	const { dataset } = await tinyDataset({ deals: deals(probabilities), config }, db);
	return runReport(db, dataset, request);
}

describe('pipeline', () => {
	it('pipeline.open_deals counts open deals created on or before `to`, not only the cohort', async () => {
		const r = await report(USUAL);
		expect(r.pipeline.open_deals).toBe(3);
	});

	it('pipeline.open_value sums their amounts, a missing amount counting 0', async () => {
		const r = await report(USUAL);
		expect(r.pipeline.open_value).toBe(1000 + 0 + 2000);
	});

	it('pipeline.weighted_value is Σ amount × probability / 100', async () => {
		const r = await report(USUAL);
		// p1 1000 × 50 %; p2 has no amount; p4 has no probability.
		expect(r.pipeline.weighted_value).toBe(500);
	});

	it('a probability column written 0–1 is scaled to percent', async () => {
		const r = await report(['0.5', '0.2', '0.9', '', '1', '0']);
		expect(r.pipeline.weighted_value).toBe(500);
	});

	it('pipeline.weighted_value is null when no open deal has a probability', async () => {
		// Only p3 (created after `to`) and the closed deals have one.
		const r = await report(['', '', '90', '', '100', '0']);
		expect(r.pipeline.open_deals).toBe(3);
		expect(r.pipeline.weighted_value).toBeNull();
	});

	it('pipeline at an earlier `to` leaves out deals created later', async () => {
		const r = await report(USUAL, { period: { from: '2024-01-01', to: '2024-01-09' } });
		expect(r.pipeline).toEqual({ open_deals: 1, open_value: 1000, weighted_value: 500 });
	});

	it('pipeline follows the filters', async () => {
		const r = await report(USUAL, { period: JANUARY, filters: { owner: ['Bob'] } });
		expect(r.pipeline).toEqual({ open_deals: 1, open_value: 2000, weighted_value: null });
	});
});
