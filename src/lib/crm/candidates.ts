import { DEAL_FIELDS, HISTORY_FIELDS, SPEND_FIELDS } from '../model/config';
import type { FileSample } from '../model/mapping';
import { rankColumns as scoredCandidates, type ColumnCandidate } from './column-scores';

/** The roles whose fields the mapping editor maps column by column. */
export type FieldRole = 'deals' | 'history' | 'spend';

/** Each role's fields, in the order the mapping editor lists them. */
export const ROLE_FIELDS: Record<FieldRole, readonly string[]> = {
	deals: DEAL_FIELDS,
	history: HISTORY_FIELDS,
	spend: SPEND_FIELDS
};

/**
 * For each field of `role`, every column of the file: the candidates the guesser scored
 * (`column-scores.ts`), best first, then the other columns with score 0 in file order, so the
 * mapping editor can offer any column.
 */
export function rankColumns(
	sample: FileSample,
	role: FieldRole
): Record<string, ColumnCandidate[]> {
	const scored = scoredCandidates(sample, role);
	const out: Record<string, ColumnCandidate[]> = {};
	for (const field of ROLE_FIELDS[role]) {
		const ranked = scored[field] ?? [];
		const seen = new Set(ranked.map((c) => c.column));
		const rest = sample.columns.filter((c) => !seen.has(c)).map((column) => ({ column, score: 0 }));
		out[field] = [...ranked, ...rest];
	}
	return out;
}
