import { afterAll, beforeAll } from 'vitest';
import { startNodeDb } from '../../src/lib/db/node';
import type { Db, Row } from '../../src/lib/db/types';
import type { Sql } from '../../src/lib/sql/sql';

/**
 * One Node engine for the tests of the file or describe this is called in: started before
 * them, closed after. The `Db` returned passes every call to it, so a test uses it as it
 * would the engine itself (it must not close it).
 */
export function useNodeDb(): Db {
	let db: Db | undefined;
	beforeAll(async () => {
		db = await startNodeDb();
	});
	afterAll(async () => {
		await db?.close();
	});
	const engine = (): Db => {
		if (!db) throw new Error('the engine starts before the first test');
		return db;
	};
	return {
		query<T extends Row = Row>(statement: Sql) {
			return engine().query<T>(statement);
		},
		prepare: (statement) => engine().prepare?.(statement) ?? Promise.resolve(),
		registerFile: (name, source) => engine().registerFile(name, source),
		dropFile: (path) => engine().dropFile(path),
		close: () => Promise.reject(new Error('the engine closes after the last test'))
	};
}

/** A `Db` that passes every call to `engine` and records each statement it is given. */
export function recordingDb(engine: Db): { db: Db; statements: Sql[] } {
	const statements: Sql[] = [];
	const db: Db = {
		query<T extends Row = Row>(statement: Sql) {
			statements.push(statement);
			return engine.query<T>(statement);
		},
		registerFile: (name, source) => engine.registerFile(name, source),
		dropFile: (path) => engine.dropFile(path),
		close: () => engine.close()
	};
	return { db, statements };
}
