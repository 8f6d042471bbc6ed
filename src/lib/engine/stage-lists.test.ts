import { describe, expect, it } from 'vitest';
import { useNodeDb } from '../../../tests/unit/node-db';
import { tinyDataset } from '../../../tests/unit/tiny-dataset';
import type { Config } from '../model/config';
import { runReport } from './report';

// Deal B sits at `Passed` with an outcome column saying it is open; C is won and D lost by both.
const DEALS = [
	'id,created,stage,outcome,amount,closed',
	'A,2024-01-01,Proposal,open,100,',
	'B,2024-01-02,Passed,open,200,2024-02-01',
	'C,2024-01-03,Won,won,300,2024-02-02',
	'D,2024-01-04,Lost,lost,400,2024-02-03'
].join('\n');
const COLUMNS = {
	id: 'id',
	created: 'created',
	stage: 'stage',
	amount: 'amount',
	closed: 'closed'
};

const db = useNodeDb();

async function figures(config: Config) {
	const { dataset } = await tinyDataset({ deals: DEALS, config }, db);
	const r = await runReport(db, dataset);
	return { deals: r.deals, open: r.pipeline.open_deals, openValue: r.pipeline.open_value };
}

describe('the stage editor’s won and lost lists', () => {
	for (const [name, columns] of [
		['with no outcome column', { ...COLUMNS, outcome: null }],
		['with an outcome column that says open', { ...COLUMNS, outcome: 'outcome' }]
	] as const) {
		it(`a label added to lost or won decides a deal at that stage (${name})`, async () => {
			const lists = { columns, stages: ['Proposal', 'Passed'], won: ['Won'], lost: ['Lost'] };
			// B open at Passed: A and B open (100 + 200), C won, D lost.
			expect(await figures(lists)).toEqual({
				deals: { created: 4, won: 1, lost: 1 },
				open: 2,
				openValue: 300
			});
			const passedLost = { ...lists, stages: ['Proposal'], lost: ['Lost', 'Passed'] };
			// B lost on 2024-02-01: D and B lost, A alone open.
			expect(await figures(passedLost)).toEqual({
				deals: { created: 4, won: 1, lost: 2 },
				open: 1,
				openValue: 100
			});
			const passedWon = { ...lists, stages: ['Proposal'], won: ['Won', 'Passed'] };
			expect(await figures(passedWon)).toEqual({
				deals: { created: 4, won: 2, lost: 1 },
				open: 1,
				openValue: 100
			});
		});
	}
});
