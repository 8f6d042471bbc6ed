import { describe, expect, it } from 'vitest';
import { useNodeDb } from '../../../tests/unit/node-db';
import { raw, sql } from '../sql/sql';
import type { Sql } from '../sql/sql';
import { logStatements, statementCounter } from './statement-log';

describe('logStatements(db, sink)', () => {
	const engine = useNodeDb();

	it('tells the sink of each statement, in order, and returns what the engine returns', async () => {
		const seen: Sql[] = [];
		const db = logStatements(engine, (s) => seen.push(s));
		const first = raw('SELECT 42 AS n');
		const second = sql`SELECT ${'a'} || ${'b'} AS t`;
		expect(await db.query(first)).toEqual([{ n: 42 }]);
		expect(await db.query(second)).toEqual([{ t: 'ab' }]);
		expect(seen).toEqual([first, second]);
	});

	it('counts a statement that fails, and the failure still reaches the caller', async () => {
		const counter = statementCounter();
		const db = logStatements(engine, counter.sink);
		await expect(db.query(raw('SELECT * FROM no_such_table'))).rejects.toThrow(/no_such_table/);
		expect(counter.take().statements).toBe(1);
	});

	it('passes every other method through to the engine', async () => {
		const counter = statementCounter();
		const db = logStatements(engine, counter.sink);
		const path = await db.registerFile('logged.csv', 'a\n1\n2\n');
		const rows = await db.query(raw(`SELECT count(*)::INTEGER AS n FROM read_csv('${path}')`));
		expect(rows).toEqual([{ n: 2 }]);
		await db.dropFile(path);
		await expect(db.query(raw(`SELECT * FROM read_csv('${path}')`))).rejects.toThrow();
		// registerFile and dropFile are not statements.
		expect(counter.take().statements).toBe(2);
	});

	it('reads a getter of the engine live, not a copy taken when wrapped', () => {
		let dead = false;
		const fake = {
			get dead() {
				return dead;
			},
			query: async () => [],
			registerFile: async () => '',
			dropFile: async () => {},
			close: async () => {}
		};
		const db = logStatements(fake, () => {});
		expect(db.dead).toBe(false);
		dead = true;
		expect(db.dead).toBe(true);
	});

	it('refuses a method it cannot count, rather than let its statements pass unseen', () => {
		const db = logStatements({ ...engine, exec: async () => {} }, () => {});
		expect(() => db.exec).toThrow(/cannot count what Db.exec runs/);
	});

	it('passes a plan ahead through uncounted: it runs nothing, and what runs is counted then', async () => {
		const planned: string[] = [];
		const counter = statementCounter();
		const db = logStatements(
			{ ...engine, prepare: async (statement: Sql) => void planned.push(statement.text) },
			counter.sink
		);
		await db.prepare?.(raw('SELECT 1'));
		expect(planned).toEqual(['SELECT 1']);
		expect(counter.take().statements).toBe(0);
	});
});

describe('statementCounter()', () => {
	it('take() gives the number, the longest text and the texts since the last take()', () => {
		const counter = statementCounter();
		counter.sink(raw('SELECT 1'));
		counter.sink(sql`SELECT ${'a long bound value is not part of the text'}`);
		counter.sink(raw('SELECT 12345'));
		expect(counter.take()).toEqual({
			statements: 3,
			largestChars: 'SELECT 12345'.length,
			texts: ['SELECT 1', 'SELECT ?', 'SELECT 12345']
		});
		expect(counter.take()).toEqual({ statements: 0, largestChars: 0, texts: [] });
	});
});
