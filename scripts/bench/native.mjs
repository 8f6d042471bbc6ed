// The reference: native DuckDB (`@duckdb/node-api`), one thread, reading the same file into a
// table with the same read_csv options as the page's ingest (src/lib/ingest/raw-table.ts).
import { DuckDBInstance } from '@duckdb/node-api';

/** Milliseconds to read `path` into a table. @param {string} path */
export async function nativeIngestMs(path) {
	const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
	const conn = await instance.connect();
	try {
		const started = performance.now();
		await conn.run(
			`CREATE TABLE raw_deals AS SELECT * FROM read_csv($path, all_varchar = true, header = true,
				delim = ',', quote = '"', escape = '"', skip = 0, auto_detect = true, null_padding = false,
				ignore_errors = true, store_rejects = true, max_line_size = 20000000)`,
			{ path }
		);
		return performance.now() - started;
	} finally {
		conn.closeSync();
		instance.closeSync();
	}
}
