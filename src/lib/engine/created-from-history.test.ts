import { describe, expect, it } from 'vitest';
import { generateSalesforceNoCreated } from '../../../tests/generators/salesforce-no-created.mjs';
import { dealPaths } from '../../../tests/generators/deal-paths.mjs';
import { loadAndReport } from '../../../tests/unit/load-report';
import { useNodeDb } from '../../../tests/unit/node-db';
import type { Config } from '../model/config';
import { fileReadings } from './file-readings';
import { buildDataset, loadDataset, readFiles } from './load';
import { redetect } from './recognise';

const db = useNodeDb();

// Deals 1 … 8: outcome, and how many stages each entered (one every three days).
const files = generateSalesforceNoCreated(
	dealPaths('open 1, open 2, won 3, won 2, lost 1, lost 3, lost 2, open 3')
);

const load = (inputs: { name: string; source: string }[], config: Config = {}) =>
	loadAndReport(db, inputs, config);

describe('a deals file with no created date beside its stage history', () => {
	it("takes each deal's first history event as its created date", async () => {
		const { dataset, r } = await load([
			{ name: 'opportunities.csv', source: files.deals },
			{ name: 'history.csv', source: files.history }
		]);
		expect(dataset.files.map((f) => [f.raw.file, f.role, f.crm])).toEqual([
			['opportunities.csv', 'deals', 'salesforce'],
			['history.csv', 'history', 'salesforce']
		]);
		expect(dataset.deals.columns.created).toBeUndefined();
		expect(dataset.deals.createdFromHistory).toBe(true);
		expect(fileReadings(dataset)[0]).toMatchObject({ role: 'deals', created_from: 'history' });
		// Deal i was created on 2024-03-i (its first event): the period starts on the first.
		expect(dataset.whole?.from).toBe('2024-03-01');
		expect(r.deals).toEqual({ created: 8, won: 2, lost: 3 });
		// f: open 1, 2, 3; won 9 (k + 1 of Salesforce's eight stages); lost 1, 3, 2.
		expect(r.funnel.map((f) => f.reached)).toEqual([8, 6, 4, 2, 2, 2, 2, 2, 2]);
		// Won deals 3 and 4 entered 3 and 2 stages: closed 9 and 6 days after their first event.
		expect(r.sales_cycle_days).toBe(7.5);
		// Prospecting: every deal but the first (open, still there) left it after three days.
		expect(r.time_in_stage?.[0]).toMatchObject({ stage: 'Prospecting', n: 7, mean_days: 3 });
	});

	it('alone, it is refused with a message that says how to give the created date', async () => {
		await expect(load([{ name: 'opportunities.csv', source: files.deals }])).rejects.toThrow(
			/no column holds the date a deal was created \(map "created", or give the stage history/
		);
	});

	it('a config field wins over the guess: the column is not kept for another field', async () => {
		// The close date named as created: detection had it as the close (and expected close) date.
		const { dataset } = await load(
			[
				{ name: 'opportunities.csv', source: files.deals },
				{ name: 'history.csv', source: files.history }
			],
			{ columns: { created: 'CloseDate' } }
		);
		expect(dataset.deals.columns.created).toBe('CloseDate');
		expect(dataset.deals.columns.closed).toBeUndefined();
		expect(dataset.deals.columns.expected_close).toBeUndefined();
		expect(dataset.deals.createdFromHistory).toBeUndefined();
	});
});

describe('a stage history given as the deals file', () => {
	it('is refused with a message that says so and how to give it', async () => {
		const read = loadDataset(db, [{ name: 'history.csv', source: files.history }], {
			roles: { 'history.csv': 'deals' }
		});
		await expect(read).rejects.toThrow(
			'history.csv: this is a stage history (a row per stage change: "OpportunityId", "StageName", "CreatedDate"), not a deals file: give it as the history (--history FILE, or the role "stage history" in the mapping editor) beside the deals export'
		);
	});

	it('on the page, the deals role chosen in the editor for it gives the same message', async () => {
		const inputs = [{ name: 'history.csv', source: files.history }];
		const read = await readFiles(db, inputs, { blankWhenUnknown: true });
		const roles = { 'history.csv': 'deals' as const };
		const again = redetect(read, {}, roles, true);
		expect(again).not.toBeNull();
		await expect(buildDataset(db, again!)).rejects.toThrow(
			/history\.csv: this is a stage history .*, not a deals file: give it as the history/
		);
	});
});
