import { describe, expect, it } from 'vitest';
import { useNodeDb } from '../../../tests/unit/node-db';
import { sql } from '../sql/sql';
import { isCachedRead, isKept, StatementCache } from './statement-cache';

/** A cache over fake statements that records what was prepared and closed. */
function fake(capacity?: number) {
	const prepared: string[] = [];
	const closed: string[] = [];
	const cache = new StatementCache<string>({
		prepare: async (text) => {
			if (text === 'bad') throw new Error('cannot prepare');
			prepared.push(text);
			return text;
		},
		close: async (text) => {
			closed.push(text);
		},
		capacity
	});
	return { cache, prepared, closed };
}

describe('StatementCache', () => {
	it('prepares a statement run twice once', async () => {
		const { cache, prepared } = fake();
		expect(await cache.run('a', async (s) => s + 1)).toBe('a1');
		expect(await cache.run('a', async (s) => s + 2)).toBe('a2');
		expect(prepared).toEqual(['a']);
		expect(cache.prepares).toBe(1);
	});

	it('prepares once when the same text runs twice at the same time', async () => {
		const { cache, prepared } = fake();
		await Promise.all([cache.run('a', async () => 1), cache.run('a', async () => 2)]);
		expect(prepared).toEqual(['a']);
	});

	it('closes the least recently used statement beyond its capacity', async () => {
		const { cache, closed } = fake(2);
		await cache.run('a', async () => 0);
		await cache.run('b', async () => 0);
		await cache.run('a', async () => 0);
		await cache.run('c', async () => 0);
		expect(closed).toEqual(['b']);
		expect(cache.size).toBe(2);
	});

	it('closes everything on clear, and prepares again after it', async () => {
		const { cache, prepared, closed } = fake();
		await cache.run('a', async () => 0);
		await cache.run('b', async () => 0);
		await cache.clear();
		expect(closed.sort()).toEqual(['a', 'b']);
		await cache.run('a', async () => 0);
		expect(prepared).toEqual(['a', 'b', 'a']);
	});

	it('closes a statement cleared while in use only when its run ends', async () => {
		const { cache, closed } = fake();
		let release = () => {};
		const running = cache.run('a', () => new Promise<void>((r) => (release = r)));
		await Promise.resolve();
		await cache.clear();
		expect(closed).toEqual([]);
		release();
		await running;
		expect(closed).toEqual(['a']);
	});

	it('drops every statement after an error, a failed prepare included', async () => {
		const { cache, closed } = fake();
		await cache.run('a', async () => 0);
		await expect(cache.run('bad', async () => 0)).rejects.toThrow('cannot prepare');
		expect(closed).toEqual(['a']);
		await expect(
			cache.run('b', async () => {
				throw new Error('failed to run');
			})
		).rejects.toThrow('failed to run');
		expect(closed).toEqual(['a', 'b']);
		expect(cache.size).toBe(0);
	});

	it('prepares ahead of a run, which then plans nothing', async () => {
		const { cache, prepared } = fake();
		await cache.prepare('a');
		await cache.prepare('a');
		expect(prepared).toEqual(['a']);
		expect(await cache.run('a', async (s) => s + 1)).toBe('a1');
		expect(cache.prepares).toBe(1);
	});

	it('lets a run share a prepare still on its way', async () => {
		const { cache, prepared } = fake();
		const ahead = cache.prepare('a');
		expect(await cache.run('a', async (s) => s + 1)).toBe('a1');
		await ahead;
		expect(prepared).toEqual(['a']);
	});

	it('keeps nothing of a failed prepare ahead, and closes nothing else for it', async () => {
		const { cache, closed } = fake();
		await cache.run('a', async () => 0);
		await cache.prepare('bad');
		expect(closed).toEqual([]);
		expect(cache.size).toBe(1);
		await expect(cache.run('bad', async () => 0)).rejects.toThrow('cannot prepare');
	});

	it('counts a statement prepared ahead within its capacity', async () => {
		const { cache, closed } = fake(2);
		await cache.run('a', async () => 0);
		await cache.prepare('b');
		await cache.prepare('c');
		expect(closed).toEqual(['a']);
		expect(cache.size).toBe(2);
	});
});

describe('isCachedRead', () => {
	it('keeps reads and nothing that writes or sets', () => {
		const reads = ['SELECT 1', '\n\t WITH x AS (SELECT 1) SELECT * FROM x'];
		const others = [
			'CREATE TABLE t AS SELECT 1',
			'DROP TABLE t',
			'ALTER TABLE t RENAME TO u',
			'UPDATE t SET x = 1',
			'INSERT INTO t VALUES (1)',
			'SET memory_limit = 1',
			'SELECTED',
			'SELECT 1;\nCREATE TABLE t AS SELECT 1'
		];
		for (const text of reads) expect(isCachedRead(text), text).toBe(true);
		for (const text of others) expect(isCachedRead(text), text).toBe(false);
	});

	it('keeps a write only when it says it leaves every plan valid (isKept)', () => {
		const update = 'UPDATE view_values SET period_from = ? WHERE slot = 0';
		expect(isKept({ text: update, params: ['2024-01-01'], keepsPlans: true })).toBe(true);
		expect(isKept({ text: update, params: ['2024-01-01'] })).toBe(false);
		expect(isKept({ text: 'SELECT 1', params: [] })).toBe(true);
	});
});

describe('the Node Db keeps prepared reads', () => {
	const db = useNodeDb();

	it('gives the same rows from a kept statement with other values bound', async () => {
		await db.query(sql`CREATE TABLE t AS SELECT range AS x FROM range(10)`);
		const read = (min: number) => sql`SELECT count(*)::DOUBLE AS n FROM t WHERE x >= ${min}`;
		expect(await db.query(read(3))).toEqual([{ n: 7 }]);
		expect(await db.query(read(8))).toEqual([{ n: 2 }]);
		expect(await db.query(read(3))).toEqual([{ n: 7 }]);
	});

	// DuckDB also binds a statement again when the catalog changed, so this holds the rows right;
	// that DDL closes the kept statements is held by the StatementCache tests above.
	it('reads a table as replaced by DDL since the statement was first run', async () => {
		const read = sql`SELECT *, ${'kept'} AS v FROM u`;
		await db.query(sql`CREATE OR REPLACE TABLE u AS SELECT 1 AS a`);
		expect(await db.query(read)).toEqual([{ a: 1, v: 'kept' }]);
		await db.query(sql`CREATE OR REPLACE TABLE u AS SELECT 'x' AS b, 2 AS c`);
		expect(await db.query(read)).toEqual([{ b: 'x', c: 2, v: 'kept' }]);
	});

	it('runs again after a statement failed', async () => {
		await expect(db.query(sql`SELECT CAST(${'nope'} AS INTEGER) AS n`)).rejects.toThrow();
		expect(await db.query(sql`SELECT CAST(${'12'} AS INTEGER) AS n`)).toEqual([{ n: 12 }]);
	});
});
