import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csv, dealsConfig, tinyDataset } from '../../../tests/unit/tiny-dataset';
import { startNodeDb } from '../db/node';
import type { Db } from '../db/types';
import { parseConfig } from '../model/config';
import { effectiveConfig } from './effective-config';
import { runReport } from './report';

let db: Db;
beforeAll(async () => {
	db = await startNodeDb();
});
afterAll(async () => {
	await db?.close();
});

// Six deals; D4's outcome says PASSED (any letter case) and D5's stage is Passed.
const DEALS = csv`
	id,owner,source,amount,created,closed,status,stage
	D1,Ann,Web,100,2024-01-05,2024-02-01,Won,Proposal
	D2,Ann,Web,200,2024-01-10,2024-02-10,Lost,Demo
	D3,Bob,Ads,300,2024-01-15,2024-03-01,Won,Proposal
	D4,Bob,Ads,400,2024-02-01,2024-03-05,PASSED,Demo
	D5,Ann,Ads,500,2024-02-10,,Open,Passed
	D6,Bob,Web,600,2024-02-15,,Open,Demo`;
// D4's events: a deal left out is neither an orphan nor a holder of unknown stages.
const HISTORY = csv`
	id,stage,at
	D1,Lead,2024-01-05 10:00
	D1,Proposal,2024-01-20 10:00
	D4,Lead,2024-02-01 10:00
	D4,Passed,2024-03-05 10:00`;
const PERIOD = { from: '2024-01-01', to: '2024-12-31' };
const config = (extra = {}) => ({
	...dealsConfig({ columns: { probability: undefined } }),
	history: { id: 'id', stage: 'stage', at: 'at' },
	...extra
});

describe('left-out labels (config left_out)', () => {
	it('takes the deals out of every metric and says how many', async () => {
		const { dataset } = await tinyDataset(
			{ deals: DEALS, history: HISTORY, config: config({ left_out: ['Passed'] }) },
			db
		);
		const r = await runReport(db, dataset, { period: PERIOD });
		// Kept: D1 (won), D2 (lost at Demo), D3 (won), D6 (open at Demo).
		expect(dataset.dealCount).toBe(4);
		expect(r.deals).toEqual({ created: 4, won: 2, lost: 1 });
		expect(r.win_rate).toBeCloseTo(2 / 3, 12);
		expect(r.avg_deal_size).toBe(200);
		expect(r.pipeline.open_deals).toBe(1);
		expect(r.pipeline.open_value).toBe(600);
		// Won deals reach every stage; D2 and D6 reached Demo.
		expect(r.funnel.map((f) => f.reached)).toEqual([4, 4, 2, 2]);
		expect(dataset.rows.find((row) => row.role === 'deals')).toEqual({
			file: 'deals.csv',
			role: 'deals',
			read: 6,
			loaded: 4,
			rejected: 2,
			leftOut: 2
		});
		expect(dataset.warnings).toEqual(['deals.csv: 2 deals left out (labels: "Passed")']);
		expect(effectiveConfig(dataset).left_out).toEqual(['Passed']);
	});

	it('without it the same file counts them as open deals (and Passed as an unknown stage)', async () => {
		const { dataset } = await tinyDataset({ deals: DEALS, history: HISTORY, config: config() }, db);
		const r = await runReport(db, dataset, { period: PERIOD });
		expect(r.deals).toEqual({ created: 6, won: 2, lost: 1 });
		expect(r.pipeline.open_deals).toBe(3);
		expect(r.pipeline.open_value).toBe(1500);
		expect(dataset.rows.find((row) => row.role === 'deals')?.leftOut).toBeUndefined();
		expect(dataset.warnings.some((w) => w.includes('stage "Passed"'))).toBe(true);
	});

	it('a left-out label named as a stage or a lost label is neither', async () => {
		const { dataset } = await tinyDataset(
			{
				deals: DEALS,
				config: config({
					history: undefined,
					stages: ['Lead', 'Passed', 'Demo', 'Proposal'],
					lost: ['Lost', 'passed'],
					left_out: ['passed']
				})
			},
			db
		);
		expect(dataset.stages).toEqual(['Lead', 'Demo', 'Proposal']);
		expect(dataset.deals.lost).toEqual(['Lost']);
		const r = await runReport(db, dataset, { period: PERIOD });
		expect(r.deals).toEqual({ created: 4, won: 2, lost: 1 });
		expect(r.funnel.map((f) => f.stage)).toEqual(['Lead', 'Demo', 'Proposal', 'won']);
	});

	it('parseConfig takes left_out as a list of labels and refuses anything else', () => {
		expect(parseConfig({ left_out: ['Passed', 'Duplicate'] })).toEqual({
			left_out: ['Passed', 'Duplicate']
		});
		expect(() => parseConfig({ left_out: 'Passed' })).toThrow(
			'config.left_out must be a list of stage labels'
		);
	});
});
