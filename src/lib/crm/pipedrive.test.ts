import { describe, expect, it } from 'vitest';
import { useNodeDb } from '../../../tests/unit/node-db';
import { generatePipedrive, generatePipedriveLog } from '../../../tests/generators/pipedrive.mjs';
import { expectGroundTruth, type View } from '../../../tests/unit/ground-truth';
import { loadUnlabelled } from '../../../tests/unit/tiny-dataset';
import { detectDeals, detectHistory, readAs, sample } from '../../../tests/unit/detect-sample';
import { runReport } from '../engine/report';
import type { StagesMapping } from '../model/mapping';
import { detect } from './detect';

/**
 * A Pipedrive deals export's header (`Deal - ` fields), with the field `detect` reads each column
 * as: status apart from stage; the won and lost times are close dates by outcome.
 */
const EXPORT = readAs([
	['Deal - ID', 'id'],
	['Deal - Title', null],
	['Deal - Value', 'amount'],
	['Deal - Currency', 'currency'],
	['Deal - Status', 'outcome'],
	['Deal - Stage', 'stage'],
	['Deal - Owner', 'owner'],
	['Deal - Deal created', 'created'],
	['Deal - Won time', null],
	['Deal - Lost time', null],
	['Deal - Expected close date', 'expected_close'],
	['Deal - Lead source', 'source'],
	['Organization - Name', null]
]);

const VIEWS: View[] = [
	{ period: null, filters: {} },
	{ period: { from: '2024-04-01', to: '2025-03-31' }, filters: {} },
	{ period: { from: '2024-07-01', to: '2024-12-31' }, filters: { owner: ['Jaan Tamm', '12'] } }
];

const db = useNodeDb();

describe('detect: Pipedrive', () => {
	it('detect(sample) takes `Deal - ` headers as a Pipedrive deals export: status apart from stage, won/lost times by outcome', () => {
		const m = detectDeals(EXPORT.header);
		expect(m.crm).toBe('pipedrive');
		expect(m.columns).toEqual(EXPORT.columns);
		expect(m.closedBy).toEqual({ won: 'Deal - Won time', lost: 'Deal - Lost time' });
		expect(m.stages).toEqual([
			'Qualified',
			'Contact Made',
			'Demo Scheduled',
			'Proposal Made',
			'Negotiations Started'
		]);
		expect([m.outcomeWon, m.outcomeLost]).toEqual([['won'], ['lost']]);
	});

	it('detect(sample) keeps a custom pipeline in the order its stages first appear', () => {
		const columns = ['Deal - ID', 'Deal - Stage', 'Deal - Status', 'Deal - Deal created'];
		const rows = [
			['1', 'Discovery', 'open', '2024-01-01'],
			['2', 'Pilot', 'lost', '2024-01-02'],
			['3', 'Discovery', 'won', '2024-01-03']
		];
		const m = detectDeals(columns, rows);
		expect(m.stages).toEqual(['Discovery', 'Pilot']);
		expect(m.closedBy).toBeUndefined();
	});

	it('detect(sample) reads the deal change log as Pipedrive history: stage_id rows, deals derivable', () => {
		const m = detectHistory('deal_id,change_time,changed_field_key,new_value');
		expect(m.role).toBe('history');
		expect(m.crm).toBe('pipedrive');
		expect(m.columns).toEqual({ id: 'deal_id', stage: 'new_value', at: 'change_time' });
		expect(m.field).toEqual({ column: 'changed_field_key', values: ['stage_id'] });
		expect(m.deals?.created).toBe('add_time');
	});

	it('detect(sample) reads stage lists (Pipedrive stages.csv, a stages table with order and won/lost flags)', () => {
		const plain = detect(sample(['stage_id', 'stage_name']))?.mapping as StagesMapping;
		expect(plain.role).toBe('stages');
		expect(plain.columns).toEqual({ id: 'stage_id', name: 'stage_name' });
		const api = detect(sample(['id', 'order_nr', 'name', 'active_flag', 'pipeline_id']))
			?.mapping as StagesMapping;
		expect(api.columns).toEqual({ id: 'id', name: 'name', order: 'order_nr' });
		const flagged = detect(
			sample(['pipeline_id', 'stage_id', 'stage_name', 'sort_order', 'is_final', 'is_success'])
		)?.mapping as StagesMapping;
		expect(flagged.columns).toEqual({
			id: 'stage_id',
			name: 'stage_name',
			order: 'sort_order',
			closed: 'is_final',
			won: 'is_success'
		});
	});

	it('detect(sample) leaves the side tables of a Pipedrive dump unrecognised (users, fields, activities)', () => {
		for (const columns of [
			['id', 'name', 'email', 'modified'],
			['ID', 'FIELD_KEY', 'NAME', 'FIELD_VALUE_OPTIONS'],
			['activity_id', 'type', 'assigned_to_user', 'deal_id', 'done', 'due_to'],
			['id', 'name', 'active', 'type']
		]) {
			const found = detect(sample(columns));
			expect(found === null || found.mapping.role !== 'stages', columns.join(',')).toBe(true);
			expect(found === null || found.mapping.crm !== 'pipedrive', columns.join(',')).toBe(true);
		}
	});
});

describe('a generated Pipedrive export with its change log, stage list and spend', () => {
	const gen = generatePipedrive({ deals: 500, seed: 3 });

	it('gives the generator ground truth: outcome from Deal - Status, close dates from Won/Lost time, events from stage_id rows', async () => {
		const { dataset } = await loadUnlabelled(
			[
				{ name: 'deals-export.csv', source: gen.deals },
				{ name: 'deal_changes.csv', source: gen.changes },
				{ name: 'stages.csv', source: gen.stages },
				{ name: 'spend.csv', source: gen.spend }
			],
			{ db }
		);
		expect(dataset.files.map((f) => [f.raw.file, f.role, f.crm])).toEqual([
			['deals-export.csv', 'deals', 'pipedrive'],
			['deal_changes.csv', 'history', 'pipedrive'],
			['stages.csv', 'stages', 'generic'],
			['spend.csv', 'spend', 'spend']
		]);
		expect(dataset.stages).toEqual(gen.truth.stages.stages);
		expect(dataset.dealCount).toBe(500);
		// Expected close dates and the empty won/lost time of the other outcome are not warnings.
		expect(dataset.warnings).toEqual([]);
		await expectGroundTruth(db, dataset, gen.truth, [
			...VIEWS,
			{ period: { from: '2024-01-01', to: '2025-06-30' }, filters: { source: ['Referral'] } }
		]);
	});

	it('the change log alone derives the deals: outcome and close date from status rows, amount from value rows', async () => {
		const { dataset } = await loadUnlabelled(
			[
				{ name: 'deal_changes.csv', source: gen.changes },
				{ name: 'stages.csv', source: gen.stages },
				{ name: 'spend.csv', source: gen.spend }
			],
			{ db }
		);
		expect(dataset.deals.crm).toBe('pipedrive');
		expect(dataset.files.map((f) => f.role)).toEqual(['history', 'stages', 'spend']);
		expect(dataset.warnings).toEqual([
			'deal_changes.csv: no deals file was given, so 500 deals were derived from the change log (created from its "add_time" rows, stage from the last "stage_id" row, outcome from the last "status" row)'
		]);
		await expectGroundTruth(db, dataset, gen.truthLogOnly, VIEWS);
	});
});

describe('a Pipedrive change log alone, shaped like the Enpal sample (no status, a lost_reason row per deal)', () => {
	const gen = generatePipedriveLog({ deals: 300, seed: 5 });

	it('every deal is open at the last stage entered; furthest stage and time in stage from the log', async () => {
		const { dataset } = await loadUnlabelled(
			[
				{ name: 'deal_changes.csv', source: gen.changes },
				{ name: 'stages.csv', source: gen.stages }
			],
			{ db }
		);
		expect(dataset.stages).toEqual(gen.truth.stages.stages);
		expect(dataset.dealCount).toBe(300);
		expect(dataset.warnings).toEqual([
			'deal_changes.csv: no deals file was given, so 300 deals were derived from the change log (created from its "add_time" rows, stage from the last "stage_id" row, all open: the log has no status rows)',
			'deal_changes.csv: 1 deal has more than one "add_time" row (for example id "500259"); each is one deal, created at its earliest'
		]);
		await expectGroundTruth(db, dataset, gen.truth, [
			{ period: null, filters: {} },
			{ period: { from: '2024-03-01', to: '2024-10-31' }, filters: {} }
		]);
	});

	it('a stage marked won in the config closes the deals that stand there, on the day they entered it', async () => {
		const { dataset } = await loadUnlabelled(
			[
				{ name: 'deal_changes.csv', source: gen.changes },
				{ name: 'stages.csv', source: gen.stages }
			],
			{ db, config: { stages: gen.truth.stages.stages.slice(0, 4), won: ['Closing'] } }
		);
		const report = await runReport(db, dataset);
		const atClosing = gen.truth.deals.filter((d) => d.stage === 'Closing').length;
		expect(atClosing).toBeGreaterThan(0);
		expect(report.funnel.at(-1)?.reached).toBe(atClosing);
		expect(report.deals.won).toBe(atClosing);
		expect(report.sales_cycle_days).not.toBeNull();
	});

	it('without a stage list the stage ids are the stages, in numeric order, with a warning', async () => {
		const { dataset } = await loadUnlabelled([{ name: 'deal_changes.csv', source: gen.changes }], {
			db
		});
		expect(dataset.stages).toEqual(['1', '2', '3', '4', '5']);
		expect(dataset.warnings.some((w) => /no stage list was given/.test(w))).toBe(true);
	});
});
