import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeDb } from '../db/node';
import type { Db } from '../db/types';
import { dateExpr } from '../model/parse';
import { ident, join, sql } from '../sql/sql';
import { profileColumns } from './profile';

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
