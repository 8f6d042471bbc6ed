import { raw, sql, type Fragment } from '../sql/sql';

/**
 * SQL expressions that type one all-text column. Format strings are our own constants
 * (never data), so they are written into the text; the column comes in as a quoted identifier.
 */

/** How a text date column is written. Chosen per column from all its values (see engine/profile). */
export type DateFamily = 'iso' | 'mdy' | 'dmy' | 'dmy-dot' | 'ymd-dot';

export const DATE_FAMILIES: readonly DateFamily[] = ['iso', 'mdy', 'dmy', 'dmy-dot', 'ymd-dot'];

const TIME_SUFFIXES = [
	'',
	' %H:%M',
	' %H:%M:%S',
	' %I:%M %p',
	' %I:%M:%S %p',
	', %H:%M',
	', %I:%M %p'
];

function formats(datePart: string): string {
	const list = TIME_SUFFIXES.map((t) => `'${datePart}${t}'`);
	return `[${list.join(', ')}]`;
}

const FAMILY_FORMATS: Record<Exclude<DateFamily, 'iso'>, string> = {
	mdy: formats('%m/%d/%Y'),
	dmy: formats('%d/%m/%Y'),
	'dmy-dot': formats('%d.%m.%Y'),
	'ymd-dot': formats('%Y.%m.%d')
};

/** The text, trimmed, with empty text as NULL. */
export function cleanText(column: Fragment): Fragment {
	return sql`NULLIF(trim(${column}), '')`;
}

/** A TIMESTAMP parsed from text written in `family`; NULL when it does not parse. */
export function timestampExpr(column: Fragment, family: DateFamily): Fragment {
	const text = cleanText(column);
	if (family === 'iso') {
		// ISO dates, with a time, a `T`, seconds or fractions; a trailing `Z` is UTC.
		return sql`TRY_CAST(regexp_replace(${text}, 'Z$', '') AS TIMESTAMP)`;
	}
	return sql`TRY_STRPTIME(${text}, ${raw(FAMILY_FORMATS[family])})`;
}

/** The calendar date of a text date or date-time. */
export function dateExpr(column: Fragment, family: DateFamily): Fragment {
	return sql`CAST(${timestampExpr(column, family)} AS DATE)`;
}

/** A month (`2024-05`, `05.2024`, `2024/05`) or a date, as the first day or the date itself. */
export function spendDateExpr(column: Fragment, family: DateFamily): Fragment {
	const text = cleanText(column);
	return sql`COALESCE(
		CAST(${timestampExpr(column, family)} AS DATE),
		CAST(TRY_STRPTIME(${text}, ['%Y-%m', '%Y/%m', '%m.%Y', '%m/%Y', '%b %Y', '%B %Y', '%Y%m']) AS DATE))`;
}

export type DecimalMark = '.' | ',';

/**
 * Text with currency marks, spaces (also NBSP, narrow NBSP) and apostrophes removed. Currency
 * codes are upper case (`USD 300`), so garbage such as `12abc` is not read as 12.
 */
function strippedNumber(column: Fragment): Fragment {
	const noSpace = sql`regexp_replace(trim(${column}), '[\\s\u00a0\u202f'']', '', 'g')`;
	return sql`regexp_replace(${noSpace}, '^([A-Z]{3}|[$€£¥₽₴₸]|руб\\.?)|([A-Z]{3}|[$€£¥₽₴₸]|руб\\.?|р\\.)$', '', 'g')`;
}

/**
 * A DOUBLE parsed from a money or number text: thousands separators, decimal comma or point,
 * currency symbols and codes, accounting negatives `(1,200.00)`. Garbage gives NULL.
 */
export function numberExpr(column: Fragment, decimal: DecimalMark): Fragment {
	const s = strippedNumber(column);
	const negative = sql`regexp_matches(${s}, '^\\(.*\\)$')`;
	const unsigned = sql`regexp_replace(${s}, '^\\((.*)\\)$', '\\1')`;
	const valid = sql`regexp_matches(${unsigned}, '^[-+]?[0-9][0-9.,]*$|^[-+]?[.,][0-9]+$')`;
	const normalised =
		decimal === ','
			? sql`replace(replace(${unsigned}, '.', ''), ',', '.')`
			: sql`replace(${unsigned}, ',', '')`;
	return sql`CASE WHEN ${valid} THEN TRY_CAST(${normalised} AS DOUBLE) * (CASE WHEN ${negative} THEN -1 ELSE 1 END) END`;
}

/** Counts telling a decimal comma from a decimal point across a whole column. */
export function decimalVotes(column: Fragment): { comma: Fragment; point: Fragment } {
	const s = strippedNumber(column);
	return {
		comma: sql`count(*) FILTER (WHERE regexp_matches(${s}, '^\\(?-?[0-9]{1,3}(\\.[0-9]{3})+(,[0-9]+)?\\)?$|^\\(?-?[0-9]+,[0-9]{1,2}\\)?$'))`,
		point: sql`count(*) FILTER (WHERE regexp_matches(${s}, '^\\(?-?[0-9]{1,3}(,[0-9]{3})+(\\.[0-9]+)?\\)?$|^\\(?-?[0-9]+\\.[0-9]+\\)?$'))`
	};
}
