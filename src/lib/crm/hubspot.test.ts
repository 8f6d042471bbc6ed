import { describe, expect, it } from 'vitest';
import { generateHubspot, LANGUAGES, PARTNER } from '../../../tests/generators/hubspot.mjs';
import { expectGroundTruth } from '../../../tests/unit/ground-truth';
import { runDashboard } from '../engine/dashboard';
import { runReport } from '../engine/report';
import { loadUnlabelled } from '../../../tests/unit/tiny-dataset';
import { detectDeals, sample } from '../../../tests/unit/detect-sample';
import type { Filters } from '../model/filters';
import type { DealsMapping } from '../model/mapping';
import { list, sql } from '../sql/sql';
import { detect } from './detect';
import { hubspotStageColumns } from './hubspot';

describe('a generated HubSpot export (Date entered columns, 0–1 probabilities, spend)', () => {
	const { deals, spend, truth } = generateHubspot({ deals: 600, seed: 11 });

	it('gives the generator ground truth for the whole data, a period and filters', async () => {
		const { db, dataset } = await loadUnlabelled([
			{ name: 'hubspot-deals.csv', source: deals },
			{ name: 'spend.csv', source: spend }
		]);
		try {
			// 12-digit record ids stay text, as written.
			const [first] = await db.query<{ id: string }>(
				sql`SELECT id FROM deals ORDER BY row LIMIT 1`
			);
			expect(first.id).toBe('189164770000');
			const views = [
				{ period: null, filters: {} },
				{ period: { from: '2024-04-01', to: '2025-03-31' }, filters: {} },
				{
					period: { from: '2024-07-01', to: '2024-12-31' },
					filters: { owner: ['Bob Ito', 'Carla Díaz'] }
				},
				{ period: { from: '2024-01-01', to: '2025-06-30' }, filters: { source: ['REFERRAL'] } }
			];
			await expectGroundTruth(db, dataset, truth, views);
		} finally {
			await db.close();
		}
	});
});

describe('a generated HubSpot export with two pipelines (each its own stage order)', () => {
	const { deals, truth } = generateHubspot({ deals: 700, seed: 5, pipelines: 2 });

	it('places each deal by its own pipeline’s stages and gives the ground truth per pipeline and combined', async () => {
		const { db, dataset } = await loadUnlabelled([{ name: 'hubspot-two.csv', source: deals }]);
		try {
			expect(dataset.files[0].crm).toBe('hubspot');
			expect(dataset.pipelines).toEqual({
				pipelines: [
					{ pipeline: 'Sales Pipeline', stages: LANGUAGES.en.stages },
					{ pipeline: PARTNER.pipeline, stages: PARTNER.stages }
				],
				others: false
			});
			expect(dataset.warnings).toEqual([]);
			const sales = { pipeline: ['Sales Pipeline'] };
			const partner = { pipeline: [PARTNER.pipeline] };
			const views = [
				{ period: null, filters: {} },
				{ period: null, filters: sales },
				{ period: null, filters: partner },
				{ period: { from: '2024-04-01', to: '2025-03-31' }, filters: partner },
				{ period: null, filters: { pipeline: ['Sales Pipeline', PARTNER.pipeline] } },
				{ period: { from: '2024-07-01', to: '2025-06-30' }, filters: { owner: ['Bob Ito'] } }
			];
			await expectGroundTruth(db, dataset, { ...truth, spend: null }, views);
			// One pipeline in view: its own stages; several: step by step, each pipeline's label.
			const own = await runReport(db, dataset, { filters: partner });
			expect(own.funnel.map((r) => r.stage)).toEqual([...PARTNER.stages, 'won']);
			const combined = await runReport(db, dataset, {});
			expect(combined.funnel.map((r) => r.stage)).toEqual([
				'Appointment Scheduled / Partner Referral',
				'Qualified To Buy / Joint Demo',
				'Presentation Scheduled / Partner Contract',
				'Decision Maker Bought-In',
				'Contract Sent',
				'won'
			]);
			// A partner deal that passed through the sales pipeline's third stage has not reached
			// the partner pipeline's third stage by it: its furthest stage is its partner one.
			const [moved] = await db.query<{ n: number; wrong: number }>(
				sql`WITH m AS (SELECT furthest, (SELECT max(idx) FROM stage_events e
						WHERE e.id = d.id AND e.stage IN ${list(PARTNER.stages)}) AS own
					FROM deal_facts d WHERE pipeline = ${PARTNER.pipeline} AND outcome <> 'won'
						AND id IN (SELECT id FROM stage_events WHERE stage = 'Presentation Scheduled'))
				SELECT count(*) FILTER (WHERE own < 3)::DOUBLE AS n,
					count(*) FILTER (WHERE furthest <> own)::DOUBLE AS wrong FROM m`
			);
			expect(moved.n).toBeGreaterThan(0);
			expect(moved.wrong).toBe(0);
			// Skipped stages, each deal placed by its own pipeline (won = after its own last stage),
			// computed here from the generator's events: the same deals in every view.
			for (const filters of [{}, sales, partner] as Filters[]) {
				const view = await runDashboard(db, dataset, { filters });
				const found = view.quality.find((q) => q.kind === 'skipped_stages');
				expect(found?.count).toBe(skippingDeals(truth, filters.pipeline));
			}
			// Partner deals won from the partner pipeline's last stage skipped nothing, though the
			// combined view's won column comes after the sales pipeline's longer order.
			const lastPartner = PARTNER.stages.at(-1);
			const wonFromLast = truth.deals.filter(
				(d) =>
					d.pipeline === PARTNER.pipeline &&
					d.outcome === 'won' &&
					truth.events.some((e) => e.id === d.id && e.stage === lastPartner)
			);
			expect(wonFromLast.length).toBeGreaterThan(0);
		} finally {
			await db.close();
		}
	});

	it('keeps each pipeline’s order through a config that repeats the detected stage list', () => {
		const entered = ['Discovery (Sales)', 'Demo (Sales)', 'Onboarding (Renewals)'];
		const columns = [
			'Record ID',
			'Deal Stage',
			'Pipeline',
			'Create Date',
			...entered.map((s) => `Date entered "${s}"`)
		];
		const m = detectDeals(columns, [], 'd.csv');
		expect(m.pipelineStages).toEqual([
			{ pipeline: 'Sales', stages: ['Discovery', 'Demo'] },
			{ pipeline: 'Renewals', stages: ['Onboarding'] }
		]);
		const withConfig = (stages: string[]) =>
			detect(sample(columns, [], 'd.csv'), { stages })?.mapping as DealsMapping;
		const same = withConfig(['Discovery', 'Demo', 'Onboarding']);
		expect(same.pipelineStages).toEqual(m.pipelineStages);
		// A list of the user's own applies to every pipeline.
		const edited = withConfig(['Demo', 'Discovery', 'Onboarding']);
		expect(edited.pipelineStages).toBeUndefined();
	});
});

describe('HubSpot exports in other languages', () => {
	for (const language of ['es', 'de', 'fr', 'ru'] as const) {
		it(`reads a ${language} export (localized headers, stages and Date entered columns) to the ground truth`, async () => {
			const { deals, truth } = generateHubspot({ deals: 300, seed: 23, language, exited: true });
			const { db, dataset } = await loadUnlabelled([
				{ name: `hubspot-${language}.csv`, source: deals }
			]);
			try {
				const file = dataset.files[0];
				expect(file.crm).toBe('hubspot');
				expect(file.role).toBe('deals');
				const lang = LANGUAGES[language];
				expect(dataset.stages).toEqual(lang.stages);
				expect(dataset.deals.won).toContain(lang.won);
				expect(dataset.deals.lost).toContain(lang.lost);
				// Date exited columns are not events: one stage column per stage, no more.
				expect(dataset.deals.stageColumns).toHaveLength(lang.stages.length + 2);
				expect(dataset.deals.columns).toMatchObject({
					id: lang.headers[0],
					stage: lang.headers[2],
					pipeline: lang.headers[3],
					amount: lang.headers[4],
					closed: lang.headers[5],
					created: lang.headers[6],
					owner: lang.headers[7],
					source: lang.headers[8],
					probability: lang.headers[9]
				});
				expect(dataset.warnings).toEqual([]);
				await expectGroundTruth(db, dataset, { ...truth, spend: null }, [
					{ period: null, filters: {} },
					{ period: { from: '2024-10-01', to: '2025-03-31' }, filters: { owner: ['Bob Ito'] } }
				]);
			} finally {
				await db.close();
			}
		});
	}
});

describe('detect: HubSpot labels and stage columns', () => {
	const NAME = 'deals.csv';

	it('matches localized labels loosely (case, accents, hyphens)', () => {
		const header =
			'id de registro,Nombre del negocio,ETAPA DEL NEGOCIO,Pipeline,Importe,Fecha de cierre,Fecha de creacion,Propietario del negocio';
		const m = detectDeals(header, [], NAME);
		expect(m.crm).toBe('hubspot');
		expect(m.columns).toMatchObject({
			id: 'id de registro',
			stage: 'ETAPA DEL NEGOCIO',
			created: 'Fecha de creacion',
			owner: 'Propietario del negocio'
		});
		// No stage columns: the Spanish default pipeline, completed from the data at load.
		expect(m.stages[0]).toBe('Cita programada');
		expect(m.won).toEqual(['Cierre ganado']);
		expect(m.stagesFromData).toBe(true);
	});

	it('reads localized Date entered columns, with or without a preposition, and ignores Date exited', () => {
		expect(
			hubspotStageColumns([
				'Fecha de entrada en "Demo (Pipeline de ventas)"',
				'Eingangsdatum „Demo (Vertriebspipeline)“',
				"Date d'entrée « Démo (Pipeline des ventes) »".replace(/ « | »/g, '"'),
				'Дата входа "Демо (Воронка продаж)"',
				'Fecha de salida "Demo (Pipeline de ventas)"',
				'Date exited "Demo (Sales Pipeline)"',
				'Time in "Demo (Sales Pipeline)"'
			]).map((s) => s.stage)
		).toEqual(['Demo', 'Demo', 'Démo', 'Демо']);
	});

	it('lists the stages pipeline by pipeline and tells each pipeline’s closed stages by their words', () => {
		const stages = [
			'Discovery (Sales)',
			'Onboarding (Renewals)',
			'Demo (Sales)',
			'Closed Won (Sales)',
			'Renewed (Renewals)',
			'Churned (Renewals)',
			'Closed Lost (Sales)'
		];
		const header = ['Record ID', 'Deal Name', 'Deal Stage', 'Pipeline', 'Amount', 'Create Date'];
		const m = detectDeals([...header, ...stages.map((s) => `Date entered "${s}"`)], [], NAME);
		expect(m.stages).toEqual(['Discovery', 'Demo', 'Onboarding']);
		expect(m.won).toEqual(['Closed Won', 'Renewed']);
		expect(m.lost).toEqual(['Closed Lost', 'Churned']);
	});

	it('does not take amoCRM’s or Bitrix24’s Russian headers for HubSpot (no record id, no stage columns)', () => {
		const found = detect(
			sample('ID,Название сделки,Этап сделки,Воронка,Сумма,Дата создания,Дата закрытия', [], NAME)
		);
		expect(found?.mapping.crm).not.toBe('hubspot');
	});
});

type Truth = ReturnType<typeof generateHubspot>['truth'];

/**
 * Deals (of the given pipelines, or all) whose steps (open-stage and won events, in time order)
 * jump more than one position: positions in the deal's own pipeline, won after its last stage.
 */
function skippingDeals(truth: Truth, pipelines?: readonly string[]): number {
	const key = (s: string) => s.trim().toLowerCase();
	const own = new Map((truth.stages.pipelines ?? []).map((p) => [key(p.pipeline), p.stages]));
	const won = new Set(truth.stages.won.map(key));
	let n = 0;
	for (const deal of truth.deals) {
		if (pipelines && !pipelines.includes(deal.pipeline ?? '')) continue;
		const stages = own.get(key(deal.pipeline ?? '')) ?? truth.stages.stages;
		const position = (e: { stage: string; pipeline?: string }) => {
			if (won.has(key(e.stage))) return stages.length + 1;
			if (e.pipeline !== undefined && key(e.pipeline) !== key(deal.pipeline ?? '')) return null;
			return stages.findIndex((s) => key(s) === key(e.stage)) + 1 || null;
		};
		const steps = truth.events
			.filter((e) => e.id === deal.id)
			.map((e) => ({ at: e.at, pos: position(e) }))
			.filter((e): e is { at: string; pos: number } => e.pos !== null)
			.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.pos - b.pos));
		const skips = steps.some(
			(step, i) => i > 0 && steps[i - 1].pos <= stages.length && step.pos > steps[i - 1].pos + 1
		);
		if (skips) n++;
	}
	return n;
}
