import type { Db } from '../db/types';
import type { DateOrder } from '../model/config';
import type { ColumnFormats } from '../model/canonical';
import {
	DATE_FAMILIES,
	cleanText,
	decimalVotes,
	timestampExpr,
	type DateFamily
} from '../model/parse';
import { ident, join, raw, sql, type Fragment } from '../sql/sql';

export interface Profile {
	formats: ColumnFormats;
	/** Notes on choices the data did not settle (a day/month order no value decides). */
	notes: string[];
	/**
	 * Per date column, how many values have text but do not parse in the chosen family: where
	 * this is 0 the parse audit has nothing to find and skips the column.
	 */
	unparsed: Record<string, number>;
}

/**
 * Decide, per column and from all of its values, how dates and numbers are written: the date
 * family that parses the most values (day/month order from values where a part exceeds 12), and
 * the decimal mark that explains the most numbers.
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
	const dateCols = [...new Set(dates)];
	const numberCols = [...new Set(numbers)];
	const selects: Fragment[] = [raw('count(*)::DOUBLE AS "rows"')];
	dateCols.forEach((name, i) => {
		const c = ident(name);
		selects.push(sql`count(${cleanText(c)})::DOUBLE AS ${ident(`d${i}_n`)}`);
		for (const fam of DATE_FAMILIES) {
			selects.push(sql`count(${timestampExpr(c, fam)})::DOUBLE AS ${ident(`d${i}_${fam}`)}`);
		}
	});
	numberCols.forEach((name, i) => {
		const votes = decimalVotes(ident(name));
		selects.push(sql`${votes.comma}::DOUBLE AS ${ident(`n${i}_comma`)}`);
		selects.push(sql`${votes.point}::DOUBLE AS ${ident(`n${i}_point`)}`);
	});
	const [counts] = await db.query<Record<string, number>>(
		sql`SELECT ${join(selects)} FROM ${ident(table)}`
	);
	const formats: ColumnFormats = { dates: {}, decimals: {} };
	const notes: string[] = [];
	const unparsed: Record<string, number> = {};
	dateCols.forEach((name, i) => {
		let best: DateFamily = 'iso';
		let bestCount = -1;
		for (const fam of DATE_FAMILIES) {
			const n = counts[`d${i}_${fam}`];
			if (n > bestCount) [best, bestCount] = [fam, n];
		}
		const mdy = counts[`d${i}_mdy`];
		const dmy = counts[`d${i}_dmy`];
		if ((best === 'mdy' || best === 'dmy') && mdy === dmy && mdy > 0) {
			best = dateOrder ?? 'mdy';
			const from = dateOrder ? (dateOrderFrom ?? 'the expected order') : 'the default';
			notes.push(
				`column "${name}": no date has a day above 12, so the day/month order was taken as ${best === 'mdy' ? 'month/day/year' : 'day/month/year'} (${from})`
			);
		}
		formats.dates[name] = best;
		unparsed[name] = counts[`d${i}_n`] - counts[`d${i}_${best}`];
	});
	numberCols.forEach((name, i) => {
		formats.decimals[name] = counts[`n${i}_comma`] > counts[`n${i}_point`] ? ',' : '.';
	});
	return { formats, notes, unparsed };
}
