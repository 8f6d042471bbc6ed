import { describe, expect, it } from 'vitest';
import { logStatements } from '../db/statement-log';
import type { Db, Row } from '../db/types';
import { parseMacros } from '../model/parse';
import type { Sql } from '../sql/sql';
import { withParseMacros } from './parse-macros';

/** An engine that counts the statements sent to it; `failing` statements are refused first. */
function countingDb(failing = 0, catalog: object | undefined = {}): Db & { sent: string[] } {
	const sent: string[] = [];
	return {
		catalog,
		sent,
		async query<T extends Row = Row>(statement: Sql): Promise<T[]> {
			await Promise.resolve();
			if (failing-- > 0) throw new Error('the engine refused it');
			sent.push(statement.text);
			return [];
		},
		registerFile: async (name) => name,
		dropFile: async () => {},
		close: async () => {}
	};
}

/** A wrapper like the page's own per load (a proxy that passes every property through). */
const wrapped = (db: Db): Db => new Proxy(db, {});

describe('the parse macros are defined once per engine', () => {
	const macros = parseMacros().length;

	it('through every wrapper the page puts around one engine', async () => {
		const db = countingDb();
		await withParseMacros(logStatements(db, () => {}));
		await withParseMacros(wrapped(db));
		await withParseMacros(wrapped(logStatements(db, () => {})));
		expect(macros).toBeGreaterThan(0);
		expect(db.sent).toHaveLength(macros);
		expect(db.sent.every((t) => t.startsWith('CREATE OR REPLACE MACRO'))).toBe(true);
	});

	it('a definition under way is shared by a load that starts meanwhile', async () => {
		const db = countingDb();
		await Promise.all([withParseMacros(db), withParseMacros(wrapped(db))]);
		expect(db.sent).toHaveLength(macros);
	});

	it('a definition that failed is tried again', async () => {
		const db = countingDb(1);
		await expect(withParseMacros(db)).rejects.toThrow('refused');
		await withParseMacros(db);
		expect(db.sent).toHaveLength(macros);
	});

	it('another engine (a restarted one) is given them again', async () => {
		const first = countingDb();
		const second = countingDb();
		await withParseMacros(first);
		await withParseMacros(second);
		expect(second.sent).toHaveLength(macros);
	});

	it('an engine that names no catalog is kept by itself', async () => {
		const db = countingDb(0, undefined);
		await withParseMacros(db);
		await withParseMacros(db);
		expect(db.sent).toHaveLength(macros);
	});
});
