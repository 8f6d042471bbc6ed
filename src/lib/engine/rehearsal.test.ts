import { describe, expect, it } from 'vitest';
import { exampleInputs, exampleRuns } from '../../../tests/unit/example-runs';
import { recordingDb, useNodeDb } from '../../../tests/unit/node-db';
import type { Db } from '../db/types';
import { runDashboard } from './dashboard';
import { loadDataset } from './load';
import { rehearsalFiles, rehearse } from './rehearsal';

/** The report of an example's first run on `db` (its files, config and period). */
async function exampleReport(db: Db, name: string) {
	const [run] = exampleRuns(name);
	const { inputs, roles, config } = exampleInputs(name, run);
	const dataset = await loadDataset(db, inputs, { config, roles });
	const period = run.from && run.to ? { from: run.from, to: run.to } : undefined;
	const { report } = await runDashboard(db, dataset, { period });
	return { report, expected: run.expected };
}

describe('the rehearsal load', () => {
	const db = useNodeDb();

	it('reads its own files as a HubSpot export with spend: 60 deals, 8 won, 8 lost', async () => {
		// Deal i: i % 7 < 5 is open at stage i % 7 + 1, 5 won after all five stages, 6 lost after
		// stage i % 5 + 1. Of i < 60, 9 each have i % 7 = 0…3 and 8 each 4…6, so 8 won and 8 lost,
		// the lost reaching stages 2, 4, 1, 3, 5, 2, 4, 1. Reached stage 2: 9 + 9 + 9 + 8 open, 8
		// won, 6 lost = 49; stage 3: 26 + 8 + 4 = 38; stage 4: 17 + 8 + 3 = 28; stage 5: 8 + 8 + 1.
		const dataset = await loadDataset(db, rehearsalFiles());
		expect(dataset.files.map((f) => [f.role, f.crm])).toEqual([
			['deals', 'hubspot'],
			['spend', 'spend']
		]);
		const { report } = await runDashboard(db, dataset, {});
		expect(report.deals).toEqual({ created: 60, won: 8, lost: 8 });
		expect(report.funnel.map((r) => r.reached)).toEqual([60, 49, 38, 28, 17, 8]);
	});

	it('views the whole data, then a period with one before it, filtered by owner and source', async () => {
		const { db: recorded, statements } = recordingDb(db);
		await rehearse(recorded);
		const views = statements.filter((s) => s.text.startsWith('UPDATE view_values'));
		expect(views).toHaveLength(2);
		// The second view's values: its period, the period before, an owner and a source.
		expect(views[1].params).toEqual(
			expect.arrayContaining(['2024-04-01', '2024-06-30', '\x1fAnn Lee', '\x1fPAID_SEARCH'])
		);
	});
});

describe('a load after the rehearsal gives what it gives on a fresh engine', () => {
	const rehearsed = useNodeDb();
	const fresh = useNodeDb();

	it.each(['hubspot', 'salesforce', 'enterprise'])('the %s example', async (name) => {
		await rehearse(rehearsed);
		const after = await exampleReport(rehearsed, name);
		const alone = await exampleReport(fresh, name);
		expect(after.report.deals).toEqual(after.expected.deals);
		expect(after.report).toEqual(alone.report);
	});
});
