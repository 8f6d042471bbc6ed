import { describe, expect, it } from 'vitest';
import { useNodeDb } from '../../../tests/unit/node-db';
import { ident, isFragment, join, list, raw, sql } from './sql';

describe('sql', () => {
	it('sql`…` binds every plain value as ? and keeps the values in order', () => {
		const q = sql`SELECT * FROM deals WHERE owner = ${'Ann'} AND amount > ${100} AND won = ${true} OR x IS ${null}`;
		expect(q.text).toBe('SELECT * FROM deals WHERE owner = ? AND amount > ? AND won = ? OR x IS ?');
		expect(q.params).toEqual(['Ann', 100, true, null]);
	});

	it('sql`…` splices a fragment’s text in place and its params between the outer ones', () => {
		const inner = sql`amount BETWEEN ${2} AND ${3}`;
		const q = sql`SELECT ${1} WHERE ${inner} AND owner = ${4}`;
		expect(q.text).toBe('SELECT ? WHERE amount BETWEEN ? AND ? AND owner = ?');
		expect(q.params).toEqual([1, 2, 3, 4]);
	});

	it('sql`…` never splices a string that only looks like SQL', () => {
		const q = sql`SELECT ${'1; DROP TABLE deals'}`;
		expect(q.text).toBe('SELECT ?');
		expect(q.params).toEqual(['1; DROP TABLE deals']);
	});

	it('isFragment(value) is true for fragments only, not for look-alike objects', () => {
		expect(isFragment(sql`x`)).toBe(true);
		expect(isFragment(raw('x'))).toBe(true);
		expect(isFragment({ text: 'x', params: [] })).toBe(false);
		expect(isFragment('x')).toBe(false);
	});

	it('ident(name) wraps in double quotes and doubles inner quotes', () => {
		expect(ident('owner').text).toBe('"owner"');
		expect(ident('a"b').text).toBe('"a""b"');
		expect(ident('"').text).toBe('""""');
		expect(ident('x').params).toEqual([]);
	});

	it('ident(name) rejects a NUL character', () => {
		expect(() => ident('a\0b')).toThrow(/NUL/);
	});

	it('join(parts, separator) binds plain values and splices fragments, params in order', () => {
		const q = join([ident('a'), 1, sql`${2} + ${3}`, 'x'], ' | ');
		expect(q.text).toBe('"a" | ? | ? + ? | ?');
		expect(q.params).toEqual([1, 2, 3, 'x']);
	});

	it('list(values) expands to one ? per value', () => {
		const q = list(['a', 'b', 'c']);
		expect(q.text).toBe('(?, ?, ?)');
		expect(q.params).toEqual(['a', 'b', 'c']);
		expect(list([7]).text).toBe('(?)');
	});

	it('list([]) is (NULL), with no params', () => {
		expect(list([]).text).toBe('(NULL)');
		expect(list([]).params).toEqual([]);
	});
});

describe('sql statements run through the real engine', () => {
	const db = useNodeDb();

	const letters = raw(`(VALUES ('a'), ('b'), ('c'), (NULL)) AS t(v)`);

	it('list(values) keeps exactly the rows whose value is in the list', async () => {
		const rows = await db.query(
			sql`SELECT v FROM ${letters} WHERE v IN ${list(['c', 'a', 'zz'])} ORDER BY v`
		);
		expect(rows.map((r) => r.v)).toEqual(['a', 'c']);
	});

	it('list([]) in IN matches nothing, not even NULL', async () => {
		const rows = await db.query(sql`SELECT v FROM ${letters} WHERE v IN ${list([])}`);
		expect(rows).toEqual([]);
	});

	it("a bound value containing `'); DROP TABLE x; --` is stored as text, not executed", async () => {
		const evil = `'); DROP TABLE x; --`;
		await db.query(sql`CREATE TABLE x (v VARCHAR)`);
		await db.query(sql`INSERT INTO x VALUES (${evil})`);
		await db.query(sql`INSERT INTO x SELECT ${evil} || ${'"; DROP TABLE x; --'}`);
		const rows = await db.query(sql`SELECT v FROM x ORDER BY v`);
		expect(rows.map((r) => r.v)).toEqual([`'); DROP TABLE x; --"; DROP TABLE x; --`, evil].sort());
		const [{ n }] = await db.query(sql`SELECT count(*)::DOUBLE AS n FROM x WHERE v = ${evil}`);
		expect(n).toBe(1);
	});

	it('ident(name) with " and ; in the name works as a table and column name', async () => {
		const table = 'deals"; DROP TABLE x; --';
		const column = 'amount "USD"; total';
		await db.query(sql`CREATE TABLE ${ident(table)} (${ident(column)} DOUBLE)`);
		await db.query(sql`INSERT INTO ${ident(table)} (${ident(column)}) VALUES (${1.5}), (${2})`);
		const described = await db.query<{ column_name: string }>(sql`DESCRIBE ${ident(table)}`);
		expect(described.map((r) => r.column_name)).toEqual([column]);
		const [{ total }] = await db.query(
			sql`SELECT sum(${ident(column)}) AS total FROM ${ident(table)}`
		);
		expect(total).toBe(3.5);
		// Table x from the previous test is still there.
		const [{ n }] = await db.query(sql`SELECT count(*)::DOUBLE AS n FROM x`);
		expect(n).toBe(2);
	});

	it('ident(name) of a column name that is a SQL keyword selects the column', async () => {
		const [row] = await db.query(
			sql`SELECT ${ident('select')} FROM (VALUES (${'kept'})) AS t(${ident('select')})`
		);
		expect(row).toEqual({ select: 'kept' });
	});
});
