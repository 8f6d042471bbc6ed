import { describe, expect, it } from 'vitest';
import { useNodeDb } from '../../../tests/unit/node-db';
import { generateAnalyst } from '../../../tests/generators/analyst-handmade.mjs';
import type { Config } from '../model/config';
import { buildDataset, loadDataset, readFiles } from './load';
import { redetect } from './recognise';
import { runReport } from './report';

// A HubSpot export: its detector reads the stages from the `Date entered` columns. A config naming
// its id, created and stage columns describes the file as a plain CSV (which reads the `Date
// entered` columns as stage dates too).
const HUBSPOT = [
	`"Record ID","Deal Stage","Amount","Close Date","Create Date","Date entered 'Qualified (Sales Pipeline)'","Date entered 'Demo (Sales Pipeline)'","Date entered 'Closed Won (Sales Pipeline)'"`,
	`"1","Closed Won","1000","2024-01-11","2024-01-01","2024-01-01","2024-01-05","2024-01-11"`,
	`"2","Demo","500","2024-03-01","2024-01-02","2024-01-02","2024-01-04",""`,
	`"3","Qualified","700","","2024-01-03","2024-01-03","",""`
].join('\n');
const DESCRIBES: Config = {
	columns: { id: 'Record ID', created: 'Create Date', stage: 'Deal Stage', amount: 'Amount' },
	stages: ['Qualified', 'Demo'],
	won: ['Closed Won'],
	lost: ['Closed Lost']
};

const db = useNodeDb();

describe('redetect', () => {
	it('a config applied to files read without it gives what reading them with it gives', async () => {
		const inputs = [{ name: 'deals.csv', source: HUBSPOT }];
		const withConfig = await loadDataset(db, inputs, { config: DESCRIBES });
		const expected = await runReport(db, withConfig);
		expect(withConfig.deals.crm).toBe('generic');
		// Read as HubSpot first, then the config applied: recognised again, a plain CSV too.
		const read = await readFiles(db, inputs, {});
		expect(read.files[0].crm).toBe('hubspot');
		const again = redetect(read, DESCRIBES);
		expect(again?.files[0].crm).toBe('generic');
		const applied = await buildDataset(db, again!, { config: DESCRIBES });
		expect(applied.eventCount).toBe(withConfig.eventCount);
		expect(await runReport(db, applied)).toEqual(expected);
		// An event per `Date entered` date: deal 1 three, deal 2 two, deal 3 one.
		expect(applied.eventCount).toBe(6);
		// Without recognising again, the file stays read as HubSpot's.
		const stale = await buildDataset(db, await readFiles(db, inputs, {}), { config: DESCRIBES });
		expect(stale.deals.crm).toBe('hubspot');
		expect(stale.deals.crm).not.toBe(applied.deals.crm);
	});

	it('a file set aside that the config now describes takes reading again (null)', async () => {
		const { deals, history } = generateAnalyst();
		// The stage log under headers no guess can read: set aside until the config names them.
		const lines = history.split('\n');
		const header = lines[0].split(',').map((_, i) => `c${i}`);
		const unnamed = [header.join(','), ...lines.slice(1)].join('\n');
		const columns = Object.fromEntries(lines[0].split(',').map((name, i) => [name, `c${i}`]));
		const inputs = [
			{ name: 'deals.csv', source: deals },
			{ name: 'stage_history.csv', source: unnamed }
		];
		const read = await readFiles(db, inputs, {});
		expect(read.setAside.map((r) => r.file)).toEqual(['stage_history.csv']);
		expect(redetect(read, {})).not.toBeNull();
		const roles = { 'stage_history.csv': 'history' as const };
		expect(redetect(read, {}, roles, true)).toBeNull();
		expect(
			redetect(read, {
				history: { id: columns.deal_id, stage: columns.stage, at: columns.stage_date }
			})
		).toBeNull();
	});

	it('a file the user ignores is set aside and said so; redetect asks to read a used one again', async () => {
		const { deals, spend } = generateAnalyst();
		const inputs = [
			{ name: 'deals.csv', source: deals },
			{ name: 'spend.csv', source: spend }
		];
		const read = await readFiles(db, inputs, { roles: { 'spend.csv': 'ignore' } });
		expect(read.files.map((f) => f.raw.file)).toEqual(['deals.csv']);
		expect(read.setAside.map((r) => r.file)).toEqual(['spend.csv']);
		expect(read.ignored).toEqual(['spend.csv: not used, as chosen']);
		const dataset = await buildDataset(db, read, {});
		expect(dataset.hasSpend).toBe(false);
		expect(redetect(read, {}, { 'spend.csv': 'ignore' })).not.toBeNull();
		const both = await readFiles(db, inputs, {});
		expect(redetect(both, {}, { 'spend.csv': 'ignore' })).toBeNull();
	});
});
