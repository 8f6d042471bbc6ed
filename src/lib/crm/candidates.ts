import { DEAL_FIELDS, HISTORY_FIELDS, SPEND_FIELDS } from '../model/config';
import type { FileSample } from '../model/mapping';

/** The roles whose fields the mapping editor maps column by column. */
export type FieldRole = 'deals' | 'history' | 'spend';

/** Each role's fields, in the order the mapping editor lists them. */
export const ROLE_FIELDS: Record<FieldRole, readonly string[]> = {
	deals: DEAL_FIELDS,
	history: HISTORY_FIELDS,
	spend: SPEND_FIELDS
};

type Kind = 'date' | 'number' | 'text';

/** Header words that name each field (English and Russian), and the kind of value it holds. */
const FIELDS: Record<FieldRole, Record<string, { words: readonly string[]; kind: Kind }>> = {
	deals: {
		id: { words: ['id', 'ид', 'номер'], kind: 'text' },
		owner: { words: ['owner', 'rep', 'manager', 'ответственный', 'менеджер'], kind: 'text' },
		source: { words: ['source', 'channel', 'источник', 'канал'], kind: 'text' },
		pipeline: { words: ['pipeline', 'воронка'], kind: 'text' },
		segment: { words: ['segment', 'type', 'сегмент', 'тип'], kind: 'text' },
		amount: { words: ['amount', 'value', 'size', 'сумма', 'бюджет'], kind: 'number' },
		probability: { words: ['probability', 'вероятность'], kind: 'number' },
		created: { words: ['created', 'create', 'opened', 'создания', 'создана'], kind: 'date' },
		closed: { words: ['close', 'closed', 'закрытия'], kind: 'date' },
		outcome: { words: ['outcome', 'status', 'result', 'статус', 'результат'], kind: 'text' },
		stage: { words: ['stage', 'этап', 'стадия'], kind: 'text' },
		currency: { words: ['currency', 'валюта'], kind: 'text' }
	},
	history: {
		id: { words: ['id', 'deal', 'ид'], kind: 'text' },
		stage: { words: ['stage', 'этап', 'стадия'], kind: 'text' },
		at: { words: ['date', 'at', 'entered', 'changed', 'дата'], kind: 'date' },
		from: { words: ['from', 'previous', 'old'], kind: 'text' }
	},
	spend: {
		date: { words: ['date', 'month', 'day', 'дата', 'месяц'], kind: 'date' },
		channel: { words: ['channel', 'source', 'канал', 'источник'], kind: 'text' },
		amount: { words: ['amount', 'spend', 'cost', 'расход', 'сумма'], kind: 'number' }
	}
};

const MISSING = /^(|na|n\/a|null|-)$/i;

/** The kind of a column's sampled values: all dates, all numbers, else text (null: all empty). */
function kindOf(values: readonly string[]): Kind | null {
	const present = values.map((v) => v.trim()).filter((v) => !MISSING.test(v));
	if (present.length === 0) return null;
	if (present.every((v) => /^\d{4}-\d{2}(-\d{2})?|^\d{1,2}[./]\d{1,2}[./]\d{2,4}/.test(v)))
		return 'date';
	if (present.every((v) => /^[-+]?[\d\s.,]+$/.test(v) && /\d/.test(v))) return 'number';
	return 'text';
}

/** A header's words: snake_case, camelCase and punctuation split, lower-cased. */
function words(header: string): string[] {
	return header
		.replace(/([a-zа-яё])([A-ZА-ЯЁ])/g, '$1 $2')
		.toLowerCase()
		.split(/[^\p{L}\p{N}]+/u)
		.filter(Boolean);
}

/**
 * For each field of `role`, every column of the file ranked best first: a header naming the field
 * (2), then values of the field's kind (1), then the rest (0), ties in file order.
 */
export function rankColumns(
	sample: FileSample,
	role: FieldRole
): Record<string, { column: string; score: number }[]> {
	const kinds = sample.columns.map((_, i) => kindOf(sample.rows.map((r) => r[i] ?? '')));
	const out: Record<string, { column: string; score: number }[]> = {};
	for (const [field, want] of Object.entries(FIELDS[role])) {
		const scored = sample.columns.map((column, i) => {
			const named = words(column).some((w) => want.words.includes(w));
			return { column, score: named ? 2 : kinds[i] === want.kind ? 1 : 0 };
		});
		out[field] = scored
			.map((s, i) => ({ ...s, i }))
			.sort((a, b) => b.score - a.score || a.i - b.i)
			.map(({ column, score }) => ({ column, score }));
	}
	return out;
}
