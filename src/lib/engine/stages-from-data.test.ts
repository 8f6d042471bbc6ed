import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateBitrix24Rest } from '../../../tests/generators/bitrix24-rest.mjs';
import { useNodeDb } from '../../../tests/unit/node-db';
import { tinyDataset } from '../../../tests/unit/tiny-dataset';
import { sql } from '../sql/sql';
import { loadDataset } from './load';
import { runReport } from './report';

const db = useNodeDb();

describe('a Bitrix24 REST dump: prefixed stage ids, CLOSED Y/N, no pipeline column', () => {
	// Deals per STAGE_ID, in file order (ids 1 … 17).
	const counts = {
		NEW: 2,
		PREPARATION: 1,
		WON: 2,
		LOSE: 1,
		'C2:NEW': 1,
		'C2:PREPARATION': 1,
		'C2:WON': 3,
		'C2:LOSE': 1,
		'C6:NEW': 1,
		'C6:WON': 1,
		'C6:LOSE': 2,
		'C6:APOLOGY': 1
	};

	it('counts prefixed won stages as won, and takes each deal’s pipeline from the prefix', async () => {
		const dataset = await loadDataset(db, [
			{ name: 'deals.csv', source: generateBitrix24Rest(counts) }
		]);
		expect(dataset.files[0].crm).toBe('bitrix24');
		expect(dataset.deals.columns.pipeline).toBeUndefined();
		expect(dataset.deals.pipelineFromStage).toBe(true);
		// The default pipeline's ids, then pipeline 2's, then 6's, in Bitrix24's own order.
		expect(dataset.stages).toEqual(['NEW', 'PREPARATION', 'C2:NEW', 'C2:PREPARATION', 'C6:NEW']);
		expect(dataset.deals.stageOrder).toEqual({
			from: 'template',
			template: 'Bitrix24 default pipeline (stage ids)',
			weak: false
		});
		const r = await runReport(db, dataset, { period: null, filters: {} });
		// Won: WON 2 + C2:WON 3 + C6:WON 1; lost: LOSE 1 + C2:LOSE 1 + C6:LOSE 2 + C6:APOLOGY 1.
		expect(r.deals).toEqual({ created: 17, won: 6, lost: 5 });
		expect(r.win_rate).toBeCloseTo(6 / 11, 12);
		// Won deals are ids 4, 5, 9, 10, 11 and 14, each worth 1000 × id.
		expect(r.avg_deal_size).toBeCloseTo(53000 / 6, 9);
		// Open: NEW 2 + PREPARATION 1 + C2:NEW 1 + C2:PREPARATION 1 + C6:NEW 1.
		expect(r.pipeline.open_deals).toBe(6);
		const pipelines = await db.query<{ pipeline: string; n: number }>(
			sql`SELECT pipeline, count(*)::DOUBLE AS n FROM deals GROUP BY 1 ORDER BY 1`
		);
		expect(pipelines).toEqual([
			{ pipeline: 'C0', n: 6 },
			{ pipeline: 'C2', n: 6 },
			{ pipeline: 'C6', n: 5 }
		]);
		expect(dataset.warnings.filter((w) => /stage order|never uses|unknown stage/.test(w))).toEqual(
			[]
		);
	});
});

describe('stage order from a stage log', () => {
	const deals = [
		'deal_id,owner,created_date,close_date,stage,amount',
		'D1,Ann,2024-01-02,,Scoping,100',
		'D2,Bob,2024-01-03,,Intake,200',
		'D3,Ann,2024-01-04,2024-02-01,Won,300',
		'D4,Bob,2024-01-05,,Shaping,400'
	].join('\n');
	const log = (orders: readonly string[]) =>
		[
			'deal_id,stage,stage_date,stage_order',
			`D1,Intake,2024-01-02,${orders[0]}`,
			`D1,Scoping,2024-01-05,${orders[1]}`,
			`D2,Intake,2024-01-03,${orders[0]}`,
			`D3,Intake,2024-01-04,${orders[0]}`,
			`D3,Scoping,2024-01-10,${orders[1]}`,
			`D3,Shaping,2024-01-20,${orders[2]}`,
			`D3,Won,2024-02-01,${orders[3]}`,
			`D4,Intake,2024-01-05,${orders[0]}`,
			`D4,Shaping,2024-01-09,${orders[2]}`
		].join('\n');
	const config = { history: { id: 'deal_id', stage: 'stage', at: 'stage_date' } };

	it('its stage_order column decides, over first appearance and the events', async () => {
		const { dataset } = await tinyDataset(
			{ deals, history: log(['1', '2', '3', '4']), config },
			db
		);
		expect(dataset.stages).toEqual(['Intake', 'Scoping', 'Shaping']);
		expect(dataset.deals.stageOrder).toEqual({ from: 'history order', weak: false });
		expect(dataset.warnings.filter((w) => w.includes('stage order'))).toEqual([]);
	});

	it("without an order column: each stage's position in the histories, with a warning", async () => {
		const { dataset } = await tinyDataset({ deals, history: log(['', '', '', '']), config }, db);
		expect(dataset.stages).toEqual(['Intake', 'Scoping', 'Shaping']);
		expect(dataset.deals.stageOrder).toEqual({ from: 'history position', weak: true });
		expect(dataset.warnings).toContain(
			"deals.csv: stage order guessed from each stage's typical position in the deals' histories (Intake, Scoping, Shaping): check it in the stage editor"
		);
	});
});

describe('the evidence each public example’s stage order comes from', () => {
	const EXAMPLES = join(import.meta.dirname, '../../../tests/fixtures/examples');
	const files = (dir: string, names: readonly string[]) =>
		names.map((name) => ({
			name,
			source: new Uint8Array(readFileSync(join(EXAMPLES, dir, name)))
		}));
	const enterprise = JSON.parse(readFileSync(join(EXAMPLES, 'enterprise/config.json'), 'utf8'));
	const enterpriseFiles = ['opps.csv', 'stage_log.csv', 'spend.csv'];

	it('hubspot: the order of its Date entered columns', async () => {
		const dataset = await loadDataset(
			db,
			files('hubspot', ['hubspot-crm-exports-all-deals-2025-07-01.csv', 'spend.csv'])
		);
		expect(dataset.deals.stageOrder).toEqual({ from: 'stage dates', weak: false });
	});

	it('salesforce: the CRM’s default stages, which the report stays within', async () => {
		const dataset = await loadDataset(
			db,
			files('salesforce', ['report1751328000000.csv', 'report1751328000001.csv'])
		);
		expect(dataset.deals.stageOrder).toEqual({ from: 'crm', weak: false });
	});

	it('enterprise: its config; without the config’s stage lists, the enterprise template', async () => {
		const withConfig = await loadDataset(db, files('enterprise', enterpriseFiles), {
			config: enterprise
		});
		expect(withConfig.deals.stageOrder).toEqual({ from: 'config', weak: false });
		const { stages: _s, won: _w, lost: _l, ...columnsOnly } = enterprise;
		const byTemplate = await loadDataset(db, files('enterprise', enterpriseFiles), {
			config: columnsOnly
		});
		expect(byTemplate.stages).toEqual(enterprise.stages);
		expect(byTemplate.deals.stageOrder).toEqual({
			from: 'template',
			template: 'Enterprise process',
			weak: false
		});
	});
});
