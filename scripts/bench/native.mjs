// The reference: native DuckDB (`@duckdb/node-api`), one thread, reading the same file into a
// table with the same read_csv options as the page's ingest (src/lib/ingest/raw-table.ts).
// It runs in a child process of its own, so its memory and threads never share the process
// that drives Chromium and samples its memory.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Milliseconds to read `path` into a table, measured here. @param {string} path */
async function measure(path) {
	const { DuckDBInstance } = await import('@duckdb/node-api');
	const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
	const conn = await instance.connect();
	try {
		const started = performance.now();
		await conn.run(
			`CREATE TABLE raw_deals AS SELECT * FROM read_csv($path, all_varchar = true, header = true,
				delim = ',', quote = '"', escape = '"', skip = 0, auto_detect = true, null_padding = false,
				ignore_errors = true, store_rejects = true, max_line_size = 20000000, buffer_size = 33554432)`,
			{ path }
		);
		return performance.now() - started;
	} finally {
		conn.closeSync();
		instance.closeSync();
	}
}

/** Milliseconds native DuckDB takes to read `path` into a table (in a child process). @param {string} path */
export function nativeIngestMs(path) {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [fileURLToPath(import.meta.url), path], {
			stdio: ['ignore', 'pipe', 'inherit']
		});
		let out = '';
		child.stdout.on('data', (chunk) => (out += chunk));
		child.on('error', reject);
		child.on('close', (code) => {
			const ms = Number(out.trim());
			if (code === 0 && Number.isFinite(ms)) resolve(ms);
			else reject(new Error(`native DuckDB reading ${path} failed (exit ${code})`));
		});
	});
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	process.stdout.write(`${await measure(process.argv[2])}\n`);
}
