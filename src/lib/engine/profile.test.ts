import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeDb } from '../db/node';
import type { Db } from '../db/types';
import { dateExpr } from '../model/parse';
import { ident, join, raw, sql } from '../sql/sql';
import {
	confirmCounts,
	confirmFlags,
	guessFormats,
	profileColumns,
	settleFormats
} from './profile';

let db: Db;
beforeAll(async () => {
	db = await startNodeDb();
});
afterAll(async () => {
	await db?.close();
});

/** An all-text table `t` with the given columns (every value bound). */
async function table(columns: Record<string, (string | null)[]>): Promise<void> {
	const names = Object.keys(columns);
	const n = columns[names[0]].length;
	await db.query(sql`DROP TABLE IF EXISTS t`);
	await db.query(sql`CREATE TABLE t (${join(names.map((c) => sql`${ident(c)} VARCHAR`))})`);
	for (let i = 0; i < n; i++) {
		await db.query(sql`INSERT INTO t VALUES (${join(names.map((c) => columns[c][i]))})`);
	}
}

describe('profileColumns', () => {
	it('profileColumns takes month/day/year for a column no value decides, and says so naming the column', async () => {
		await table({ Created: ['01/02/2024', '03/04/2024', '11/12/2024'] });
		const p = await profileColumns(db, 't', { dates: ['Created'], numbers: [] });
		expect(p.formats.dates.Created).toBe('mdy');
		expect(p.notes).toEqual([
			'column "Created": no date has a day above 12, so the day/month order was taken as month/day/year (the default)'
		]);
	});

	it('profileColumns(…, {dateOrder}) takes the CRM hint or the user choice for an undecided column, and says where it came from', async () => {
		await table({ 'Дата создания': ['01/02/2024', '03/04/2024'] });
		const p = await profileColumns(db, 't', {
			dates: ['Дата создания'],
			numbers: [],
			dateOrder: 'dmy',
			dateOrderFrom: 'as Bitrix24 exports write dates'
		});
		expect(p.formats.dates['Дата создания']).toBe('dmy');
		expect(p.notes).toEqual([
			'column "Дата создания": no date has a day above 12, so the day/month order was taken as day/month/year (as Bitrix24 exports write dates)'
		]);
	});

	it('profileColumns decides the order from any value with a day above 12, over the hint, with no note', async () => {
		await table({ Created: ['01/02/2024', '03/04/2024', '25/04/2024'] });
		const p = await profileColumns(db, 't', {
			dates: ['Created'],
			numbers: [],
			dateOrder: 'mdy'
		});
		expect(p.formats.dates.Created).toBe('dmy');
		expect(p.notes).toEqual([]);
	});

	it('profileColumns recognises two-digit years, dotted dates, ISO with offsets and year-first slashes', async () => {
		await table({
			sf: ['06/14/26 09:20 AM', '12/31/25 11:59 PM', null],
			amo: ['14.06.2026 09:20:00', '01.02.2026 10:00:00', ''],
			iso: ['2026-06-14T09:20:00+05:00', '2026-06-15T10:30:00+05:00', '2026-06-16'],
			ymd: ['2026/06/15', '2026/07/01', '2026/12/31']
		});
		const p = await profileColumns(db, 't', { dates: ['sf', 'amo', 'iso', 'ymd'], numbers: [] });
		expect(p.formats.dates).toEqual({ sf: 'mdy', amo: 'dmy-dot', iso: 'iso', ymd: 'iso' });
		expect(p.notes).toEqual([]);
		for (const column of ['sf', 'amo', 'iso', 'ymd']) {
			const [{ n }] = await db.query<{ n: number }>(
				sql`SELECT count(${dateExpr(ident(column), p.formats.dates[column])})::DOUBLE AS n FROM t`
			);
			expect(n, column).toBe(column === 'sf' || column === 'amo' ? 2 : 3);
		}
	});

	it('profileColumns picks the decimal comma for Russian amounts with spaces and currency', async () => {
		await table({
			rub: ['1 200,50 ₽', '35 000 руб.', '99,9', '-1 000,00 р.'],
			usd: ['$1,200.50', '(300.00)', '1,000', '40.2k']
		});
		const p = await profileColumns(db, 't', { dates: [], numbers: ['rub', 'usd'] });
		expect(p.formats.decimals).toEqual({ rub: ',', usd: '.' });
	});
});

describe('guessFormats, confirmed as the columns are typed', () => {
	// 6,000 rows: the first 2,048 (the sample) do not show everything the rest holds.
	const late = (first: string, rest: string) =>
		raw(`CASE WHEN i <= 2048 THEN '${first}' ELSE '${rest}' END`);
	const options = {
		dates: ['tie_then_dmy', 'tie', 'iso_bad', 'iso_then_mdy'],
		numbers: ['point_then_comma', 'point']
	};

	it('settles every column as profileColumns decides it from all rows, counting again only where a value failed', async () => {
		await db.query(sql`CREATE OR REPLACE TABLE t AS SELECT
			CASE WHEN i = 6000 THEN '25/02/2024' ELSE '01/02/2024' END AS tie_then_dmy,
			'03/04/2024' AS tie,
			CASE WHEN i = 2500 THEN 'soon' ELSE '2024-01-05 10:00' END AS iso_bad,
			${late('2024-01-05', '5/6/2024')} AS iso_then_mdy,
			${late('1.5', '1.234,56')} AS point_then_comma,
			CASE WHEN i = 3000 THEN 'tbd' ELSE '2.25' END AS point
			FROM range(1, 6001) r(i)`);
		const guess = await guessFormats(db, 't', options);
		// From the first rows: the day/month order open (typed month first), a decimal point.
		expect(guess.formats).toEqual({
			dates: { tie_then_dmy: 'mdy', tie: 'mdy', iso_bad: 'iso', iso_then_mdy: 'iso' },
			decimals: { point_then_comma: '.', point: '.' }
		});

		// The typing statement carries the flags; one aggregate counts them.
		await db.query(
			sql`CREATE OR REPLACE TABLE typed AS SELECT ${confirmFlags(guess)} AS flags FROM t`
		);
		const [counts] = await db.query<Record<string, number>>(
			sql`SELECT ${join(confirmCounts(guess))} FROM typed`
		);
		const settled = await settleFormats(db, 't', guess, counts);
		// 25/02/2024 decides day first; every value of `tie` reads both ways; one ISO value is
		// unreadable; `iso_then_mdy` has 3,952 slashed values (either order) to 2,048 ISO ones;
		// the comma votes win (3,952 to 2,048), and `tbd` is not a number.
		expect(settled.formats).toEqual({
			dates: { tie_then_dmy: 'dmy', tie: 'mdy', iso_bad: 'iso', iso_then_mdy: 'mdy' },
			decimals: { point_then_comma: ',', point: '.' }
		});
		expect(settled.unparsed).toEqual({ tie_then_dmy: 0, tie: 0, iso_bad: 1, iso_then_mdy: 2048 });
		const tie = (column: string) =>
			`column "${column}": no date has a day above 12, so the day/month order was taken as month/day/year (the default)`;
		expect(settled.notes).toEqual([tie('tie'), tie('iso_then_mdy')]);
		expect(settled.numbers.point.unparsed).toBe(1);
		expect(settled.changed).toBe(true);
		expect([...settled.recounted]).toEqual(['point_then_comma']);

		// The same as the profile counted over every row in a pass of its own.
		const reference = await profileColumns(db, 't', options);
		expect(settled.formats).toEqual(reference.formats);
		expect(settled.unparsed).toEqual(reference.unparsed);
		expect(settled.notes).toEqual(reference.notes);
		for (const name of options.numbers)
			expect(settled.numbers[name].unparsed).toBe(reference.numbers[name].unparsed);
		expect(settled.numbers.point_then_comma.max).toBe(reference.numbers.point_then_comma.max);
	});

	it('types nothing again when every value read as the first rows said', async () => {
		await db.query(sql`CREATE OR REPLACE TABLE t AS SELECT
			'2024-01-05' AS created, ${late('10.5', '7')} AS amount FROM range(1, 3001) r(i)`);
		const opts = { dates: ['created'], numbers: ['amount'] };
		const guess = await guessFormats(db, 't', opts);
		await db.query(
			sql`CREATE OR REPLACE TABLE typed AS SELECT ${confirmFlags(guess)} AS flags FROM t`
		);
		const [counts] = await db.query<Record<string, number>>(
			sql`SELECT ${join(confirmCounts(guess))} FROM typed`
		);
		const settled = await settleFormats(db, 't', guess, counts);
		expect(settled.changed).toBe(false);
		expect(settled.formats).toEqual({ dates: { created: 'iso' }, decimals: { amount: '.' } });
		expect(settled.unparsed).toEqual({ created: 0 });
		expect(settled.numbers.amount.unparsed).toBe(0);
	});
});
