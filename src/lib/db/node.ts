import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Sql } from '../sql/sql';
import { arrowToRows } from './arrow-rows';
import { isKept, StatementCache } from './statement-cache';
import { typedParams } from './typed-params';
import { inputPath, lockdown, type Db, type FileSource, type Row } from './types';

const require = createRequire(import.meta.url);

type Blocking = typeof import('@duckdb/duckdb-wasm/blocking');
type Prepared = import('@duckdb/duckdb-wasm/blocking').PreparedStatement;

/**
 * The Node front end of the engine: duckdb-wasm's blocking Node build (the same wasm the
 * browser runs), used by `report` and the tests.
 */
export async function startNodeDb(options: { memoryLimitMb?: number } = {}): Promise<Db> {
	const duckdb: Blocking = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');
	const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
	const bundles = {
		mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: '' },
		eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: '' }
	};
	const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
	await db.instantiate();
	const conn = db.connect();
	for (const statement of lockdown(options.memoryLimitMb)) conn.query(statement);

	// Reads keep their prepared statement (see StatementCache); everything else invalidates them.
	const statements = new StatementCache<Prepared>({
		prepare: async (text) => conn.prepare(text),
		close: async (prepared) => prepared.close()
	});

	return {
		catalog: {},
		async query<T extends Row = Row>(statement: Sql): Promise<T[]> {
			const kept = isKept(statement);
			// Every read is kept prepared: a view's statements bind nothing (they read their
			// values from a table) and run again on every click. A kept statement is sent with its
			// placeholders typed as its values. A write that keeps plans (a view's values,
			// `keepsPlans`) is kept the same way and closes nothing.
			if (kept) {
				const typed = typedParams(statement);
				return statements.run(typed.text, async (prepared) =>
					arrowToRows<T>(prepared.query(...typed.params))
				);
			}
			await statements.clear();
			if (statement.params.length === 0) return arrowToRows<T>(conn.query(statement.text));
			const prepared = conn.prepare(statement.text);
			try {
				return arrowToRows<T>(prepared.query(...statement.params));
			} finally {
				prepared.close();
			}
		},
		async prepare(statement: Sql): Promise<void> {
			if (isKept(statement)) await statements.prepare(typedParams(statement).text);
		},
		async registerFile(name: string, source: FileSource): Promise<string> {
			// A plan reading a registered file was made for the file it saw.
			await statements.clear();
			const path = inputPath(name);
			if (typeof source === 'string') db.registerFileText(path, source);
			else if (source instanceof Uint8Array) db.registerFileBuffer(path, source);
			else db.registerFileBuffer(path, new Uint8Array(await source.arrayBuffer()));
			return path;
		},
		async dropFile(path: string): Promise<void> {
			await statements.clear();
			db.dropFile(path);
		},
		async close(): Promise<void> {
			await statements.clear();
			conn.close();
			db.reset();
		}
	};
}
