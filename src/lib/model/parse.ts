import { join, raw, sql, type Fragment } from '../sql/sql';

/**
 * SQL expressions that type one all-text column. Format strings are our own constants
 * (never data), so they are written into the text; the column comes in as a quoted identifier.
 */

/**
 * How a text date column is written. Chosen per column from all its values (see engine/profile).
 * `iso`: `2024-05-06`, with a time, a `T`, fractions, and a zone that is dropped (see
 * `timestampExpr`); also `2024/05/06` as DuckDB reads it. `mdy`/`dmy`: `5/6/2024` or `5/6/24`
 * (Salesforce, Excel-resaved `MM/DD/YY hh:mm AM/PM`), month or day first. `dmy-dot`:
 * `06.05.2024[ HH:MM[:SS]]` (amoCRM, Bitrix24). `ymd-dot`: `2024.05.06`. `ymd-slash`: `2024/05/06`.
 */
export type DateFamily = 'iso' | 'mdy' | 'dmy' | 'dmy-dot' | 'ymd-dot' | 'ymd-slash';

export const DATE_FAMILIES: readonly DateFamily[] = [
	'iso',
	'mdy',
	'dmy',
	'dmy-dot',
	'ymd-dot',
	'ymd-slash'
];

const TIME_SUFFIXES = [
	'',
	' %H:%M',
	' %H:%M:%S',
	' %I:%M %p',
	' %I:%M:%S %p',
	', %H:%M',
	', %I:%M %p'
];

/**
 * A strptime format list for a date part, with every time suffix. Given with `yy`, the two-digit
 * year formats come first: `%Y` would read `5/6/24` as the year 24 AD, while `%y` refuses a
 * four-digit year. `%y` reads 00–68 as 2000–2068 and 69–99 as 1969–1999.
 */
function formats(datePart: string, twoDigitYear?: string): string {
	const parts = twoDigitYear ? [twoDigitYear, datePart] : [datePart];
	const list = parts.flatMap((part) => TIME_SUFFIXES.map((t) => `'${part}${t}'`));
	return `[${list.join(', ')}]`;
}

const FAMILY_FORMATS: Record<Exclude<DateFamily, 'iso'>, string> = {
	mdy: formats('%m/%d/%Y', '%m/%d/%y'),
	dmy: formats('%d/%m/%Y', '%d/%m/%y'),
	'dmy-dot': formats('%d.%m.%Y', '%d.%m.%y'),
	'ymd-dot': formats('%Y.%m.%d'),
	'ymd-slash': formats('%Y/%m/%d')
};

/**
 * Texts that stand for "no value" in exports and analysts' tables (compared case-folded, after
 * trimming): R's and pandas' `NA`, `N/A`, `null`, and a dash. Empty text is missing too.
 */
export const MISSING_TEXTS = ['na', 'n/a', 'null', '-', '—'] as const;

/** A whole text that is one of the missing-value marks, in any letter case (RE2). */
const MISSING_PATTERN = `'^(?i:${MISSING_TEXTS.join('|')})$'`;

/** The text, trimmed, with empty text and the missing-value marks (`MISSING_TEXTS`) as NULL. */
export function cleanText(column: Fragment): Fragment {
	// The column is named once: an expression that names it several times grows with every
	// expression it is nested in (a stage-date list nests dozens), and so does its planning.
	return sql`NULLIF(regexp_replace(trim(${column}), ${raw(MISSING_PATTERN)}, ''), '')`;
}

/** A TIMESTAMP parsed from text written in `family`; NULL when it does not parse. */
export function timestampExpr(column: Fragment, family: DateFamily): Fragment {
	const parsed = parsedTimestamp(column, family);
	// A CRM date before 1900 or after 2199 is a typo or a placeholder (`0001-01-01`, `9999-12-31`,
	// year 99999): unreadable, and so counted and named like any other unreadable date.
	return sql`CASE WHEN ${parsed} BETWEEN TIMESTAMP '1900-01-01' AND TIMESTAMP '2199-12-31 23:59:59.999' THEN ${parsed} END`;
}

/**
 * The text, trimmed, with empty text as NULL: enough inside a parse, where a missing-value mark
 * (`NA`, `-`) does not parse either. `cleanText`'s regular expression is compiled for every copy
 * of the column a macro expands to (a dozen per date), which made planning the typing statement
 * the dearest step of a small load; only the unreadable-value tests need the marks.
 */
function trimmedText(column: Fragment): Fragment {
	return sql`NULLIF(trim(${column}), '')`;
}

function parsedTimestamp(column: Fragment, family: DateFamily): Fragment {
	const text = trimmedText(column);
	if (family === 'iso') {
		// ISO dates, with a time, a `T`, seconds or fractions. A zone after the time (`Z`, `UTC`,
		// `+05:00`, `-0800`) is dropped, not applied: the date-time stays the wall-clock time
		// written in the file, which is the calendar date the CRM user saw (a deal created at
		// 01:30 in Ufa, `+05:00`, belongs to that day there, not to the day before in UTC).
		// Every date in a dataset is read this way, so periods and durations stay consistent.
		// Cheap tests pick the values that may carry a zone (a `+`, a `-` after the date, a
		// final letter); only those pay for the regular expression.
		const zoned = sql`(strpos(${text}, '+') > 0 OR strpos(substr(${text}, 11), '-') > 0 OR upper(right(${text}, 1)) IN ('Z', 'C', 'T'))`;
		const local = sql`CASE WHEN ${zoned} THEN regexp_replace(${text}, '([T ]\\d{1,2}:\\d{2}(:\\d{2}([.,]\\d+)?)?)\\s*(Z|UTC|GMT|[+-]\\d{2}(:?\\d{2})?)$', '\\1', 'i') ELSE ${text} END`;
		// Most values cast as they are, and DuckDB's cast to TIMESTAMP keeps the wall-clock time
		// of a value written with `Z` or an offset, as above. The rest (spaces around, `UTC`, a
		// zone after a space) are trimmed and tested.
		return sql`COALESCE(TRY_CAST(${column} AS TIMESTAMP), TRY_CAST(${local} AS TIMESTAMP))`;
	}
	// Every format of a family has its separator as a literal, which strptime must find: text
	// without it cannot parse, and skips the (dear, format-by-format) attempt.
	const separator = FAMILY_SEPARATOR[family];
	return sql`CASE WHEN strpos(${text}, ${raw(`'${separator}'`)}) > 0 THEN TRY_STRPTIME(${text}, ${raw(FAMILY_FORMATS[family])}) END`;
}

const FAMILY_SEPARATOR: Record<Exclude<DateFamily, 'iso'>, string> = {
	mdy: '/',
	dmy: '/',
	'dmy-dot': '.',
	'ymd-dot': '.',
	'ymd-slash': '/'
};

/** The calendar date of a text date or date-time. */
export function dateExpr(column: Fragment, family: DateFamily): Fragment {
	return sql`CAST(${timestampExpr(column, family)} AS DATE)`;
}

/** A month (`2024-05`, `05.2024`, `2024/05`) or a date, as the first day or the date itself. */
export function spendDateExpr(column: Fragment, family: DateFamily): Fragment {
	return spendDate(column, timestampExpr(column, family));
}

/** A spend date from its text and the timestamp read from it (inline or through a macro). */
function spendDate(
	column: Fragment,
	timestamp: Fragment,
	ruMonth = russianMonth(column)
): Fragment {
	const text = trimmedText(column);
	return sql`COALESCE(
		CAST(${timestamp} AS DATE),
		CAST(TRY_STRPTIME(${text}, ['%Y-%m', '%Y/%m', '%m.%Y', '%m/%Y', '%b %Y', '%B %Y', '%Y%m']) AS DATE),
		${ruMonth})`;
}

/**
 * A month written with its Russian name and a year (`январь 2024`, `Янв. 2024`, `Январь-24`,
 * `января 2024`, `янв 24`), as its first day; NULL for any other text. A two-digit year is of the
 * 2000s.
 */
const RU_MONTH = `'^(янв|фев|мар|апр|ма[йя]|июн|июл|авг|сен|окт|ноя|дек)[а-я]*\\.?[\\s,/-]*([0-9]{4}|[0-9]{2})$'`;
const RU_MONTHS = `['янв', 'фев', 'мар', 'апр', 'ма', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек']`;

function russianMonth(column: Fragment): Fragment {
	const text = sql`replace(lower(trim(${column})), 'ё', 'е')`;
	const year = sql`regexp_extract(${text}, ${raw(RU_MONTH)}, 2)`;
	const stem = sql`regexp_extract(${text}, ${raw(RU_MONTH)}, 1)`;
	return sql`CASE WHEN regexp_matches(${text}, ${raw(RU_MONTH)}) THEN make_date(
		CAST(CASE WHEN length(${year}) = 2 THEN '20' || ${year} ELSE ${year} END AS INTEGER),
		list_position(${raw(RU_MONTHS)}, CASE WHEN ${stem} LIKE 'ма_' AND ${stem} <> 'мар' THEN 'ма' ELSE ${stem} END),
		1) END`;
}

export type DecimalMark = '.' | ',';

/** A currency mark: a code (`USD`, `RUB`), `US$`, a symbol, or the Russian `руб.` / `р.`. */
const CURRENCY = '(?:[A-Z]{3}|[A-Z]{1,2}\\$|[$€£¥₽₴₸]|[Рр]уб\\.?|[Рр]\\.)';

/** Spaces (also NBSP, narrow NBSP, thin space), tabs and apostrophes (thousands marks) removed. */
function withoutSpaces(column: Fragment, reversed = false): Fragment {
	const marks = [' ', '\u00a0', '\u202f', '\u2009', '\t', "''", '’'];
	let text = column;
	for (const mark of reversed ? marks.reverse() : marks) {
		text = sql`replace(${text}, ${raw(`'${mark}'`)}, '')`;
	}
	return text;
}

/** Separators made plain (thousands marks dropped, a decimal comma turned into a point). */
function plainDigits(text: Fragment, decimal: DecimalMark): Fragment {
	return decimal === ','
		? sql`replace(replace(${text}, '.', ''), ',', '.')`
		: sql`replace(${text}, ',', '')`;
}

/**
 * A DOUBLE parsed from a money or number text: thousands separators (space, NBSP, narrow NBSP,
 * `'`, and `.` or `,` against the decimal mark), decimal comma or point, currency symbols and
 * codes before or after (`₽`, `руб.`, `р.`, `€`, `$`, `US$`, `USD`, `RUB`), a minus before or
 * after the number or the currency (`-$1,200`, `$-1,200`, `1 200 ₽-`), accounting negatives
 * `(1,200.00)`. Anything else (`n/a`, `12abc`, the `40.2k` shorthand) gives NULL, which the
 * audit reports. Scientific notation (`1.5E+06`, as Excel writes big numbers to CSV) is read.
 *
 * This runs on every value of every amount column, so it goes from cheap to dear and COALESCE
 * stops at the first step that reads the value: a bare cast (`1200.5`), then string functions
 * for separators (`1 200,50`), then regular expressions for the rest (currency marks,
 * parentheses, a minus after). The later steps share no subexpression with the earlier ones:
 * DuckDB would compute a shared one for every row, ahead of the COALESCE.
 */
export function numberExpr(column: Fragment, decimal: DecimalMark): Fragment {
	const bare =
		decimal === ','
			? sql`CASE WHEN strpos(${column}, '.') = 0 THEN TRY_CAST(replace(${column}, ',', '.') AS DOUBLE) END`
			: sql`TRY_CAST(${column} AS DOUBLE)`;
	// The cast takes `nan`, `inf`, `Infinity` for numbers: not amounts.
	const cast = sql`CASE WHEN isfinite(${bare}) THEN ${bare} END`;
	// Every `n` is made unreadable, for the same reason.
	const spaced = sql`TRY_CAST(replace(replace(${plainDigits(withoutSpaces(column), decimal)}, 'n', '#'), 'N', '#') AS DOUBLE)`;
	// The same marks dropped in the opposite order: an equal expression would be shared, and so
	// computed for every row.
	const noSpace = withoutSpaces(column, true);
	const currency = `'^([-+(]*)${CURRENCY}|${CURRENCY}([-)]*)$'`;
	const noCurrency = sql`regexp_replace(${noSpace}, ${raw(currency)}, '\\1\\2', 'g')`;
	// `(1200)` and `1200-` → `-1200`; `(-5)` becomes `--5`, which is refused.
	const signed = sql`regexp_replace(${noCurrency}, '^\\((.*)\\)$|^([^-].*)-$', '-\\1\\2')`;
	// The whole text when it is digits with separators and a sign, else '' (which casts to NULL).
	const digits = sql`regexp_extract(${signed}, '^[-+]?(?:[0-9][0-9.,]*|[.,][0-9]+)$')`;
	const marked = sql`TRY_CAST(${plainDigits(digits, decimal)} AS DOUBLE)`;
	return sql`COALESCE(${cast}, ${spaced}, ${marked})`;
}

/** Counts telling a decimal comma from a decimal point across a whole column. */
export function decimalVotes(column: Fragment): { comma: Fragment; point: Fragment } {
	const like = decimalLike(column);
	return {
		comma: sql`count(*) FILTER (WHERE ${like.comma})`,
		point: sql`count(*) FILTER (WHERE ${like.point})`
	};
}

/** Whether one value is written like a number with a decimal comma, or with a decimal point. */
function decimalLike(column: Fragment): { comma: Fragment; point: Fragment } {
	const s = sql`regexp_replace(${withoutSpaces(column)}, ${raw(`'^([-+(]*)${CURRENCY}|${CURRENCY}([-)]*)$'`)}, '\\1\\2', 'g')`;
	return {
		comma: sql`regexp_matches(${s}, '^\\(?[-+]?[0-9]{1,3}(\\.[0-9]{3})+(,[0-9]+)?-?\\)?$|^\\(?[-+]?[0-9]+,[0-9]{1,2}-?\\)?$')`,
		point: sql`regexp_matches(${s}, '^\\(?[-+]?[0-9]{1,3}(,[0-9]{3})+(\\.[0-9]+)?-?\\)?$|^\\(?[-+]?[0-9]+\\.[0-9]+-?\\)?$')`
	};
}

/*
 * The same expressions as DuckDB macros, defined once per engine (`parseMacros`), so that a
 * statement typing many columns names each column once instead of pasting every expression
 * (a wide export's profile would otherwise be one statement of tens of thousands of characters). A macro is expanded when the
 * statement is bound: the values are the same, and only the text to parse shrinks.
 */

const MACRO_FAMILY: Record<DateFamily, string> = {
	iso: 'iso',
	mdy: 'mdy',
	dmy: 'dmy',
	'dmy-dot': 'dmy_dot',
	'ymd-dot': 'ymd_dot',
	'ymd-slash': 'ymd_slash'
};
const DECIMAL_NAME: Record<DecimalMark, string> = { '.': 'point', ',': 'comma' };

const macro = (name: string) => (column: Fragment) => sql`${raw(name)}(${column})`;
const tsMacro = (family: DateFamily) => `pipelens_timestamp_${MACRO_FAMILY[family]}`;
const spendMacro = (family: DateFamily) => `pipelens_spend_date_${MACRO_FAMILY[family]}`;
const numberMacro = (decimal: DecimalMark) => `pipelens_number_${DECIMAL_NAME[decimal]}`;

/** `timestampExpr` through its macro (see `parseMacros`). */
export function parseTimestamp(column: Fragment, family: DateFamily): Fragment {
	return macro(tsMacro(family))(column);
}

/** `dateExpr` through the timestamp macro. */
export function parseDate(column: Fragment, family: DateFamily): Fragment {
	return sql`CAST(${parseTimestamp(column, family)} AS DATE)`;
}

/** `spendDateExpr` through its macro. */
export function parseSpendDate(column: Fragment, family: DateFamily): Fragment {
	return macro(spendMacro(family))(column);
}

/** `numberExpr` through its macro. */
export function parseNumber(column: Fragment, decimal: DecimalMark): Fragment {
	return macro(numberMacro(decimal))(column);
}

const unreadMacro = (family: DateFamily) => `pipelens_unread_${MACRO_FAMILY[family]}`;
const unreadNumberMacro = (decimal: DecimalMark) =>
	`pipelens_unread_number_${DECIMAL_NAME[decimal]}`;

/** Whether a value has text that does not parse as a timestamp written in `family`. */
export function unreadDate(column: Fragment, family: DateFamily): Fragment {
	return macro(unreadMacro(family))(column);
}

/** Whether a value has text that does not read as a number with the decimal mark `decimal`. */
export function unreadNumber(column: Fragment, decimal: DecimalMark): Fragment {
	return macro(unreadNumberMacro(decimal))(column);
}

/** Whether one value is written like a number with a decimal comma, and with a decimal point. */
export function decimalLikeValue(column: Fragment): { comma: Fragment; point: Fragment } {
	return {
		comma: sql`pipelens_comma_like(${column})`,
		point: sql`pipelens_point_like(${column})`
	};
}

/** `decimalVotes` through the macros that test one value. */
export function parseDecimalVotes(column: Fragment): { comma: Fragment; point: Fragment } {
	return {
		comma: sql`count(*) FILTER (WHERE pipelens_comma_like(${column}))`,
		point: sql`count(*) FILTER (WHERE pipelens_point_like(${column}))`
	};
}

/**
 * The statements that (re)define every parse macro, as two texts of several statements each (the
 * timestamp macros, then those built on them): they bind no values (the formats are our own
 * constants), so each text runs as one call, and neither is over 8 kB.
 */
export function parseMacros(): Fragment[] {
	const v = raw('v');
	const define = (name: string, body: Fragment) => {
		if (body.params.length > 0) throw new Error(`macro ${name} would bind values`);
		return sql`CREATE OR REPLACE MACRO ${raw(name)}(v) AS ${body}`;
	};
	const like = decimalLike(v);
	return [
		join(
			[
				...DATE_FAMILIES.map((f) => define(tsMacro(f), timestampExpr(v, f))),
				define('pipelens_ru_month', russianMonth(v))
			],
			';\n'
		),
		join(
			[
				...DATE_FAMILIES.map((f) =>
					define(spendMacro(f), spendDate(v, parseTimestamp(v, f), raw('pipelens_ru_month(v)')))
				),
				define(numberMacro('.'), numberExpr(v, '.')),
				define(numberMacro(','), numberExpr(v, ',')),
				define('pipelens_comma_like', like.comma),
				define('pipelens_point_like', like.point),
				...DATE_FAMILIES.map((f) =>
					define(
						unreadMacro(f),
						sql`${cleanText(v)} IS NOT NULL AND ${parseTimestamp(v, f)} IS NULL`
					)
				),
				...(['.', ','] as const).map((d) =>
					define(
						unreadNumberMacro(d),
						sql`${cleanText(v)} IS NOT NULL AND ${parseNumber(v, d)} IS NULL`
					)
				)
			],
			';\n'
		)
	];
}
