import type { Db } from '../db/types';
import type { DateOrder } from '../model/config';
import type { ColumnFormats } from '../model/canonical';
import {
	DATE_FAMILIES,
	cleanText,
	parseDecimalVotes,
	parseNumber,
	parseTimestamp,
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
		for (const [mark, key] of [
			['.', 'point'],
			[',', 'comma']
		] as const) {
			const n = parseNumber(ident(name), mark);
			selects.push(
				sql`(count(${cleanText(ident(name))}) - count(${n}))::DOUBLE AS ${ident(`n${i}_${key}_unread`)}`,
				sql`max(${n}) AS ${ident(`n${i}_${key}_max`)}`
			);
		}
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
