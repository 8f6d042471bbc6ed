import { describe, expect, it } from 'vitest';
import { useNodeDb } from '../../../tests/unit/node-db';
import { ident, sql, type Fragment } from '../sql/sql';
import {
	DATE_FAMILIES,
	cleanText,
	dateExpr,
	decimalVotes,
	numberExpr,
	parseDate,
	parseDecimalVotes,
	parseMacros,
	parseNumber,
	parseSpendDate,
	parseTimestamp,
	spendDateExpr,
	timestampExpr,
	unreadDate,
	unreadNumber,
	type DateFamily,
	type DecimalMark
} from './parse';

const db = useNodeDb();

const v = ident('v');

/** Evaluate an expression over one text value, bound as a parameter. */
async function evaluate(expr: Fragment, value: string | null): Promise<unknown> {
	const [row] = await db.query(
		sql`SELECT ${expr} AS x FROM (VALUES (CAST(${value} AS VARCHAR))) AS t(v)`
	);
	return row.x;
}

const number = (text: string | null, decimal: DecimalMark = '.') =>
	evaluate(numberExpr(v, decimal), text);
const date = (text: string, family: DateFamily) => evaluate(dateExpr(v, family), text);
const timestamp = (text: string, family: DateFamily) => evaluate(timestampExpr(v, family), text);
const spendDate = (text: string, family: DateFamily = 'iso') =>
	evaluate(spendDateExpr(v, family), text);

describe('numberExpr', () => {
	it('numberExpr reads thousands commas with a decimal point: 1,234.56 → 1234.56', async () => {
		expect(await number('1,234.56')).toBe(1234.56);
		expect(await number('1,234,567')).toBe(1234567);
		expect(await number('42')).toBe(42);
	});

	it('numberExpr(col, ",") reads thousands points with a decimal comma: 1.234,56 → 1234.56', async () => {
		expect(await number('1.234,56', ',')).toBe(1234.56);
		expect(await number('0,5', ',')).toBe(0.5);
	});

	it('numberExpr reads accounting negatives (1,200.00) as -1200', async () => {
		expect(await number('(1,200.00)')).toBe(-1200);
		expect(await number('-75.5')).toBe(-75.5);
	});

	it('numberExpr drops a currency symbol and spaces: $ 2,000 → 2000', async () => {
		expect(await number('$ 2,000')).toBe(2000);
		expect(await number('$2,000.25')).toBe(2000.25);
		expect(await number('£10')).toBe(10);
	});

	it('numberExpr(col, ",") reads €1 200,50 with NBSP or narrow NBSP as thousands space → 1200.5', async () => {
		expect(await number('€1\u00a0200,50', ',')).toBe(1200.5);
		expect(await number('€1\u202f200,50', ',')).toBe(1200.5);
		expect(await number('1 200,50 €', ',')).toBe(1200.5);
		expect(await number('1\u00a0500 ₽', ',')).toBe(1500);
	});

	it('numberExpr drops a leading or trailing currency code: USD 300 → 300', async () => {
		expect(await number('USD 300')).toBe(300);
		expect(await number('300 USD')).toBe(300);
		expect(await number("CHF 1'250.00")).toBe(1250);
	});

	it('numberExpr drops thousands spaces: plain, NBSP (U+00A0), narrow NBSP (U+202F), apostrophe', async () => {
		expect(await number('1 200 000,50', ',')).toBe(1200000.5);
		expect(await number('1\u00a0200\u00a0000', ',')).toBe(1200000);
		expect(await number('1\u202f200\u202f000.75')).toBe(1200000.75);
		expect(await number("1'200'000.75")).toBe(1200000.75);
		expect(await number('1.200.000', ',')).toBe(1200000);
		expect(await number('1,200,000')).toBe(1200000);
	});

	it('numberExpr(col, ",") drops Russian currency marks before or after: ₽, руб., р.', async () => {
		expect(await number('1 500 ₽', ',')).toBe(1500);
		expect(await number('₽1 500', ',')).toBe(1500);
		expect(await number('1 500 руб.', ',')).toBe(1500);
		expect(await number('1 500руб', ',')).toBe(1500);
		expect(await number('1 500,25 р.', ',')).toBe(1500.25);
		expect(await number('руб. 1 500', ',')).toBe(1500);
		expect(await number('1 500 RUB', ',')).toBe(1500);
		expect(await number('RUB 1 500,5', ',')).toBe(1500.5);
	});

	it('numberExpr reads €, $, USD, US$ before or after the amount', async () => {
		expect(await number('€1,200.50')).toBe(1200.5);
		expect(await number('1.200,50 €', ',')).toBe(1200.5);
		expect(await number('1,200 $')).toBe(1200);
		expect(await number('USD1,200')).toBe(1200);
		expect(await number('US$ 1,200')).toBe(1200);
	});

	it('numberExpr reads a minus before or after the currency, and at the end: -$1,200 $-1,200 1 200 ₽-', async () => {
		expect(await number('-$1,200.00')).toBe(-1200);
		expect(await number('$-1,200.00')).toBe(-1200);
		expect(await number('-1 200 ₽', ',')).toBe(-1200);
		expect(await number('- 1 200 руб.', ',')).toBe(-1200);
		expect(await number('1 200 ₽-', ',')).toBe(-1200);
		expect(await number('1200-')).toBe(-1200);
		expect(await number('+75')).toBe(75);
	});

	it('numberExpr reads accounting negatives with a currency inside or outside: ($1,200.00), $(1,200.00), (1 200 ₽)', async () => {
		expect(await number('($1,200.00)')).toBe(-1200);
		expect(await number('$(1,200.00)')).toBe(-1200);
		expect(await number('(1 200 ₽)', ',')).toBe(-1200);
		expect(await number('(1.200,50)', ',')).toBe(-1200.5);
		expect(await number('(USD 300)')).toBe(-300);
	});

	it('numberExpr reads scientific notation (Excel writes 1.5E+06 in CSV)', async () => {
		expect(await number('1.5E+06')).toBe(1500000);
		expect(await number('1e5')).toBe(100000);
	});

	it('numberExpr does not read shorthand or text as a number: 40.2k, 1.5M, 3 deals, USD, NaN', async () => {
		expect(await number('40.2k')).toBeNull();
		expect(await number('40,2k', ',')).toBeNull();
		expect(await number('1.5M')).toBeNull();
		expect(await number('3 deals')).toBeNull();
		expect(await number('USD')).toBeNull();
		expect(await number('₽')).toBeNull();
		expect(await number('NaN')).toBeNull();
		expect(await number('inf')).toBeNull();

		expect(await number('--5')).toBeNull();
		expect(await number('1 200-300')).toBeNull();
	});

	it('numberExpr gives null for text that is not a number (12abc, n/a, empty)', async () => {
		expect(await number('12abc')).toBeNull();
		expect(await number('n/a')).toBeNull();
		expect(await number('abc')).toBeNull();
		expect(await number('')).toBeNull();
		expect(await number('   ')).toBeNull();
		expect(await number(null)).toBeNull();
		expect(await number('1-2')).toBeNull();
	});
});

describe('decimalVotes', () => {
	it('decimalVotes(col) counts 1.234,56 for the comma and 1,234.56 for the point', async () => {
		const votes = decimalVotes(v);
		const [row] =
			await db.query(sql`SELECT ${votes.comma}::DOUBLE AS comma, ${votes.point}::DOUBLE AS point
			FROM (VALUES ('1.234,56'), ('12,5'), ('(3.000,00)'), ('1,234.56'), ('7')) AS t(v)`);
		expect(row).toEqual({ comma: 3, point: 1 });
	});

	it('decimalVotes(col) sees through currencies, spaces and signs: "1 200,50 ₽", "-€3.000,00", "$1,234.56-"', async () => {
		const votes = decimalVotes(v);
		const [row] =
			await db.query(sql`SELECT ${votes.comma}::DOUBLE AS comma, ${votes.point}::DOUBLE AS point
			FROM (VALUES ('1 200,50 ₽'), ('-€3.000,00'), ('99,9 руб.'), ('$1,234.56-'), ('40.2k')) AS t(v)`);
		expect(row).toEqual({ comma: 3, point: 1 });
	});
});

describe('dateExpr and timestampExpr', () => {
	it('dateExpr reads 2/3/2024 as February 3 (mdy) or March 2 (dmy)', async () => {
		expect(await date('2/3/2024', 'mdy')).toBe('2024-02-03');
		expect(await date('2/3/2024', 'dmy')).toBe('2024-03-02');
		expect(await date('12/31/2024', 'mdy')).toBe('2024-12-31');
		expect(await date('12/31/2024', 'dmy')).toBeNull();
	});

	it('dateExpr(col, "mdy") reads a Salesforce date-time with AM/PM', async () => {
		expect(await timestamp('2/3/2024 1:05 PM', 'mdy')).toBe('2024-02-03T13:05:00.000');
		expect(await date('2/3/2024 11:59 PM', 'mdy')).toBe('2024-02-03');
	});

	it('timestampExpr(col, "dmy-dot") reads 03.02.2024 10:15:00 as 3 February, 10:15', async () => {
		expect(await timestamp('03.02.2024 10:15:00', 'dmy-dot')).toBe('2024-02-03T10:15:00.000');
		expect(await date('03.02.2024 10:15:00', 'dmy-dot')).toBe('2024-02-03');
		expect(await date('03.02.2024', 'dmy-dot')).toBe('2024-02-03');
	});

	it('timestampExpr(col, "iso") reads a T and a trailing Z (UTC), with or without fractions', async () => {
		expect(await timestamp('2024-05-06T07:08:09Z', 'iso')).toBe('2024-05-06T07:08:09.000');
		expect(await timestamp('2024-05-06T07:08:09.250Z', 'iso')).toBe('2024-05-06T07:08:09.250');
		expect(await timestamp('2024-05-06 07:08', 'iso')).toBe('2024-05-06T07:08:00.000');
		expect(await date('2024-05-06T23:59:59Z', 'iso')).toBe('2024-05-06');
	});

	it('dateExpr reads two-digit years in mdy and dmy: 2/3/24 → 2024, 12/31/69 → 1969', async () => {
		expect(await date('2/3/24', 'mdy')).toBe('2024-02-03');
		expect(await date('02/03/24', 'dmy')).toBe('2024-03-02');
		expect(await date('12/31/69', 'mdy')).toBe('1969-12-31');
		expect(await date('12/31/68', 'mdy')).toBe('2068-12-31');
		// A four-digit year still reads as itself (never as a two-digit one plus leftovers).
		expect(await date('2/3/2024', 'mdy')).toBe('2024-02-03');
		expect(await date('31/12/24', 'mdy')).toBeNull();
	});

	it('timestampExpr(col, "mdy") reads a Salesforce Excel-resaved MM/DD/YY hh:mm AM/PM', async () => {
		expect(await timestamp('06/14/26 09:20 AM', 'mdy')).toBe('2026-06-14T09:20:00.000');
		expect(await timestamp('6/14/26 9:20 PM', 'mdy')).toBe('2026-06-14T21:20:00.000');
		expect(await timestamp('12/01/25 12:05 AM', 'mdy')).toBe('2025-12-01T00:05:00.000');
	});

	it('timestampExpr(col, "dmy-dot") reads DD.MM.YYYY HH:MM:SS, DD.MM.YYYY HH:MM and DD.MM.YY', async () => {
		expect(await timestamp('14.06.2026 09:20:05', 'dmy-dot')).toBe('2026-06-14T09:20:05.000');
		expect(await timestamp('14.06.2026 09:20', 'dmy-dot')).toBe('2026-06-14T09:20:00.000');
		expect(await date('14.06.26', 'dmy-dot')).toBe('2026-06-14');
	});

	it('timestampExpr(col, "iso") keeps the wall-clock time written before a UTC offset (2026-06-14T09:20:00+05:00 → 09:20)', async () => {
		expect(await timestamp('2026-06-14T09:20:00+05:00', 'iso')).toBe('2026-06-14T09:20:00.000');
		expect(await timestamp('2026-06-14T01:30:00+05:00', 'iso')).toBe('2026-06-14T01:30:00.000');
		expect(await timestamp('2026-06-14T23:30:00-0800', 'iso')).toBe('2026-06-14T23:30:00.000');
		expect(await timestamp('2026-06-14 23:30:00.5 -08', 'iso')).toBe('2026-06-14T23:30:00.500');
		expect(await timestamp('2026-06-14 09:20 UTC', 'iso')).toBe('2026-06-14T09:20:00.000');
		expect(await date('2026-06-14T01:30:00+05:00', 'iso')).toBe('2026-06-14');
		// A date alone ends in digits after a dash: not an offset.
		expect(await date('2026-06-14', 'iso')).toBe('2026-06-14');
	});

	it('timestampExpr(col, "iso") reads a value cast as it is like the same value trimmed and zone-stripped', async () => {
		// Spaces around a value keep DuckDB's own cast from reading it, so the padded value takes
		// the trimmed, zone-stripped reading: both readings must agree on every value.
		const [{ x: padded }] = await db.query(
			sql`SELECT TRY_CAST(' 2024-05-06 07:08 ' AS TIMESTAMP) AS x`
		);
		expect(padded).toBeNull();
		const values = [
			'2024-05-06',
			'2024-5-6',
			'2024-05-06 07:08',
			'2024-05-06T07:08:09',
			'2024-05-06T07:08:09.123456',
			'2024-05-06T07:08:09Z',
			'2024-05-06T07:08:09.5z',
			'2024-05-06T23:30:00+05:30',
			'2024-05-06 23:30:00-08',
			'2024-05-06 01:30:00+0530',
			'2024-05-06T07:08-05:00',
			'2024-05-06 07:08 UTC',
			'2024-05-06T07:08:09 GMT',
			'2024/05/06',
			'2024-05-06T',
			'0001-01-01',
			'2199-12-31 23:59:59.999',
			'2200-01-01',
			'99999-01-01',
			'2024-02-30',
			'2024-05-06 25:00'
		];
		for (const value of values) {
			const direct = await timestamp(value, 'iso');
			expect(direct, value).toBe(await timestamp(` ${value} `, 'iso'));
		}
		expect(await timestamp('2024-05-06T23:30:00+05:30', 'iso')).toBe('2024-05-06T23:30:00.000');
		expect(await timestamp('0001-01-01', 'iso')).toBeNull();
	});

	it('timestampExpr(col, "ymd-slash") reads 2026/06/15 and 2026/06/15 10:30', async () => {
		expect(await date('2026/06/15', 'ymd-slash')).toBe('2026-06-15');
		expect(await timestamp('2026/06/15 10:30', 'ymd-slash')).toBe('2026-06-15T10:30:00.000');
		expect(await date('15/06/2026', 'ymd-slash')).toBeNull();
	});

	it('dateExpr gives null for text that is not a date of the family', async () => {
		expect(await date('soon', 'iso')).toBeNull();
		expect(await date('2024-02-30', 'iso')).toBeNull();
		expect(await date('2024-02-03', 'mdy')).toBeNull();
		expect(await date('', 'iso')).toBeNull();
	});
});

describe('spendDateExpr', () => {
	it('spendDateExpr reads a month 2024-05 as its first day, 2024-05-01', async () => {
		expect(await spendDate('2024-05')).toBe('2024-05-01');
		expect(await spendDate('2024/05')).toBe('2024-05-01');
		expect(await spendDate('05.2024', 'dmy-dot')).toBe('2024-05-01');
	});

	it('spendDateExpr reads a full date as that date', async () => {
		expect(await spendDate('2024-05-17')).toBe('2024-05-17');
		expect(await spendDate('01.05.2024', 'dmy-dot')).toBe('2024-05-01');
		expect(await spendDate('5/17/2024', 'mdy')).toBe('2024-05-17');
	});

	it('spendDateExpr gives null for text that is neither a date nor a month', async () => {
		expect(await spendDate('Q2')).toBeNull();
		expect(await spendDate('2024-13')).toBeNull();
	});
});

describe('cleanText', () => {
	it('cleanText trims and turns empty text into null', async () => {
		expect(await evaluate(cleanText(v), '  Ann ')).toBe('Ann');
		expect(await evaluate(cleanText(v), '   ')).toBeNull();
	});

	it('cleanText reads NA, N/A, null and a dash (any case, spaced) as missing, and nothing longer', async () => {
		for (const text of ['NA', ' n/a ', 'N/A', 'NULL', 'null', '-', '—', 'Na'])
			expect(await evaluate(cleanText(v), text)).toBeNull();
		for (const text of ['NAB', 'Nancy', 'n/a yet', '--', '-5', 'none'])
			expect(await evaluate(cleanText(v), text)).toBe(text);
	});

	it('a missing-value mark is not an unreadable number or date, while other text is', async () => {
		for (const statements of parseMacros()) await db.query(statements);
		for (const text of ['NA', 'N/A', 'null', '-', '—']) {
			expect(await evaluate(unreadNumber(v, '.'), text)).toBe(false);
			expect(await evaluate(unreadNumber(v, ','), text)).toBe(false);
			for (const family of DATE_FAMILIES)
				expect(await evaluate(unreadDate(v, family), text)).toBe(false);
		}
		expect(await evaluate(unreadNumber(v, '.'), 'NAB')).toBe(true);
		expect(await evaluate(unreadDate(v, 'iso'), 'soon')).toBe(true);
	});
});

describe('parseMacros', () => {
	// Values of every kind the expressions above read, and some they refuse.
	const texts = [
		'2024-05-06',
		' 2024-05-06T09:20:00+05:00 ',
		'2026-06-14 09:20 UTC',
		'5/6/2024',
		'13/02/24 10:15',
		'3/14/2024 1:05 PM',
		'06.05.2024 10:15:00',
		'2024.05.06',
		'2024/05/06 10:30',
		'2024-05',
		'05.2024',
		'0001-01-01',
		'1 200,50 ₽',
		'($1,200.00)',
		'1.234,56',
		'1.5E+06',
		'n/a',
		'',
		null
	];

	it('parseMacros defines macros that read every value as the expressions do', async () => {
		for (const statements of parseMacros()) await db.query(statements);
		for (const text of texts) {
			for (const family of DATE_FAMILIES) {
				expect(await evaluate(parseTimestamp(v, family), text)).toEqual(
					await evaluate(timestampExpr(v, family), text)
				);
				expect(await evaluate(parseDate(v, family), text)).toEqual(
					await evaluate(dateExpr(v, family), text)
				);
				expect(await evaluate(parseSpendDate(v, family), text)).toEqual(
					await evaluate(spendDateExpr(v, family), text)
				);
			}
			for (const decimal of ['.', ','] as const)
				expect(await evaluate(parseNumber(v, decimal), text)).toEqual(
					await evaluate(numberExpr(v, decimal), text)
				);
		}
	});

	it('parseDecimalVotes counts what decimalVotes counts', async () => {
		const over = (votes: { comma: Fragment; point: Fragment }) =>
			db.query(
				sql`SELECT ${votes.comma}::DOUBLE AS comma, ${votes.point}::DOUBLE AS point FROM (VALUES ('1.234,56'), ('1,234.56'), ('12,5'), ('3.75'), ('x')) AS t(v)`
			);
		expect(await over(parseDecimalVotes(v))).toEqual(await over(decimalVotes(v)));
		expect(await over(decimalVotes(v))).toEqual([{ comma: 2, point: 2 }]);
	});
});
