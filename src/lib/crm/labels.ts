import { stageKey } from '../model/config';

/**
 * Loose header and label matching for exports in several languages and naming styles: case,
 * accents, punctuation and spacing are ignored, and `camelCase` / `snake_case` names are split
 * into words (`CreatedDate`, `created_date` and `Created Date` all read `created date`).
 */
export function looseKey(name: string): string {
	return name
		.replace(/^\ufeff/, '')
		.replace(/([a-z])([A-Z])/g, '$1 $2')
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}%]+/gu, ' ')
		.trim();
}

/** The first column matching one of `candidates` (candidate order first), loosely. */
export function findLoose(
	columns: readonly string[],
	candidates: readonly string[]
): string | undefined {
	const keys = columns.map(looseKey);
	for (const candidate of candidates) {
		const i = keys.indexOf(looseKey(candidate));
		if (i >= 0) return columns[i];
	}
	return undefined;
}

/** The non-empty values of `column` in the sample rows. */
export function columnValues(
	sample: { columns: readonly string[]; rows: readonly string[][] },
	column: string | undefined
): string[] {
	if (column === undefined) return [];
	const i = sample.columns.indexOf(column);
	if (i < 0) return [];
	return sample.rows.map((r) => (r[i] ?? '').trim()).filter((v) => v !== '');
}

// Words that make a stage label a closed one. Lost is tested first: `неуспешно` contains `успешно`.
const LOST =
	/(^|[^\p{L}])(lost|dead|churned|disqualified|cancell?ed|perdid[oa]s?|perdu(e|es)?|verloren|abgesagt)([^\p{L}]|$)|неуспешн|проигр|провал|отказ|не реализован|потерян/iu;
const WON =
	/(^|[^\p{L}])(won|signed|renewed|booked|ganad[oa]s?|gagn[ée]e?s?|gewonnen)([^\p{L}]|$)|успешн|выигр|заключен/iu;

/** A pipeline prefix on a stage id: Bitrix24 writes pipeline 6's won stage `C6:WON`. */
const PIPELINE_PREFIX = /^\s*(C\d+):/i;

/** The pipeline a stage label's prefix names (`C6:WON` → `C6`), or null without one. */
export function stagePipeline(label: string): string | null {
	const m = PIPELINE_PREFIX.exec(label);
	return m ? m[1].toUpperCase() : null;
}

// Labels that are nothing but an outcome, after any pipeline prefix. `Passed`, `Duplicate` and
// `Apology` (Bitrix24's "analyse why it failed") are closed without a win: lost, unless the
// config says otherwise (METRICS.md).
const OUTCOME_WON =
	/^((closed|deal|сделка)[\s_-]*)?(won|win|выиграна|успешна|успешно|успешно реализовано|реализовано)$/iu;
const OUTCOME_LOST =
	/^((closed|deal|сделка)[\s_-]*)?(lost|lose|passed|disqualified|apology|duplicate|rejected|проиграна|провалена|проигрыш|отказ|отказано|дубль|дубликат|не реализовано|закрыто и не реализовано)$/iu;

/**
 * Whether a stage label is only an outcome (won, lost, passed, disqualified, apology, duplicate
 * and their Russian forms, with or without a pipeline prefix such as `C2:`): such a label is
 * never an open stage, whatever the rows at it say.
 */
export function outcomeLabel(label: string): 'won' | 'lost' | null {
	const bare = looseKey(label.replace(PIPELINE_PREFIX, ''));
	if (OUTCOME_WON.test(bare)) return 'won';
	if (OUTCOME_LOST.test(bare)) return 'lost';
	return null;
}

/** Whether a stage label reads as won or lost by its words (any of the languages above), or neither. */
export function closedKind(label: string): 'won' | 'lost' | null {
	const outcome = outcomeLabel(label);
	if (outcome) return outcome;
	if (LOST.test(label)) return 'lost';
	if (WON.test(label)) return 'won';
	return null;
}

/** Labels in `labels` whose key is not in `known`, first spelling kept, in order. */
export function newLabels(labels: readonly string[], known: readonly string[]): string[] {
	const seen = new Set(known.map(stageKey));
	const out: string[] = [];
	for (const label of labels) {
		const key = stageKey(label);
		if (key === '' || seen.has(key)) continue;
		seen.add(key);
		out.push(label.trim());
	}
	return out;
}
