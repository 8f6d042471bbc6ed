import { describe, expect, it } from 'vitest';
import type { DealsMapping } from '../model/mapping';
import { HUBSPOT_DEFAULTS } from './hubspot';
import { closedKind, outcomeLabel, stagePipeline } from './labels';
import { stagesFromLabels, type HistoryOrder, type LabelCount } from './stages-from-labels';
import { STAGE_TEMPLATES, templateCovering } from './templates';

/** A generic mapping with no outcome column: stage labels decide. */
function generic(over: Partial<DealsMapping> = {}): DealsMapping {
	return {
		role: 'deals',
		crm: 'generic',
		columns: { id: 'id', stage: 'stage', created: 'created' },
		stages: [],
		won: ['won'],
		lost: ['lost'],
		outcomeWon: [],
		outcomeLost: [],
		stageColumns: [],
		stagesFromData: true,
		...over
	};
}

/** Labels in file order (first = position), all open, with an optional mean probability. */
function labels(names: readonly string[], probability: (number | null)[] = []): LabelCount[] {
	return names.map((label, i) => ({
		label,
		rows: 1,
		first: i,
		probability: probability[i] ?? null,
		won: 0,
		lost: 0,
		open: 1
	}));
}

/** A history in which `order` is the order every deal entered the stages. */
function historyIn(order: readonly string[], rank?: Record<string, number>): HistoryOrder {
	const at = (s: string) => order.findIndex((o) => o.toLowerCase() === s.toLowerCase());
	return {
		labels: [...order],
		precedes: (a, b) => (at(a) >= 0 && at(b) >= 0 && at(a) < at(b) ? 3 : 0),
		...(rank ? { rank: (l: string) => rank[l] } : {})
	};
}

describe('outcome labels', () => {
	it('reads won, lost and outcome words with or without a pipeline prefix, in English and Russian', () => {
		const cases: [string, 'won' | 'lost'][] = [
			['C6:WON', 'won'],
			['C2:WON', 'won'],
			['WON', 'won'],
			['Closed Won', 'won'],
			['Выиграна', 'won'],
			['Успешно реализовано', 'won'],
			['C6:LOSE', 'lost'],
			['C6:APOLOGY', 'lost'],
			['Passed', 'lost'],
			['Disqualified', 'lost'],
			['Duplicate', 'lost'],
			['Проиграна', 'lost'],
			['Отказ', 'lost'],
			['Закрыто и не реализовано', 'lost']
		];
		for (const [label, kind] of cases) {
			expect([label, outcomeLabel(label)]).toEqual([label, kind]);
			expect([label, closedKind(label)]).toEqual([label, kind]);
		}
		// Open stages are none of these, however close their words.
		for (const label of ['C6:NEW', 'Passed to sales', 'Proposal', 'Переговоры'])
			expect([label, outcomeLabel(label)]).toEqual([label, null]);
	});

	it('a prefix names the pipeline', () => {
		expect(stagePipeline('C6:WON')).toBe('C6');
		expect(stagePipeline('c12:NEW')).toBe('C12');
		expect(stagePipeline('NEW')).toBeNull();
	});

	it('an outcome label is never an open stage, even when its rows are open by the flags', () => {
		// CLOSED Y/N only: the flags cannot say won, so before this fix a closed `C6:WON` deal read
		// as lost and the label became a lost one.
		const mapping = generic({
			crm: 'bitrix24',
			stages: ['NEW', 'PREPARATION'],
			won: ['WON'],
			lost: ['LOSE'],
			flags: { closed: 'CLOSED' }
		});
		const found: LabelCount[] = [
			{ label: 'C6:NEW', rows: 2, first: 0, probability: null, won: 0, lost: 0, open: 2 },
			{ label: 'C6:WON', rows: 3, first: 1, probability: null, won: 0, lost: 3, open: 0 },
			{ label: 'C6:LOSE', rows: 1, first: 2, probability: null, won: 0, lost: 1, open: 0 },
			{ label: 'Passed', rows: 1, first: 3, probability: null, won: 0, lost: 0, open: 1 }
		];
		const { mapping: m } = stagesFromLabels(mapping, {}, found, null);
		expect(m.won).toEqual(['WON', 'C6:WON']);
		expect(m.lost).toEqual(['LOSE', 'C6:LOSE', 'Passed']);
		expect(m.stages).toEqual(['C6:NEW']);
		expect(m.pipelineFromStage).toBe(true);
	});
});

describe('stage order from the best evidence', () => {
	it('a template whose stages cover the labels: the classic seven steps in English', () => {
		const found = labels(['Closing', 'Prospecting', 'Presentation', 'Approach', 'Won', 'Lost']);
		const { mapping, notes } = stagesFromLabels(generic(), {}, found, null);
		expect(mapping.stages).toEqual(['Prospecting', 'Approach', 'Presentation', 'Closing']);
		expect(mapping.stageOrder).toEqual({
			from: 'template',
			template: 'Classic seven-step sales process',
			weak: false
		});
		expect(notes).toEqual([]);
	});

	it('a template in Russian: the seven steps, its won label `Последующие действия` taken as won', () => {
		const found = labels([
			'Презентация',
			'Разведка',
			'Закрытие продажи',
			'Подход',
			'Последующие действия',
			'Подготовка',
			'Работа с возражениями'
		]);
		const { mapping } = stagesFromLabels(generic({ won: [], lost: [] }), {}, found, null);
		// The template's own order (Разведка, Подготовка, Подход, …, Закрытие продажи).
		const ru = STAGE_TEMPLATES.find((t) => t.id === 'seven-step-ru');
		expect(mapping.stages).toEqual(ru?.stages);
		expect(mapping.stages[0]).toBe('Разведка');
		expect(mapping.won).toEqual(['Последующие действия']);
		expect(mapping.stageOrder?.template).toBe('Классические семь шагов продаж');
	});

	it('a CRM’s custom pipeline taken from the first rows is ordered by a template, not kept', () => {
		// A Bitrix24 export whose pipeline is the seven steps: the detector listed them as they came.
		const seen = ['Подход', 'Разведка', 'Презентация', 'Подготовка'];
		const bitrix = generic({ crm: 'bitrix24', stages: seen, won: [], lost: [] });
		const { mapping } = stagesFromLabels(bitrix, {}, labels(seen), null);
		expect(mapping.stages).toEqual(['Разведка', 'Подготовка', 'Подход', 'Презентация']);
		expect(mapping.stageOrder?.from).toBe('template');
		// Its default pipeline is kept as the CRM's (a stage the file has not reached stays).
		const defaults = generic({ crm: 'bitrix24', stages: ['Новая', 'В работе'] });
		const kept = stagesFromLabels(defaults, {}, labels(['В работе']), null).mapping;
		expect([kept.stages, kept.stageOrder]).toEqual([
			['Новая', 'В работе'],
			{ from: 'crm', weak: false }
		]);
		// So is HubSpot's in another interface language.
		const es = HUBSPOT_DEFAULTS.es.stages;
		const hubspot = generic({ crm: 'hubspot', stages: es });
		const spanish = stagesFromLabels(hubspot, {}, labels([es[2], es[0]]), null).mapping;
		expect([spanish.stages, spanish.stageOrder?.from]).toEqual([es, 'crm']);
	});

	it('templates match Bitrix24 stage ids under any pipeline prefix, pipeline by pipeline', () => {
		expect(templateCovering(['C2:PREPARATION', 'NEW', 'C2:NEW'])?.id).toBe('bitrix24-ids');
		// A label no template has: none covers.
		expect(templateCovering(['NEW', 'C2:UC_4F2X1'])).toBeNull();
		const found = labels(['C2:PREPARATION', 'EXECUTING', 'C2:NEW', 'NEW']);
		const { mapping } = stagesFromLabels(generic(), {}, found, null);
		expect(mapping.stages).toEqual(['NEW', 'EXECUTING', 'C2:NEW', 'C2:PREPARATION']);
	});

	it("an order column in the history (`stage_order`) over the deals' histories", () => {
		const found = labels(['Gamma', 'Alpha', 'Beta']);
		// The history's events say Beta first; its order column says Alpha, Beta, Gamma.
		const history = historyIn(['Beta', 'Alpha', 'Gamma'], { Alpha: 1, Beta: 2, Gamma: 3 });
		const { mapping, notes } = stagesFromLabels(generic(), {}, found, history);
		expect(mapping.stages).toEqual(['Alpha', 'Beta', 'Gamma']);
		expect(mapping.stageOrder).toEqual({ from: 'history order', weak: false });
		expect(notes).toEqual([]);
	});

	it('the order of per-stage date columns', () => {
		const found = labels(['Gamma', 'Alpha', 'Beta']);
		const stageColumns = ['Alpha', 'Beta', 'Gamma'].map((s) => ({
			column: `${s.toLowerCase()}_date`,
			stage: s
		}));
		const { mapping } = stagesFromLabels(generic({ stageColumns }), {}, found, null);
		expect(mapping.stages).toEqual(['Alpha', 'Beta', 'Gamma']);
		expect(mapping.stageOrder).toEqual({ from: 'stage dates', weak: false });
	});

	it.each([
		{
			from: 'history position',
			history: historyIn(['Alpha', 'Beta', 'Gamma']),
			stages: ['Alpha', 'Beta', 'Gamma'],
			what: "each stage's typical position in the deals' histories"
		},
		{
			from: 'first appearance',
			history: null,
			stages: ['Gamma', 'Alpha', 'Beta'],
			what: 'the order the labels first appear in the file'
		}
	])('$from: a weak guess, and said so', ({ from, history, stages, what }) => {
		const found = labels(['Gamma', 'Alpha', 'Beta']);
		const { mapping, notes } = stagesFromLabels(generic(), {}, found, history);
		expect(mapping.stages).toEqual(stages);
		expect(mapping.stageOrder).toEqual({ from, weak: true });
		expect(notes).toEqual([
			`stage order guessed from ${what} (${stages.join(', ')}): check it in the stage editor`
		]);
	});

	it('a single open stage is no guess', () => {
		const { mapping, notes } = stagesFromLabels(generic(), {}, labels(['Gamma']), null);
		expect(mapping.stageOrder).toEqual({ from: 'first appearance', weak: false });
		expect(notes).toEqual([]);
	});

	it('mean probability when it rises with the stages and every open stage has its own', () => {
		const found = labels(['Gamma', 'Alpha', 'Beta'], [60, 20, 40]);
		const { mapping } = stagesFromLabels(generic(), {}, found, null);
		expect(mapping.stages).toEqual(['Alpha', 'Beta', 'Gamma']);
		expect(mapping.stageOrder).toEqual({ from: 'probability', weak: true });
	});

	it('probability is rejected when it is 0 after the first stage (a Salesforce export)', () => {
		// 10 % on the first stage, 0 on the later ones: sorting by it would put Gamma and Beta first.
		const found = labels(['Alpha', 'Beta', 'Gamma'], [10, 0, 0]);
		const { mapping } = stagesFromLabels(generic(), {}, found, null);
		expect(mapping.stages).toEqual(['Alpha', 'Beta', 'Gamma']);
		expect(mapping.stageOrder?.from).toBe('first appearance');
	});

	it('probability is rejected when it falls where stage words or the history rise', () => {
		// Distinct and non-zero, but Qualification (40) before Negotiation (20) by their words.
		const byWords = labels(['Negotiation', 'Qualification'], [20, 40]);
		const words = stagesFromLabels(generic(), {}, byWords, null).mapping;
		expect(words.stages).toEqual(['Qualification', 'Negotiation']);
		expect(words.stageOrder).toEqual({ from: 'template', template: 'stage words', weak: true });
		// The history puts Alpha before Beta (Gamma is not in it, so it cannot order them all).
		const partial = historyIn(['Alpha', 'Beta']);
		const byHistory = labels(['Gamma', 'Alpha', 'Beta'], [10, 50, 30]);
		const history = stagesFromLabels(generic(), {}, byHistory, partial).mapping;
		expect(history.stageOrder?.from).toBe('first appearance');
		expect(history.stages).toEqual(['Gamma', 'Alpha', 'Beta']);
	});

	it("a CRM's default pipeline the file never uses is warned about", () => {
		const hubspot = generic({
			crm: 'hubspot',
			stages: ['Appointment Scheduled', 'Qualified To Buy'],
			won: ['Closed Won'],
			lost: ['Closed Lost']
		});
		const closedOnly: LabelCount[] = [
			{ label: 'Closed Won', rows: 2, first: 0, probability: null, won: 2, lost: 0, open: 0 }
		];
		const { mapping, notes } = stagesFromLabels(hubspot, {}, closedOnly, null);
		expect(mapping.stageOrder).toEqual({ from: 'crm', weak: false });
		expect(notes).toEqual([
			'stages from a template that the file never uses (HubSpot default pipeline: Appointment Scheduled, Qualified To Buy): set the stages in the stage editor'
		]);
		// One of them in the file: no warning.
		const used = stagesFromLabels(hubspot, {}, labels(['Qualified To Buy']), null);
		expect(used.notes).toEqual([]);
	});
});
