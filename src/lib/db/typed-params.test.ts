import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '../sql/sql';
import { startNodeDb } from './node';
import { typedParams } from './typed-params';
import type { Db } from './types';

describe('typedParams', () => {
	it('types each placeholder as its value is sent, and puts NULL for a null', () => {
		const typed = typedParams(
			sql`SELECT ${'a'} AS s, CAST(${'2024-01-31'} AS DATE) AS d, ${2} AS n, ${true} AS b, ${null} AS z`
		);
		expect(typed.text).toBe(
			'SELECT CAST(? AS VARCHAR) AS s, CAST(CAST(? AS VARCHAR) AS DATE) AS d, CAST(? AS DOUBLE) AS n, CAST(? AS BOOLEAN) AS b, NULL AS z'
		);
		expect(typed.params).toEqual(['a', '2024-01-31', 2, true]);
	});

	it('leaves a ? inside a string literal, a quoted identifier or a comment alone', () => {
		const typed = typedParams(
			sql`SELECT 'is it?' AS "what?", 'it''s ?' AS x -- why?
			, ${'v'} AS "a""?"`
		);
		expect(typed.text).toBe(`SELECT 'is it?' AS "what?", 'it''s ?' AS x -- why?
			, CAST(? AS VARCHAR) AS "a""?"`);
		expect(typed.params).toEqual(['v']);
	});

	it('refuses a statement whose placeholders and values do not match', () => {
		expect(() => typedParams({ ...sql`SELECT 1`, text: 'SELECT ?, ?', params: [1] })).toThrow(
			/placeholders/
		);
		expect(() => typedParams({ ...sql`SELECT 1`, text: 'SELECT 1', params: [1] })).toThrow(
			/values/
		);
	});
});

describe('a kept read with typed placeholders', () => {
	let db: Db;
	beforeAll(async () => {
		db = await startNodeDb();
		await db.query(
			sql`CREATE TABLE t AS SELECT * FROM (VALUES (1, DATE '2024-01-05'), (2, DATE '2024-02-05'), (3, NULL)) v(n, d)`
		);
	});
	afterAll(async () => {
		await db?.close();
	});

	it('gives what the untyped statement gives, for other values and for null', async () => {
		const q = (from: string | null, min: number) =>
			db.query(
				sql`SELECT count(*)::DOUBLE AS c FROM t WHERE (d >= CAST(${from} AS DATE) OR ${from} IS NULL) AND n >= ${min}`
			);
		expect(await q('2024-01-01', 1)).toEqual([{ c: 2 }]);
		expect(await q('2024-02-01', 1)).toEqual([{ c: 1 }]);
		expect(await q(null, 2)).toEqual([{ c: 2 }]);
		expect(await q('2024-01-01', 2)).toEqual([{ c: 1 }]);
	});
});
