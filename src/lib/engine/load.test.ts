import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csv, tinyDataset } from '../../../tests/unit/tiny-dataset';
import type { Db } from '../db/types';
import { startNodeDb } from '../db/node';
import { InputError } from '../ingest/raw-table';
import { sql } from '../sql/sql';
import { loadDataset } from './load';
import { runReport } from './report';

// A tiny HubSpot export without the Deal Name column: stages come from the Date entered columns
// (Qualified, Demo), probabilities are 0–1, and the open deal D2 carries an expected close date.
const HUBSPOT = [
	`"Record ID","Deal Stage","Pipeline","Amount","Close Date","Create Date","Deal owner","Deal probability","Date entered 'Qualified (Sales Pipeline)'","Date entered 'Demo (Sales Pipeline)'","Date entered 'Closed Won (Sales Pipeline)'","Date entered 'Closed Lost (Sales Pipeline)'"`,
	`"100000000001","Closed Won","Sales Pipeline","1000","2024-01-11 00:00","2024-01-01 09:00","Ann","1","2024-01-01 09:00","2024-01-05 09:00","2024-01-11 12:00",""`,
	`"100000000002","Demo","Sales Pipeline","500","2024-03-01 00:00","2024-01-02 09:00","Bob","0.4","2024-01-02 09:00","2024-01-04 09:00","",""`,
	`"100000000003","Closed Lost","Sales Pipeline","","2024-01-20 00:00","2024-01-03 09:00","Bob","0","2024-01-03 09:00","","","2024-01-20 15:00"`
].join('\n');

let db: Db;
beforeAll(async () => {
	db = await startNodeDb();
});
afterAll(async () => {
	await db?.close();
});

describe('loadDataset', () => {
	it('loadDataset reads a HubSpot export: stages and events from Date entered columns, 0–1 probabilities', async () => {
		const { dataset } = await tinyDataset({ deals: HUBSPOT }, db);
		expect(dataset.deals.crm).toBe('hubspot');
		expect(dataset.stages).toEqual(['Qualified', 'Demo']);
		expect(dataset.eventCount).toBe(7);
		// D2's close date is an expectation: the whole period ends at D3's close.
		expect(dataset.whole).toEqual({ from: '2024-01-01', to: '2024-01-20' });
		const r = await runReport(db, dataset);
		expect(r.deals).toEqual({ created: 3, won: 1, lost: 1 });
		// D1 won, D2 open at Demo, D3 lost with no known lost-at stage.
		expect(r.funnel.map((f) => f.reached)).toEqual([3, 2, 1]);
		// Qualified: D1 4 d, D2 2 d, D3 17.25 d until Closed Lost. Demo: D1 6.125 d; D2 is still there.
		expect(r.time_in_stage).toEqual([
			{ stage: 'Qualified', n: 3, mean_days: 23.25 / 3, median_days: 4 },
			{ stage: 'Demo', n: 1, mean_days: 6.125, median_days: 6.125 }
		]);
		expect(r.sales_cycle_days).toBe(10);
		expect(r.sales_velocity_per_day).toBe((3 * 0.5 * 1000) / 10);
		expect(r.pipeline).toEqual({ open_deals: 1, open_value: 500, weighted_value: 200 });
	});

	it('loadDataset merges the stage dates of a repeated deal row (same stage, same time) into one event', async () => {
		// D1 again on a later row, with the same Qualified date and a Demo date of its own: unique
		// ids skip the merge (7 events above); a repeated id needs it.
		const repeated = `${HUBSPOT}\n"100000000001","Demo","Sales Pipeline","1000","","2024-01-01 09:00","Ann","0.5","2024-01-01 09:00","2024-01-06 09:00","",""`;
		const { dataset } = await tinyDataset({ deals: repeated }, db);
		expect(dataset.dealCount).toBe(3);
		// D1's second row adds one Demo entry; its Qualified entry repeats the first row's.
		expect(dataset.eventCount).toBe(8);
		expect(dataset.warnings).toContain(
			'deals.csv: 1 stage event repeated (same deal, stage and time) counted once (for example id "100000000001")'
		);
		const [events] = await db.query<{ n: number; distinct: number }>(
			sql`SELECT count(*)::DOUBLE AS n, count(DISTINCT (id, stage, "at"))::DOUBLE AS distinct FROM stage_events`
		);
		expect(events.n).toBe(events.distinct);
	});

	it('loadDataset with a config naming one column keeps the CRM detection and overrides that column', async () => {
		const { dataset: detected } = await tinyDataset({ deals: HUBSPOT }, db);
		const plain = await runReport(db, detected);
		const { dataset } = await tinyDataset(
			{ deals: HUBSPOT, config: { columns: { amount: 'Amount' } } },
			db
		);
		expect(dataset.deals.crm).toBe('hubspot');
		expect(dataset.stages).toEqual(['Qualified', 'Demo']);
		expect(await runReport(db, dataset)).toEqual(plain);
	});

	it('loadDataset throws an InputError naming a mapped column the file does not have', async () => {
		const deals = csv`
			id,created,stage
			1,2024-01-01,Lead
		`;
		const load = tinyDataset(
			{
				deals,
				config: { columns: { id: 'id', created: 'created', stage: 'stage', amount: 'acv' } }
			},
			db
		);
		await expect(load).rejects.toThrow(InputError);
		await expect(
			tinyDataset(
				{
					deals,
					config: { columns: { id: 'id', created: 'created', stage: 'stage', amount: 'acv' } }
				},
				db
			)
		).rejects.toThrow('deals.csv: mapped columns are not in the file: amount → "acv"');
	});

	it('loadDataset throws an InputError when a file given as deals does not look like one', async () => {
		await expect(tinyDataset({ deals: 'foo,bar\n1,2\n' }, db)).rejects.toThrow(
			/^deals\.csv: no column holds the deal stage or status or the date a deal was created, so this is not a deals file \(columns: "foo", "bar"\)$/
		);
	});

	it('loadDataset without a deals file says so', async () => {
		const spend = { name: 'spend.csv', source: 'month,channel,amount\n2024-01,Paid,10\n' };
		await expect(loadDataset(db, [spend])).rejects.toThrow(/no deals file was given/);
	});
});
