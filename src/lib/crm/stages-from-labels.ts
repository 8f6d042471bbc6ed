import { stageKey, type Config } from '../model/config';
import type { DealsMapping } from '../model/mapping';
import { closedKind, newLabels, outcomeLabel, stagePipeline } from './labels';
import { crmDefaultKeys, STAGE_TEMPLATES, templateCovering, templateKey } from './templates';

/** One stage label of the deals file: its rows, first row, mean probability and outcomes. */
export type LabelCount = {
	label: string;
	rows: number;
	first: number;
	probability: number | null;
	won: number;
	lost: number;
	open: number;
};

/**
 * What the history says of the stage labels: every label in order of first appearance, and for a
 * pair how many deals entered the first before the second.
 */
export interface HistoryOrder {
	labels: string[];
	precedes: (a: string, b: string) => number;
	/** A label's value in the history's stage order column (`stage_order`), when it has one. */
	rank?: (label: string) => number | undefined;
}

type StageOrder = NonNullable<DealsMapping['stageOrder']>;

/** What a weak guess of the order was made from, as its warning says it. */
const WEAK: Partial<Record<StageOrder['from'], string>> = {
	'history position': "each stage's typical position in the deals' histories",
	probability: 'the mean probability of the deals at each stage',
	'first appearance': 'the order the labels first appear in the file'
};

// Common open-stage words, earliest first: the order of last resort.
const VOCABULARY = [
	/lead|new|нов|лид|первичн|разведк/i,
	/prospect|contact|контакт/i,
	/qualif|квалиф/i,
	/discover|needs|analys|потребн|анализ/i,
	/demo|present|value|meeting|демо|презент|встреч/i,
	/decision|perception|лпр|решени/i,
	/proposal|quote|offer|кп|предложен|счет|счёт/i,
	/negotiat|review|переговор|согласован/i,
	/contract|commit|closing|signature|договор|контракт|закрыт/i
];

function vocabularyRank(label: string): number {
	const i = VOCABULARY.findIndex((re) => re.test(label));
	return i < 0 ? Infinity : i;
}

/**
 * A mapping whose stage list is a guess completed from the labels of every row (`labels`, in
 * order of first appearance) and the history: labels the guess lacks are classified won, lost or
 * open, and the open stages are ordered from the best evidence (`stageOrder` says which): the
 * CRM's default pipeline when the data stays within it (not a custom one the detector took from
 * the first rows); a known template whose stages cover the labels; an order column in the
 * history; the order of per-stage date columns; each stage's typical position in the deals'
 * histories; the deals' mean probability at each stage (only when
 * it rises with the stages); common stage words; else first appearance. A weak guess, and a
 * template's stages the file never uses, are said in `notes`.
 *
 * A label that is only an outcome (`Won`, `C6:WON`, `Passed`, `Проиграна`) is never an open
 * stage. Otherwise a label all of whose deals are won is a won label; one all of whose deals are
 * lost is a lost label (for a CRM export whose closed deals sit in a closed stage; a generic
 * file's lost deals may keep the stage they were lost at, so there the label's words must say lost
 * too). Without an outcome column or yes/no flags, a label's words decide (`Closed Won`, `Signed`,
 * `Dead`, …). Prefixed labels (`C6:NEW`) name the deal's pipeline when no column holds it.
 */
export function stagesFromLabels(
	mapping: DealsMapping,
	config: Config,
	labels: readonly LabelCount[],
	history: HistoryOrder | null
): { mapping: DealsMapping; notes: string[] } {
	const decided = Boolean(mapping.columns.outcome || mapping.flags?.won || mapping.flags?.closed);
	const known = new Set([...mapping.won, ...mapping.lost].map(stageKey));
	const won: string[] = [];
	const lost: string[] = [];
	let open: LabelCount[] = [];
	const all = [
		...labels,
		...(history?.labels ?? [])
			.filter((h) => !labels.some((l) => stageKey(l.label) === stageKey(h)))
			.map((label, i) => ({
				label,
				rows: 0,
				first: 1e15 + i,
				probability: null,
				won: 0,
				lost: 0,
				open: 0
			}))
	];
	for (const l of all) {
		if (known.has(stageKey(l.label))) continue;
		const outcome = outcomeLabel(l.label);
		const words = closedKind(l.label);
		if (outcome) (outcome === 'won' ? won : lost).push(l.label);
		else if (decided && l.rows > 0) {
			if (l.won === l.rows && words !== 'lost') won.push(l.label);
			else if (l.lost === l.rows && (words === 'lost' || mapping.crm !== 'generic'))
				lost.push(l.label);
			else open.push(l);
		} else if (words === 'won') won.push(l.label);
		else if (words === 'lost') lost.push(l.label);
		else open.push(l);
	}
	const notes: string[] = [];
	let stages: string[];
	let stageOrder: StageOrder;
	// A CRM's default pipeline is kept when the data stays within it. A generic file's list, or a
	// CRM's custom pipeline (none of its default stages), is only the first rows' labels in order
	// of appearance, so the data orders it.
	const defaults = crmDefaultKeys(mapping.crm);
	const isDefault =
		mapping.crm !== 'generic' &&
		(defaults.size === 0 || mapping.stages.some((s) => defaults.has(templateKey(s))));
	const guessed = new Set(isDefault ? mapping.stages.map(stageKey) : []);
	const template = templateCovering(open.map((l) => l.label));
	if (guessed.size > 0 && open.every((l) => guessed.has(stageKey(l.label)))) {
		stages = mapping.stages;
		stageOrder = { from: 'crm', weak: false };
		const keys = new Set(stages.map(templateKey));
		if (!all.some((l) => keys.has(templateKey(l.label)))) {
			const name = STAGE_TEMPLATES.find((t) => t.id === mapping.crm)?.name ?? mapping.crm;
			notes.push(
				`stages from a template that the file never uses (${name}: ${stages.join(', ')}): set the stages in the stage editor`
			);
		}
	} else if (template) {
		const at = (list: readonly string[], l: LabelCount) =>
			list.map(templateKey).includes(templateKey(l.label));
		won.push(...open.filter((l) => at(template.won, l)).map((l) => l.label));
		lost.push(...open.filter((l) => at(template.lost, l)).map((l) => l.label));
		open = open.filter((l) => at(template.stages, l));
		const index = (l: LabelCount) =>
			template.stages.findIndex((s) => templateKey(s) === templateKey(l.label));
		stages = [...open]
			.sort((a, b) => pipelineRank(a.label) - pipelineRank(b.label) || index(a) - index(b))
			.map((l) => l.label);
		stageOrder = { from: 'template', template: template.name, weak: false };
	} else {
		const ordered = order(open, history, mapping.stageColumns);
		stages = ordered.labels.map((l) => l.label);
		const weak = stages.length > 1 && (ordered.from in WEAK || ordered.template !== undefined);
		stageOrder = {
			from: ordered.from,
			...(ordered.template ? { template: ordered.template } : {}),
			weak
		};
		if (weak) {
			const what = WEAK[ordered.from] ?? `common ${ordered.template}`;
			notes.push(
				`stage order guessed from ${what} (${stages.join(', ')}): check it in the stage editor`
			);
		}
	}
	const prefixed = !mapping.columns.pipeline && all.some((l) => stagePipeline(l.label));
	return {
		mapping: {
			...mapping,
			stages,
			won: config.won ?? [...mapping.won, ...newLabels(won, mapping.won)],
			lost: config.lost ?? [...mapping.lost, ...newLabels(lost, mapping.lost)],
			stageOrder,
			...(prefixed ? { pipelineFromStage: true } : {})
		},
		notes
	};
}

/** Labels of the default pipeline (no prefix) first, then pipeline by pipeline (`C2:`, `C6:`, …). */
function pipelineRank(label: string): number {
	const p = stagePipeline(label);
	return p ? Number(p.slice(1)) : -1;
}

/**
 * Open labels in order, from the best evidence the data has: the history's stage order column;
 * the order of per-stage date columns; the history (a label before another when more deals
 * entered it first; ranked by how many labels it precedes); the mean probability; stage words;
 * first appearance.
 */
function order(
	open: readonly LabelCount[],
	history: HistoryOrder | null,
	stageColumns: DealsMapping['stageColumns']
): { labels: LabelCount[]; from: StageOrder['from']; template?: string } {
	const byAppearance = [...open].sort((a, b) => a.first - b.first);
	const sortedBy = (key: (l: LabelCount) => number) =>
		[...byAppearance].sort((a, b) => key(a) - key(b));
	const rank = history?.rank;
	if (rank && open.length > 0) {
		const ranks = open.map((l) => rank(l.label));
		if (ranks.every((r) => r !== undefined) && new Set(ranks).size === ranks.length)
			return { labels: sortedBy((l) => rank(l.label) ?? 0), from: 'history order' };
	}
	const columns = [...new Set(stageColumns.map((s) => stageKey(s.stage)))];
	if (open.length > 0 && open.every((l) => columns.includes(stageKey(l.label))))
		return { labels: sortedBy((l) => columns.indexOf(stageKey(l.label))), from: 'stage dates' };
	const precedes = history?.precedes;
	if (precedes) {
		const inHistory = (l: LabelCount) =>
			open.some((o) => precedes(l.label, o.label) + precedes(o.label, l.label) > 0);
		if (open.every(inHistory)) {
			const wins = (l: LabelCount) =>
				open.filter((o) => o !== l && precedes(l.label, o.label) > precedes(o.label, l.label))
					.length;
			return { labels: sortedBy((l) => -wins(l)), from: 'history position' };
		}
	}
	if (risesWithStages(open, precedes ?? null))
		return { labels: sortedBy((l) => l.probability ?? 0), from: 'probability' };
	if (open.length > 0 && open.every((l) => vocabularyRank(l.label) < Infinity))
		return {
			labels: sortedBy((l) => vocabularyRank(l.label)),
			from: 'template',
			template: 'stage words'
		};
	return { labels: byAppearance, from: 'first appearance' };
}

/**
 * Whether the deals' mean probability at each open stage can order them: every stage has one,
 * none is 0 and no two are equal (a probability the CRM never filled in, or one set on the first
 * stage only, orders nothing), and it rises with the stages' apparent order wherever stage words
 * or the history tell one (a stage the history or the words put later has the higher probability).
 */
function risesWithStages(
	open: readonly LabelCount[],
	precedes: ((a: string, b: string) => number) | null
): boolean {
	if (open.length === 0) return false;
	const p = open.map((l) => l.probability);
	if (p.some((v) => v === null || v <= 0) || new Set(p).size !== p.length) return false;
	return open.every((a) =>
		open.every((b) => {
			if ((a.probability ?? 0) >= (b.probability ?? 0)) return true;
			// a has the lower probability: nothing may put it after b.
			const [wa, wb] = [vocabularyRank(a.label), vocabularyRank(b.label)];
			const wordsAfter = wa < Infinity && wb < wa;
			const historyAfter =
				precedes !== null && precedes(b.label, a.label) > precedes(a.label, b.label);
			return !wordsAfter && !historyAfter;
		})
	);
}
