import { describe, expect, it } from 'vitest';
import { ENGLISH_MEDDIC } from '../../../tests/unit/meddic-headers';
import { dealRows } from '../../../tests/unit/metric-fixture';
import { useNodeDb } from '../../../tests/unit/node-db';
import { csv, dealsConfig, tinyDataset } from '../../../tests/unit/tiny-dataset';
import { runDashboard } from '../engine/dashboard';

// Stages Lead < Demo < Proposal. "no", "нет", "-" and empty cells are not filled; any other text is.
// Filled: e1 5 (no Decision Process), e2 0, e3 1, e4 2, e5 6, e6 0 (created in December).
const DEALS = csv`
	id,owner,source,amount,probability,created,closed,status,stage,Metrics,Economic Buyer,Decision Criteria,Decision Process,Identify Pain,Champion
	e1,Ann,Paid,1,,2024-01-02,2024-01-20,Won,Won,yes,Jane,price,,slow close,Bob
	e2,Ann,Paid,1,,2024-01-03,2024-01-21,Lost,Demo,no,,,,,
	e3,Bob,Paid,1,,2024-01-04,2024-01-22,Lost,Lead,x,,,,,
	e4,Bob,Paid,1,,2024-01-05,,Open,Demo,x,y,,,,
	e5,Cy,Paid,1,,2024-01-06,2024-01-23,Won,Won,1,1,1,1,1,1
	e6,Cy,Paid,1,,2023-12-01,2024-01-10,Won,Won,-,нет,,,,
`;
const JANUARY = { from: '2024-01-01', to: '2024-01-31' };

const db = useNodeDb();

const share = (count: number, deals: number) => ({
	count,
	share: deals === 0 ? null : count / deals
});

describe('MEDDIC', () => {
	it('loading detects the MEDDIC columns by header', async () => {
		const { dataset } = await tinyDataset({ deals: DEALS, config: dealsConfig() }, db);
		expect(dataset.deals.meddic).toEqual(ENGLISH_MEDDIC);
	});

	it('by_stage: per furthest stage, the cohort deals and the share with each element filled', async () => {
		const { dataset } = await tinyDataset({ deals: DEALS, config: dealsConfig() }, db);
		const m = (await runDashboard(db, dataset, { period: JANUARY })).meddic;
		expect(m?.elements).toHaveLength(6);
		expect(m?.by_stage.map((r) => [r.stage, r.deals])).toEqual([
			['Lead', 1],
			['Demo', 2],
			['Proposal', 0],
			['won', 2]
		]);
		expect(m?.by_stage[0].filled.metrics).toEqual(share(1, 1));
		expect(m?.by_stage[0].filled.champion).toEqual(share(0, 1));
		expect(m?.by_stage[1].filled).toMatchObject({
			metrics: share(1, 2),
			economic_buyer: share(1, 2),
			decision_criteria: share(0, 2)
		});
		expect(m?.by_stage[2].filled.metrics).toEqual({ count: 0, share: null });
		expect(m?.by_stage[3].filled).toEqual({
			metrics: share(2, 2),
			economic_buyer: share(2, 2),
			decision_criteria: share(2, 2),
			decision_process: share(1, 2),
			identify_pain: share(2, 2),
			champion: share(2, 2)
		});
	});

	it('by_count: win rate of the deals closed in the period by how many of the elements are filled', async () => {
		const { dataset } = await tinyDataset({ deals: DEALS, config: dealsConfig() }, db);
		const m = (await runDashboard(db, dataset, { period: JANUARY })).meddic;
		// e6 (won, 0) and e2 (lost, 0); e3 (lost, 1); e1 (won, 5); e5 (won, 6).
		expect(m?.by_count).toEqual([
			{ filled: 0, won: 1, lost: 1, win_rate: 0.5 },
			{ filled: 1, won: 0, lost: 1, win_rate: 0 },
			{ filled: 2, won: 0, lost: 0, win_rate: null },
			{ filled: 3, won: 0, lost: 0, win_rate: null },
			{ filled: 4, won: 0, lost: 0, win_rate: null },
			{ filled: 5, won: 1, lost: 0, win_rate: 1 },
			{ filled: 6, won: 1, lost: 0, win_rate: 1 }
		]);
	});

	it('with some of the six columns, only those count (0 … their number)', async () => {
		const fewer = DEALS.replace('Decision Process', 'Notes').replace('Identify Pain', 'Region');
		const { dataset } = await tinyDataset({ deals: fewer, config: dealsConfig() }, db);
		const m = (await runDashboard(db, dataset, { period: JANUARY })).meddic;
		expect(m?.elements).toEqual(['metrics', 'economic_buyer', 'decision_criteria', 'champion']);
		expect(m?.by_count.map((r) => r.filled)).toEqual([0, 1, 2, 3, 4]);
		// e1 now has 4 filled (Metrics, Economic Buyer, Decision Criteria, Champion), e5 too.
		expect(m?.by_count[4]).toEqual({ filled: 4, won: 2, lost: 0, win_rate: 1 });
	});

	it('config.meddic maps columns with other names, and the figures are the same', async () => {
		const renamed = DEALS.replace('Metrics', 'KPIs agreed')
			.replace('Economic Buyer', 'EB')
			.replace('Decision Criteria', 'DC')
			.replace('Decision Process', 'DP')
			.replace('Identify Pain', 'Pain?')
			.replace('Champion', 'Coach');
		const meddic = {
			metrics: 'KPIs agreed',
			economic_buyer: 'EB',
			decision_criteria: 'DC',
			decision_process: 'DP',
			identify_pain: 'Pain?',
			champion: 'Coach'
		};
		const { dataset: unnamed } = await tinyDataset({ deals: renamed, config: dealsConfig() }, db);
		expect(unnamed.deals.meddic).toBeUndefined();
		const { dataset } = await tinyDataset(
			{ deals: renamed, config: { ...dealsConfig(), meddic } },
			db
		);
		expect(dataset.deals.meddic).toEqual(meddic);
		const { dataset: named } = await tinyDataset({ deals: DEALS, config: dealsConfig() }, db);
		const expected = (await runDashboard(db, named, { period: JANUARY })).meddic;
		expect((await runDashboard(db, dataset, { period: JANUARY })).meddic).toEqual(expected);
	});

	it('a config.meddic column the file does not have is refused by name', async () => {
		await expect(
			tinyDataset({ deals: DEALS, config: { ...dealsConfig(), meddic: { champion: 'Coach' } } }, db)
		).rejects.toThrow('mapped MEDDIC columns are not in the file: champion → "Coach"');
	});

	it('meddic is null without MEDDIC columns', async () => {
		const plain = dealRows`
			z1,Ann,Paid,1,,2024-01-02,2024-01-20,Won,Won
		`;
		const { dataset } = await tinyDataset({ deals: plain, config: dealsConfig() }, db);
		expect(dataset.deals.meddic).toBeUndefined();
		expect((await runDashboard(db, dataset, { period: JANUARY })).meddic).toBeNull();
	});
});
