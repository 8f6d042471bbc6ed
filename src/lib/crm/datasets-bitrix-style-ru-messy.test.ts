import { describe, expect, it } from 'vitest';
import { hasDataset, useSharedDataset } from '../../../tests/unit/dataset-files';

// CI lays ../shared beside the checkout; a clone without it skips these tests, saying so.
const present = hasDataset('bitrix-style-ru-messy');
import { sql } from '../sql/sql';

// ../shared/datasets/bitrix-style-ru-messy: a Bitrix24-style dump with English snake_case headers
// and Russian values (SOURCE.md): deals with stage ids, the stage table, a stage history, marketing
// costs, and side tables. Every planted defect must surface as a warning; nothing is dropped
// silently. Numbers below are worked out by hand from the CSV files.

const STAGES = [
	'Новая заявка',
	'Квалификация',
	'Расчет',
	'КП отправлено',
	'Договор',
	'В производстве',
	'Отгружено'
];

const shared = useSharedDataset('bitrix-style-ru-messy', present);

describe.skipIf(!present)(
	'dataset bitrix-style-ru-messy (deals by stage id, a stage table, a history, costs)',
	() => {
		it('tells the files apart: deals, stage list, history; side tables set aside with a warning', () => {
			const roles = Object.fromEntries(
				shared().dataset.files.map((f) => [f.raw.file, [f.role, f.crm, f.raw.rowsLoaded]])
			);
			expect(roles['deals.csv']).toEqual(['deals', 'bitrix24', 12]);
			expect(roles['pipeline_stages.csv']).toEqual(['stages', 'generic', 9]);
			expect(roles['stage_history.csv']).toEqual(['history', 'bitrix24', 6]);
			for (const side of ['companies.csv', 'payments.csv', 'users.csv']) {
				expect(roles[side]).toBeUndefined();
				expect(shared().dataset.warnings).toContainEqual(
					expect.stringMatching(`^${side}: not used: `)
				);
			}
		});

		it('stage order and meaning come from pipeline_stages.csv (sort_order, is_final, is_success)', () => {
			expect(shared().dataset.stages).toEqual(STAGES);
			expect(shared().dataset.deals.won).toContain('Успешно');
			expect(shared().dataset.deals.lost).toContain('Проиграно');
		});

		it('every planted defect is a warning', () => {
			const w = shared().dataset.warnings;
			// Duplicate deal D1008 (two versions, different amounts): the first is kept.
			expect(w).toContain(
				'deals.csv: 1 duplicate deal row left out, the first row of each id kept (first: id "D1008" again at line 10)'
			);
			// D1010's created date `14.06.2026 09:20` is not ISO like the rest of the column.
			expect(w).toContain(
				'deals.csv: 1 created date value in column "created_at" could not be read (first at line 12: "14.06.2026 09:20")'
			);
			expect(w).toContain(
				'deals.csv: 1 deal without a readable created date left out (first at line 12)'
			);
			// D1009 is WON without closed_at.
			expect(w).toContain(
				'deals.csv: 1 won or lost deal without a readable close date, not counted as closed in any period (first at line 11)'
			);
			expect(w).toContain(
				'deals.csv: stage "WAIT_CLIENT" (1 deal) is not in the stage list; open deals there are counted at the first stage'
			);
			expect(w).toContain(
				'deals.csv: 1 deal with a negative amount, added as it is (first: id "D1007" at line 8)'
			);
			expect(w).toContain(
				'deals.csv: 1 deal without an owner, shown as "(none)" (first: id "D1011" at line 13)'
			);
			// `Авито` is the same channel in Cyrillic: no case rule can tell, so it stays apart unwarned.
			expect(w).toContain(
				'deals.csv: source values that differ only in letter case are counted apart ("AVITO", "Avito", "avito")'
			);
			expect(w).toContain(
				'stage_history.csv: 1 stage event for deals not in the deals file left out (for example id "D1012")'
			);
			expect(w).toContain(
				'stage_history.csv: 1 stage event repeated (same deal, stage and time) counted once (for example id "D1003")'
			);
		});

		it('keeps 10 of 12 deal rows (the duplicate and the unreadable date are reported) and 4 of 6 events', () => {
			expect(shared().dataset.dealCount).toBe(10);
			expect(shared().dataset.eventCount).toBe(4);
			expect(shared().dataset.whole).toEqual({ from: '2026-06-01', to: '2026-06-15' });
		});

		it('metrics by hand: funnel from current stages and the history, one win in the period, open pipeline', async () => {
			const facts = await shared().db.query<{ id: string; outcome: string; f: number }>(
				sql`SELECT id, outcome, furthest::DOUBLE AS f FROM deal_facts ORDER BY id`
			);
			// D1001 is now at PRODUCTION (6) after NEW → QUALIFICATION; D1003 and D1009 are WON (8);
			// D1004 is LOST with no lost-at stage (1); D1011's unknown stage counts as 1.
			expect(facts.map((d) => [d.id, d.outcome, d.f])).toEqual([
				['D1001', 'open', 6],
				['D1002', 'open', 4],
				['D1003', 'won', 8],
				['D1004', 'lost', 1],
				['D1005', 'open', 7],
				['D1006', 'open', 1],
				['D1007', 'open', 2],
				['D1008', 'open', 3],
				['D1009', 'won', 8],
				['D1011', 'open', 1]
			]);
			expect(shared().report.funnel.map((r) => r.reached)).toEqual([10, 7, 6, 5, 4, 4, 3, 2]);
			// Closed in the period: D1003 won (closed 06-08), D1004 lost; D1009 has no close date.
			expect(shared().report.deals).toEqual({ created: 10, won: 1, lost: 1 });
			expect(shared().report.win_rate).toBe(0.5);
			expect(shared().report.avg_deal_size).toBe(236_000);
			expect(shared().report.sales_cycle_days).toBe(5);
			// Open: D1001 150,000 + D1002 84,000 + D1005 92,000 + D1006 35,000 + D1007 −12,000
			// + D1008 68,000 (the first row) + D1011 54,000.
			expect(shared().report.pipeline).toEqual({
				open_deals: 7,
				open_value: 471_000,
				weighted_value: null
			});
		});

		// marketing_costs.csv (cost_date, source, campaign, cost_amount, currency) should be the spend
		// table: 4,500 + 8,200 + 0 + 3,900 = 16,600 RUB, CAC 16,600 (one win in the period), and its
		// channels `avito` / `AVITO` a case warning. It waits for the generic spend detector to read
		// `cost_date` / `cost_amount`; until then it is set aside with a "not used" warning.
		it('marketing_costs.csv is the spend table: spend 16,600, CAC 16,600', () => {
			expect(shared().report.spend).toBe(16_600);
			expect(shared().report.cac).toBe(16_600);
		});

		it('time in stage from D1001’s history (+05:00 times, all in one zone)', () => {
			// NEW 06-01 09:14:58 → QUALIFICATION 06-02 11:30:00 → PRODUCTION 06-07 12:30:00.
			const [fresh, qualified] = shared().report.time_in_stage ?? [];
			expect(fresh.n).toBe(1);
			expect(fresh.mean_days).toBeCloseTo((26 * 3600 + 15 * 60 + 2) / 86_400, 9);
			expect(qualified.n).toBe(1);
			expect(qualified.mean_days).toBeCloseTo(5 + 1 / 24, 9);
		});
	}
);
