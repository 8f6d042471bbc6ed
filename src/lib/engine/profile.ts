import type { Db } from '../db/types';
import type { DateOrder } from '../model/config';
import type { ColumnFormats } from '../model/canonical';
import {
	DATE_FAMILIES,
	cleanText,
	decimalLikeValue,
	parseDecimalVotes,
	parseNumber,
	parseTimestamp,
	unreadDate,
	unreadNumber,
	type DateFamily
} from '../model/parse';
import { ident, join, raw, sql, type Fragment } from '../sql/sql';
import { withParseMacros } from './parse-macros';

export interface Profile {
	formats: ColumnFormats;
	/** Notes on choices the data did not settle (a day/month order no value decides). */
	notes: string[];
	/**
	 * Per date column, how many values have text but do not parse in the chosen family: where
	 * this is 0 the parse audit has nothing to find and skips the column.
	 */
	unparsed: Record<string, number>;
	/**
	 * Per number column, read with the decimal mark chosen: how many values have text but do not
	 * read (where 0, the parse audit skips the column), and the largest value.
	 */
	numbers: Record<string, { unparsed: number; max: number | null }>;
}

/** Rows a date column's family is first decided from (then confirmed on every row). */
export const PROFILE_SAMPLE_ROWS = 2048;

type DateCounts = Record<DateFamily | 'n', number>;

/**
 * Decide, per column, how dates and numbers are written, as if from all of its values: the date
 * family that parses the most values (day/month order from values where a part exceeds 12), and
 * the decimal mark that explains the most numbers.
 *
 * The families are tried on the first rows only (`PROFILE_SAMPLE_ROWS`), then one pass over every
 * row counts the values that do not parse in the family chosen, with the decimal votes. A column
 * whose every value parses keeps that family: a family listed before it would have parsed the
 * sample as well and been chosen, and one after it cannot parse more. Only the columns where a
 * value failed, or whose sample left the day/month order open, are counted in every family over
 * every row (a third statement, for those columns alone). Each statement names every column once
 * or twice and calls the parse macros, so its text stays small whatever the column count.
 */
export async function profileColumns(
	db: Db,
	table: string,
	{
		dates,
		numbers,
		dateOrder,
		dateOrderFrom
	}: {
		dates: string[];
		numbers: string[];
		/** The day/month order for columns no value decides (the user's choice or the CRM's locale). */
		dateOrder?: DateOrder;
		/** Where `dateOrder` came from, for the note (e.g. "the Bitrix24 export format"). */
		dateOrderFrom?: string;
	}
): Promise<Profile> {
	await withParseMacros(db);
	const dateCols = [...new Set(dates)];
	const numberCols = [...new Set(numbers)];
	const sample = await familyCounts(db, table, dateCols, PROFILE_SAMPLE_ROWS);
	// The families counted over every row: all columns when the sample was the whole table.
	const full = new Map<string, DateCounts>();
	const chosen = new Map<string, DateFamily>();
	const open: string[] = [];
	for (const name of dateCols) {
		const c = sample.counts.get(name);
		if (sample.whole) full.set(name, c ?? NO_VALUES);
		else {
			const best = c ? bestFamily(c) : 'iso';
			if ((best === 'mdy' || best === 'dmy') && c?.mdy === c?.dmy) open.push(name);
			else chosen.set(name, best);
		}
	}
	// Every row: the values each chosen family leaves unread, the open columns in every family,
	// and the decimal votes.
	const selects: Fragment[] = [];
	const decided = [...chosen];
	decided.forEach(([name, fam], i) => {
		const c = ident(name);
		selects.push(
			sql`(count(${cleanText(c)}) - count(${parseTimestamp(c, fam)}))::DOUBLE AS ${ident(`u${i}`)}`
		);
	});
	open.forEach((name, i) => selects.push(...everyFamily(ident(name), `o${i}`)));
	numberCols.forEach((name, i) => {
		const votes = parseDecimalVotes(ident(name));
		selects.push(sql`${votes.comma}::DOUBLE AS ${ident(`n${i}_comma`)}`);
		selects.push(sql`${votes.point}::DOUBLE AS ${ident(`n${i}_point`)}`);
		// Read with either mark, as the votes will choose.
		selects.push(...readEitherMark(name, `n${i}`));
	});
	const [counts] = selects.length
		? await db.query<Record<string, number>>(sql`SELECT ${join(selects)} FROM ${ident(table)}`)
		: [{} as Record<string, number>];
	open.forEach((name, i) => full.set(name, familyRow(counts, `o${i}`)));
	const failed = decided.filter((_, i) => counts[`u${i}`] > 0).map(([name]) => name);
	if (failed.length > 0) {
		const [again] = await db.query<Record<string, number>>(
			sql`SELECT ${join(failed.flatMap((name, i) => everyFamily(ident(name), `f${i}`)))} FROM ${ident(table)}`
		);
		failed.forEach((name, i) => full.set(name, familyRow(again, `f${i}`)));
	}

	const formats: ColumnFormats = { dates: {}, decimals: {} };
	const notes: string[] = [];
	const unparsed: Record<string, number> = {};
	for (const name of dateCols) {
		const c = full.get(name);
		if (c === undefined) {
			// Confirmed: every value with text parses in the sample's family.
			formats.dates[name] = chosen.get(name) ?? 'iso';
			unparsed[name] = 0;
			continue;
		}
		let best = bestFamily(c);
		if ((best === 'mdy' || best === 'dmy') && c.mdy === c.dmy && c.mdy > 0) {
			best = dateOrder ?? 'mdy';
			const from = dateOrder ? (dateOrderFrom ?? 'the expected order') : 'the default';
			notes.push(
				`column "${name}": no date has a day above 12, so the day/month order was taken as ${best === 'mdy' ? 'month/day/year' : 'day/month/year'} (${from})`
			);
		}
		formats.dates[name] = best;
		unparsed[name] = c.n - c[best];
	}
	const numberFacts: Profile['numbers'] = {};
	numberCols.forEach((name, i) => {
		const comma = counts[`n${i}_comma`] > counts[`n${i}_point`];
		formats.decimals[name] = comma ? ',' : '.';
		const key = comma ? 'comma' : 'point';
		numberFacts[name] = {
			unparsed: counts[`n${i}_${key}_unread`],
			max: counts[`n${i}_${key}_max`]
		};
	});
	return { formats, notes, unparsed, numbers: numberFacts };
}

/** The family that parses the most values; the first listed wins a tie. */
function bestFamily(c: DateCounts): DateFamily {
	let best: DateFamily = 'iso';
	let bestCount = -1;
	for (const fam of DATE_FAMILIES) {
		if (c[fam] > bestCount) [best, bestCount] = [fam, c[fam]];
	}
	return best;
}

/** Counts of a column's values with text and of those each family parses, named `prefix_…`. */
function everyFamily(c: Fragment, prefix: string): Fragment[] {
	return [
		sql`count(${cleanText(c)})::DOUBLE AS ${ident(`${prefix}_n`)}`,
		...DATE_FAMILIES.map(
			(fam, k) => sql`count(${parseTimestamp(c, fam)})::DOUBLE AS ${ident(`${prefix}_${k}`)}`
		)
	];
}

function familyRow(row: Record<string, number>, prefix: string): DateCounts {
	const out = { n: Number(row[`${prefix}_n`]) } as DateCounts;
	DATE_FAMILIES.forEach((fam, k) => (out[fam] = Number(row[`${prefix}_${k}`])));
	return out;
}

const NO_VALUES: DateCounts = {
	n: 0,
	iso: 0,
	mdy: 0,
	dmy: 0,
	'dmy-dot': 0,
	'ymd-dot': 0,
	'ymd-slash': 0
};

/**
 * Per column, its values with text and those each family parses, over the first `rows` rows
 * (`whole` when those are all the rows): one statement that names each column once (the columns
 * turned into rows of name and value; empty values are not counted).
 */
async function familyCounts(
	db: Db,
	table: string,
	columns: readonly string[],
	rows: number
): Promise<{ counts: Map<string, DateCounts>; whole: boolean }> {
	if (columns.length === 0) return { counts: new Map(), whole: true };
	const v = raw('v');
	const found = await db.query<Record<string, number | string>>(sql`
		SELECT name, ${join(everyFamily(v, 'c'))},
			(SELECT count(*) FROM ${ident(table)})::DOUBLE AS total
		FROM (UNPIVOT (SELECT ${join(columns.map((c) => ident(c)))} FROM ${ident(table)} LIMIT ${raw(String(rows))})
			ON COLUMNS(*) INTO NAME name VALUE v)
		GROUP BY name`);
	return {
		counts: new Map(
			found.map((r) => [String(r.name), familyRow(r as Record<string, number>, 'c')])
		),
		// Without a single value in the sample, the size of the table is not known here.
		whole: found.length > 0 && Number(found[0].total) <= rows
	};
}

/**
 * Formats decided from the first rows (`guessFormats`), confirmed by the statement that types the
 * columns: it carries per row which values did not read (`confirmFlags`), one aggregate counts
 * them (`confirmCounts`), and `settleFormats` counts again, over every row and in every format,
 * only the columns where a value failed. The result is the profile `profileColumns` gives.
 */
export interface FormatGuess {
	/** The formats to type with. */
	formats: ColumnFormats;
	dates: string[];
	numbers: string[];
	/** Date families counted over every row already (the sample was the whole table). */
	full: Map<string, DateCounts>;
	/**
	 * Columns the sample left between the day/month orders, typed in `dateOrder ?? 'mdy'`: the
	 * other order, whose failures tell whether any value decides.
	 */
	open: Map<string, DateFamily>;
	dateOrder?: DateOrder;
	dateOrderFrom?: string;
	/** Per number column, the largest value of the first rows read with the guessed mark. */
	sampleMax: Record<string, number | null>;
}

/** The first rows' formats, in one statement (see `FormatGuess`). */
export async function guessFormats(
	db: Db,
	table: string,
	options: { dates: string[]; numbers: string[]; dateOrder?: DateOrder; dateOrderFrom?: string }
): Promise<FormatGuess> {
	await withParseMacros(db);
	const dates = [...new Set(options.dates)];
	const numbers = [...new Set(options.numbers)];
	const t = ident(table);
	const rows = raw(String(PROFILE_SAMPLE_ROWS));
	const numberSelects = numbers.flatMap((name, i) => {
		const votes = parseDecimalVotes(ident(name));
		return [
			sql`${votes.comma}::DOUBLE AS ${ident(`n${i}_comma`)}`,
			sql`${votes.point}::DOUBLE AS ${ident(`n${i}_point`)}`,
			sql`max(${parseNumber(ident(name), '.')}) AS ${ident(`n${i}_point_max`)}`,
			sql`max(${parseNumber(ident(name), ',')}) AS ${ident(`n${i}_comma_max`)}`
		];
	});
	const head = numbers.length
		? sql`(SELECT ${join([...numberSelects, sql`(SELECT count(*) FROM ${t})::DOUBLE AS __total`])}
			FROM (SELECT ${join(numbers.map((n) => ident(n)))} FROM ${t} LIMIT ${rows}))`
		: sql`(SELECT (SELECT count(*) FROM ${t})::DOUBLE AS __total)`;
	const v = raw('v');
	const found = await db.query<Record<string, number | string | null>>(
		dates.length
			? sql`SELECT * FROM ${head} h LEFT JOIN (
				SELECT name AS __name, ${join(everyFamily(v, 'c'))}
				FROM (UNPIVOT (SELECT ${join(dates.map((c) => ident(c)))} FROM ${t} LIMIT ${rows})
					ON COLUMNS(*) INTO NAME name VALUE v)
				GROUP BY name) d ON true`
			: sql`SELECT * FROM ${head} h`
	);
	const whole = Number(found[0]?.__total ?? 0) <= PROFILE_SAMPLE_ROWS;
	const counts = new Map(
		found
			.filter((r) => r.__name !== null && r.__name !== undefined)
			.map((r) => [String(r.__name), familyRow(r as Record<string, number>, 'c')])
	);
	const formats: ColumnFormats = { dates: {}, decimals: {} };
	const full = new Map<string, DateCounts>();
	const open = new Map<string, DateFamily>();
	for (const name of dates) {
		const c = counts.get(name);
		if (whole) {
			const all = c ?? NO_VALUES;
			full.set(name, all);
			const best = bestFamily(all);
			// Typed as `settleFormats` will decide (a tie no value decides takes the order given).
			const tied = (best === 'mdy' || best === 'dmy') && all.mdy === all.dmy && all.mdy > 0;
			formats.dates[name] = tied ? (options.dateOrder ?? 'mdy') : best;
			continue;
		}
		const best = c ? bestFamily(c) : 'iso';
		if ((best === 'mdy' || best === 'dmy') && c?.mdy === c?.dmy) {
			const typed = options.dateOrder ?? 'mdy';
			formats.dates[name] = typed;
			open.set(name, typed === 'mdy' ? 'dmy' : 'mdy');
		} else formats.dates[name] = best;
	}
	const first = found[0] ?? {};
	const sampleMax: Record<string, number | null> = {};
	numbers.forEach((name, i) => {
		const comma = Number(first[`n${i}_comma`] ?? 0) > Number(first[`n${i}_point`] ?? 0);
		formats.decimals[name] = comma ? ',' : '.';
		const max = first[`n${i}_${comma ? 'comma' : 'point'}_max`];
		sampleMax[name] = max === null || max === undefined ? null : Number(max);
	});
	return {
		formats,
		sampleMax,
		dates,
		numbers,
		full,
		open,
		dateOrder: options.dateOrder,
		dateOrderFrom: options.dateOrderFrom
	};
}

/**
 * The per-row flags the typing statement carries (a struct, or NULL when nothing is left to
 * confirm): a value with text the guessed format does not read, per date column (columns in
 * `grouped` are counted together, by `groupText`: their values with text, which the caller
 * compares with those it read), a value the other day/month order does not read (the open
 * columns), and per number column its decimal votes and a value that does not read.
 */
export function confirmFlags(
	guess: FormatGuess,
	grouped: ReadonlySet<string> = new Set(),
	groupText?: Fragment
): Fragment {
	const fields: Fragment[] = [];
	const field = (key: string, value: Fragment) => sql`${raw(`'${key}'`)}: ${value}`;
	guess.dates.forEach((name, i) => {
		if (guess.full.has(name)) return;
		if (!grouped.has(name))
			fields.push(field(`d${i}`, unreadDate(ident(name), guess.formats.dates[name] ?? 'iso')));
		const other = guess.open.get(name);
		if (other) fields.push(field(`o${i}`, unreadDate(ident(name), other)));
	});
	guess.numbers.forEach((name, i) => {
		const like = decimalLikeValue(ident(name));
		fields.push(
			field(`c${i}`, like.comma),
			field(`p${i}`, like.point),
			field(`u${i}`, unreadNumber(ident(name), guess.formats.decimals[name] ?? '.'))
		);
	});
	if (groupText && grouped.size > 0) fields.push(field('texts', groupText));
	return fields.length ? sql`{${join(fields)}}` : raw('CAST(NULL AS INTEGER)');
}

/**
 * The counts of `confirmFlags` over the typed table (its flags in column `flags`); `groupRead`
 * is how many grouped values the typed table read (see `confirmFlags`).
 */
export function confirmCounts(
	guess: FormatGuess,
	grouped: ReadonlySet<string> = new Set(),
	groupRead?: Fragment
): Fragment[] {
	const flag = (key: string) => sql`struct_extract(flags, ${raw(`'${key}'`)})`;
	const count = (key: string) =>
		sql`count(*) FILTER (WHERE ${flag(key)})::DOUBLE AS ${ident(`confirm_${key}`)}`;
	const out: Fragment[] = [];
	guess.dates.forEach((name, i) => {
		if (guess.full.has(name)) return;
		if (!grouped.has(name)) out.push(count(`d${i}`));
		if (guess.open.has(name)) out.push(count(`o${i}`));
	});
	guess.numbers.forEach((_, i) => out.push(count(`c${i}`), count(`p${i}`), count(`u${i}`)));
	if (groupRead && grouped.size > 0)
		out.push(
			sql`(COALESCE(sum(${flag('texts')}), 0) - COALESCE(sum(${groupRead}), 0))::DOUBLE AS confirm_texts`
		);
	return out;
}

/** The profile settled from the confirmed guess (see `FormatGuess`). */
export interface Settled extends Profile {
	/** Whether a format differs from the guess: the columns must be typed again. */
	changed: boolean;
	/** Number columns counted again (a decimal mark the votes changed): their `max` is known. */
	recounted: Set<string>;
}

/**
 * Settle the formats from the counts of `confirmCounts` (as `confirm_…` keys): a column whose
 * every value read keeps the guess; the others are counted over every row in every format, in
 * one statement, and decided as `profileColumns` decides them.
 */
export async function settleFormats(
	db: Db,
	table: string,
	guess: FormatGuess,
	counts: Record<string, number>,
	grouped: ReadonlySet<string> = new Set()
): Promise<Settled> {
	const got = (key: string) => Number(counts[`confirm_${key}`] ?? 0);
	const full = new Map(guess.full);
	const failed = guess.dates.filter(
		(name, i) => !full.has(name) && (grouped.has(name) ? got('texts') > 0 : got(`d${i}`) > 0)
	);
	const remarked = guess.numbers.filter(
		(name, i) => (got(`c${i}`) > got(`p${i}`) ? ',' : '.') !== guess.formats.decimals[name]
	);
	const selects = failed.flatMap((name, i) => everyFamily(ident(name), `f${i}`));
	remarked.forEach((name, i) => selects.push(...readEitherMark(name, `m${i}`)));
	const [again] = selects.length
		? await db.query<Record<string, number>>(sql`SELECT ${join(selects)} FROM ${ident(table)}`)
		: [{} as Record<string, number>];
	failed.forEach((name, i) => full.set(name, familyRow(again, `f${i}`)));

	const formats: ColumnFormats = { dates: {}, decimals: {} };
	const notes: string[] = [];
	const unparsed: Record<string, number> = {};
	const { dateOrder, dateOrderFrom } = guess;
	const tie = (name: string, best: DateFamily) => {
		const from = dateOrder ? (dateOrderFrom ?? 'the expected order') : 'the default';
		notes.push(
			`column "${name}": no date has a day above 12, so the day/month order was taken as ${best === 'mdy' ? 'month/day/year' : 'day/month/year'} (${from})`
		);
	};
	guess.dates.forEach((name, i) => {
		const c = full.get(name);
		if (c === undefined) {
			// Every value with text read in the guessed family. An open column's other order
			// reading every value too is the tie no value decides.
			const fam = guess.formats.dates[name] ?? 'iso';
			formats.dates[name] = fam;
			unparsed[name] = 0;
			if (guess.open.has(name) && got(`o${i}`) === 0) tie(name, fam);
			return;
		}
		let best = bestFamily(c);
		if ((best === 'mdy' || best === 'dmy') && c.mdy === c.dmy && c.mdy > 0) {
			best = dateOrder ?? 'mdy';
			tie(name, best);
		}
		formats.dates[name] = best;
		unparsed[name] = c.n - c[best];
	});
	const numbers: Profile['numbers'] = {};
	guess.numbers.forEach((name, i) => {
		const r = remarked.indexOf(name);
		if (r < 0) {
			formats.decimals[name] = guess.formats.decimals[name] ?? '.';
			numbers[name] = { unparsed: got(`u${i}`), max: null };
			return;
		}
		const comma = got(`c${i}`) > got(`p${i}`);
		formats.decimals[name] = comma ? ',' : '.';
		const key = comma ? 'comma' : 'point';
		numbers[name] = { unparsed: again[`m${r}_${key}_unread`], max: again[`m${r}_${key}_max`] };
	});
	const changed =
		guess.dates.some((name) => formats.dates[name] !== guess.formats.dates[name]) ||
		remarked.length > 0;
	return { formats, notes, unparsed, numbers, changed, recounted: new Set(remarked) };
}

/**
 * A number column read with `.` and with `,` as the decimal mark: per mark, the values that did
 * not read (`<prefix>_point_unread`, `<prefix>_comma_unread`) and the largest (`…_max`).
 */
function readEitherMark(name: string, prefix: string): Fragment[] {
	return (
		[
			['.', 'point'],
			[',', 'comma']
		] as const
	).flatMap(([mark, key]) => {
		const n = parseNumber(ident(name), mark);
		return [
			sql`(count(${cleanText(ident(name))}) - count(${n}))::DOUBLE AS ${ident(`${prefix}_${key}_unread`)}`,
			sql`max(${n}) AS ${ident(`${prefix}_${key}_max`)}`
		];
	});
}
