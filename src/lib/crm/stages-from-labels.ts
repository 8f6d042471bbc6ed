import { stageKey, type Config } from '../model/config';
import type { DealsMapping } from '../model/mapping';
import { closedKind, newLabels } from './labels';

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
}

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
 * open, and when the open labels are not all in the guessed list the open stages are ordered from
 * the data: by which stage deals enter first in the history, else by the mean probability of the
 * deals at each stage, else by the usual order of stage words, else by first appearance (and
 * said so).
 *
 * A label all of whose deals are won is a won label; one all of whose deals are lost is a lost
 * label (for a CRM export whose closed deals sit in a closed stage; a generic file's lost deals
 * may keep the stage they were lost at, so there the label's words must say lost too). Without
 * an outcome column or yes/no flags, a label's words decide (`Closed Won`, `Signed`, `Dead`, …).
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
	const open: LabelCount[] = [];
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
		const words = closedKind(l.label);
		if (decided && l.rows > 0) {
			if (l.won === l.rows && words !== 'lost') won.push(l.label);
			else if (l.lost === l.rows && (words === 'lost' || mapping.crm !== 'generic'))
				lost.push(l.label);
			else open.push(l);
		} else if (words === 'won') won.push(l.label);
		else if (words === 'lost') lost.push(l.label);
		else open.push(l);
	}
	// A CRM's default pipeline is kept when the data stays within it; a generic file's list is
	// only its first rows' labels in order of appearance, so the data orders it.
	const guessed = new Set(mapping.crm === 'generic' ? [] : mapping.stages.map(stageKey));
	const allKnown = open.every((l) => guessed.has(stageKey(l.label)));
	const notes: string[] = [];
	let stages = mapping.stages;
	if (!allKnown || mapping.stages.length === 0) {
		const { ordered, by } = order(open, history?.precedes ?? null);
		stages = ordered.map((l) => l.label);
		if (by === 'appearance' && stages.length > 1) {
			notes.push(
				`the stage order (${stages.join(', ')}) is the order the labels first appear in the file: nothing in the data tells it; set it in the stage editor`
			);
		}
	}
	return {
		mapping: {
			...mapping,
			stages,
			won: config.won ?? [...mapping.won, ...newLabels(won, mapping.won)],
			lost: config.lost ?? [...mapping.lost, ...newLabels(lost, mapping.lost)]
		},
		notes
	};
}

/**
 * Open labels in order: by the history (a label before another when more deals entered it
 * first; ranked by how many labels it precedes), else by mean probability, else by stage words,
 * else by first appearance.
 */
function order(
	open: readonly LabelCount[],
	precedes: ((a: string, b: string) => number) | null
): { ordered: LabelCount[]; by: 'history' | 'probability' | 'words' | 'appearance' } {
	const byAppearance = [...open].sort((a, b) => a.first - b.first);
	if (precedes) {
		const inHistory = (l: LabelCount) =>
			open.some((o) => precedes(l.label, o.label) + precedes(o.label, l.label) > 0);
		if (open.every(inHistory)) {
			const wins = (l: LabelCount) =>
				open.filter((o) => o !== l && precedes(l.label, o.label) > precedes(o.label, l.label))
					.length;
			return {
				ordered: [...byAppearance].sort((a, b) => wins(b) - wins(a)),
				by: 'history'
			};
		}
	}
	if (open.length > 0 && open.every((l) => l.probability !== null)) {
		return {
			ordered: [...byAppearance].sort((a, b) => (a.probability ?? 0) - (b.probability ?? 0)),
			by: 'probability'
		};
	}
	if (open.length > 0 && open.every((l) => vocabularyRank(l.label) < Infinity)) {
		return {
			ordered: [...byAppearance].sort((a, b) => vocabularyRank(a.label) - vocabularyRank(b.label)),
			by: 'words'
		};
	}
	return { ordered: byAppearance, by: 'appearance' };
}
