import type { Row } from '../sql/row';
import type { Sql } from '../sql/sql';

export type { Row } from '../sql/row';

/** What a file to register can be: text we decoded, raw bytes, or a browser File read lazily. */
export type FileSource = string | Uint8Array | Blob;

/**
 * The one narrow gateway to DuckDB. Everything outside `src/lib/db` receives a `Db`. The browser
 * runs DuckDB-WASM in a worker (`browser.ts`); Node (the report, the tests) runs duckdb-wasm's
 * blocking Node build, the same wasm (`node.ts`); `report --engine native` runs DuckDB's native
 * Node binding, @duckdb/node-api (`native.ts`).
 */
export interface Db {
	/** Run one statement with bound values and return plain rows. */
	query<T extends Row = Row>(statement: Sql): Promise<T[]>;
	/**
	 * Make a file readable by `read_csv` under a path inside the allowed input directory and
	 * return that path. Register a name again to replace it.
	 */
	registerFile(name: string, source: FileSource): Promise<string>;
	/** Forget a registered file. */
	dropFile(path: string): Promise<void>;
	/** Stop the engine and free its memory. */
	close(): Promise<void>;
	/**
	 * Plan `statement` and keep it prepared, running nothing, so that its first run is bound and
	 * run only: work done while the page waits, ahead of a click. A statement the engine does
	 * not keep prepared is left alone, and a failure is not reported (the statement fails when it
	 * is run, if it must). Absent on an engine that keeps no plans (`report --engine native`).
	 */
	prepare?(statement: Sql): Promise<void>;
	/**
	 * The engine's catalog, as one object that stays the same through the wrappers a load or the
	 * page puts around a `Db` (statement log, stop on cancel): what is defined once per engine
	 * (the parse macros) is kept by it. Without it, the `Db` object itself.
	 */
	readonly catalog?: object;
}

/** The only directory DuckDB may read; every input file is registered beneath it. */
export const INPUT_DIR = '/pipelens-input/';

/** DuckDB's memory limit: below the 4 GB wasm heap, so a query that needs more fails with an error instead of a crash. */
export const MEMORY_LIMIT_MB = 3072;

/**
 * Statements run right after connecting, before any data is touched. A lower memory limit (a
 * whole number of MB) makes DuckDB run out of memory the way a small device would.
 */
export function lockdown(memoryLimitMb: number = MEMORY_LIMIT_MB): string[] {
	if (!Number.isInteger(memoryLimitMb) || memoryLimitMb < 1)
		throw new Error(`the engine's memory limit must be a whole number of MB, not ${memoryLimitMb}`);
	return [
		'SET autoinstall_known_extensions=false',
		'SET autoload_known_extensions=false',
		`SET allowed_directories=['${INPUT_DIR}']`,
		`SET memory_limit='${memoryLimitMb}MB'`,
		'SET enable_external_access=false',
		'SET lock_configuration=true'
	];
}

/** Turn a user's file name into a safe registered path (no directory parts, no odd characters). */
export function inputPath(name: string): string {
	const base = name.split(/[\\/]/).pop() ?? 'file';
	const safe = base.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 120) || 'file';
	return INPUT_DIR + safe;
}
