import { beforeAll, describe, expect, it } from 'vitest';
import { loadHubspotExample } from '../../../tests/unit/hubspot-example';
import { recordingDb, useNodeDb } from '../../../tests/unit/node-db';
import type { Sql } from '../sql/sql';
import { runDashboard, type DashboardRequest } from './dashboard';
import type { Dataset } from './dataset';

/**
 * The budget of one view: the statement writing its values to `view_values`, and the statements
 * reading them, prepared once per dataset and then only run.
 */
const STATEMENTS_PER_VIEW = 9;

/** The engine, recording every statement it is given. */
const { db, statements: seen } = recordingDb(useNodeDb());
let dataset: Dataset;
beforeAll(async () => {
	dataset = await loadHubspotExample(db);
});

async function statementsOf(request: DashboardRequest): Promise<Sql[]> {
	seen.length = 0;
	await runDashboard(db, dataset, request);
	return [...seen];
}

const texts = (statements: readonly Sql[]) => statements.map((s) => s.text).sort();

describe('the statements of a view', () => {
	it('are the same texts for another period and other filter values, only the values differ', async () => {
		const a = await statementsOf({
			period: { from: '2024-04-01', to: '2025-03-31' },
			filters: { owner: ['Alice Moreau'], source: ['PAID'] }
		});
		const b = await statementsOf({
			period: { from: '2024-11-15', to: '2025-01-10' },
			filters: { owner: ['Eve O\x1fNeil', "Eve O'Neil"], source: ['ORGANIC', 'OUTBOUND', 'PAID'] }
		});
		expect(texts(a)).toEqual(texts(b));
		expect(a.map((s) => s.params)).not.toEqual(b.map((s) => s.params));
	});

	it('are the same texts for views without filters, whatever the period', async () => {
		const a = await statementsOf({ period: { from: '2024-04-01', to: '2025-03-31' } });
		const b = await statementsOf({ period: { from: '2024-10-01', to: '2024-10-31' } });
		expect(texts(a)).toEqual(texts(b));
	});

	it(`are at most ${STATEMENTS_PER_VIEW}, the previous period's report included`, async () => {
		const statements = await statementsOf({
			period: { from: '2024-04-01', to: '2025-03-31' },
			filters: { source: ['ORGANIC'] }
		});
		expect(statements.length).toBeLessThanOrEqual(STATEMENTS_PER_VIEW);
		// Every text is asked once: a second ask of the same figures would be a wasted scan.
		expect(new Set(texts(statements)).size).toBe(statements.length);
	});
});
