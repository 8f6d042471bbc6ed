import { headerKey } from './header-key';
import { ident, join, list, sql, type Fragment } from '../sql/sql';
import { MEDDIC_ELEMENTS, type Config, type MeddicElement } from './config';
import type { DealsMapping } from './mapping';
import { cleanText } from './parse';

export { MEDDIC_ELEMENTS, type MeddicElement } from './config';

/** Column headers naming each element, English and Russian (matched trimmed and case-folded). */
const HEADERS: Record<MeddicElement, readonly string[]> = {
	metrics: ['Metrics', 'Метрики'],
	economic_buyer: ['Economic Buyer', 'Экономический покупатель'],
	decision_criteria: ['Decision Criteria', 'Критерии решения'],
	decision_process: ['Decision Process', 'Процесс принятия решения'],
	identify_pain: ['Identify Pain', 'Боль', 'Выявленная боль'],
	champion: ['Champion', 'Чемпион']
};

// CRMs often prefix custom fields with the method's name: "MEDDIC: Champion", "MEDDIC - Метрики".
const PREFIX = /^meddic\s*[-:–—_.]?\s*/;

function key(header: string): string {
	return headerKey(header).replace(PREFIX, '').replace(/\s+/g, ' ');
}

/**
 * The MEDDIC columns of a deals file, by header. One matching header alone (a stray "Metrics"
 * column) is not taken for MEDDIC: at least two of the six must be there.
 */
export function detectMeddic(columns: readonly string[]): Partial<Record<MeddicElement, string>> {
	const found: Partial<Record<MeddicElement, string>> = {};
	for (const element of MEDDIC_ELEMENTS) {
		const wanted = HEADERS[element].map((h) => key(h));
		const hit = columns.find((c) => wanted.includes(key(c)));
		if (hit !== undefined) found[element] = hit;
	}
	return Object.keys(found).length >= 2 ? found : {};
}

/**
 * The deals mapping with its MEDDIC columns: what the detector named, else what the header's names
 * say, with the config's choices laid over (a `null` there removes an element).
 */
export function withMeddic(
	mapping: DealsMapping,
	columns: readonly string[],
	config: Config['meddic'] = {}
): DealsMapping {
	const meddic: Partial<Record<MeddicElement, string>> = {
		...(mapping.meddic ?? detectMeddic(columns))
	};
	for (const [element, column] of Object.entries(config) as [MeddicElement, string | null][]) {
		if (column === null) delete meddic[element];
		else meddic[element] = column;
	}
	const { meddic: _old, ...rest } = mapping;
	return Object.keys(meddic).length ? { ...rest, meddic } : rest;
}

/** The canonical column holding whether an element is filled. */
export function meddicColumn(element: MeddicElement): Fragment {
	return ident(`meddic_${element}`);
}

/** Cell values that say an element is not filled in (checkbox exports, placeholders). */
const NOT_FILLED = ['0', 'false', 'no', 'n', 'f', 'нет', 'ложь', '-', '—', 'n/a'];

/**
 * `meddic_<element>` select items for the deals table (over the raw table's row `r`): false when
 * the cell is empty or says no, true for any other text; NULL for an element the file does not
 * have. Always all six, so every deals table has the same columns.
 */
export function meddicSelect(meddic: DealsMapping['meddic']): Fragment {
	return join(
		MEDDIC_ELEMENTS.map((element) => {
			const name = meddic?.[element];
			if (name === undefined) return sql`CAST(NULL AS BOOLEAN) AS ${meddicColumn(element)}`;
			const text = cleanText(sql`r.${ident(name)}`);
			return sql`COALESCE(lower(${text}) NOT IN ${list(NOT_FILLED)}, false) AS ${meddicColumn(element)}`;
		}),
		', '
	);
}
