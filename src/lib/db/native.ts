import { errorText } from '../i18n/error-text';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { openAsBlob } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { Sql } from '../sql/sql';
import { inputPath, type Db, type FileSource, type Row } from './types';

/**
 * Native DuckDB (`@duckdb/node-api`) behind the same `Db` as the wasm engine: multi-threaded,
 * spilling to disk, for exports too big for a browser (`report --engine native`). The same SQL
 * runs on it. Locked down like the wasm engine: it reads and writes only its own working folder,
 * where input files are linked (files on disk) or written (bytes), and where Parquet is written.
 */

/** Files opened with `openFile`, by their Blob: registered by path, never copied. */
const onDisk = new WeakMap<Blob, string>();

/** A lazily read Blob of a file on disk, which the native engine reads in place. */
export async function openFile(path: string): Promise<Blob> {
	const blob = await openAsBlob(path);
	onDisk.set(blob, resolve(path));
	return blob;
}

export interface NativeDb extends Db {
	/** The folder DuckDB may read and write (inputs, spill files, outputs). */
	readonly workDir: string;
}

const DATE = 13;

function isoDate(d: Date): string {
	return d.toISOString().slice(0, 10);
}

/** One value as the wasm engine's rows have it: numbers (no BigInt), ISO text for dates. */
function plain(value: unknown, typeId: number): Row[string] {
	if (value === null || value === undefined) return null;
	if (value instanceof Date)
		return typeId === DATE ? isoDate(value) : value.toISOString().replace('Z', '');
	if (typeof value === 'bigint') return Number(value);
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string')
		return value;
	return String(value);
}

export async function startNativeDb(options: { threads?: number } = {}): Promise<NativeDb> {
	const { DuckDBInstance } = await import('@duckdb/node-api');
	const workDir = mkdtempSync(join(tmpdir(), 'pipelens-native-'));
	const spill = join(workDir, 'spill');
	const config: Record<string, string> = {};
	if (options.threads) config.threads = String(options.threads);
	const instance = await DuckDBInstance.create(':memory:', config);
	const conn = await instance.connect();
	for (const statement of [
		'SET autoinstall_known_extensions=false',
		'SET autoload_known_extensions=false',
		`SET temp_directory='${spill}'`,
		`SET allowed_directories=['${workDir}/']`,
		'SET enable_external_access=false',
		'SET lock_configuration=true'
	])
		await conn.run(statement);
	// Input files live under the working folder, by their safe name. registerFile returns that
	// real path and the SQL binds it as it does any path: no bound value is ever rewritten.
	const local = (name: string) => join(workDir, basename(inputPath(name)));

	// One statement at a time on the connection (each runs on every thread): callers fire many.
	let queue: Promise<unknown> = Promise.resolve();
	const serial = <T>(work: () => Promise<T>): Promise<T> => {
		const run = queue.then(work);
		queue = run.catch(() => {});
		return run;
	};

	async function run<T extends Row>(statement: Sql): Promise<T[]> {
		const { text, params } = statement;
		let reader;
		try {
			reader = await conn.runAndReadAll(text, params as never);
		} catch (e) {
			// The binding's message for a failed prepared statement does not say which one.
			const what = text.replace(/\s+/g, ' ').slice(0, 80);
			throw new Error(`${errorText(e)} (in: ${what}…)`, {
				cause: e
			});
		}
		const names = reader.columnNames();
		const types = reader.columnTypes().map((t) => t.typeId as number);
		return reader.getRowObjectsJS().map((r) => {
			const row: Row = {};
			names.forEach((name, i) => (row[name] = plain(r[name], types[i])));
			return row as T;
		});
	}

	return {
		catalog: {},
		workDir,
		query<T extends Row = Row>(statement: Sql): Promise<T[]> {
			return serial(() => run<T>(statement));
		},
		async registerFile(name: string, source: FileSource): Promise<string> {
			const target = local(name);
			rmSync(target, { force: true });
			const known = source instanceof Blob ? onDisk.get(source) : undefined;
			if (known) symlinkSync(known, target);
			else if (typeof source === 'string' || source instanceof Uint8Array)
				writeFileSync(target, source);
			else await pipeline(Readable.fromWeb(source.stream() as never), createWriteStream(target));
			return target;
		},
		async dropFile(path: string): Promise<void> {
			// Only a file this engine registered: a path from registerFile, in its own folder.
			if (path === local(basename(path))) rmSync(path, { force: true });
		},
		async close(): Promise<void> {
			await queue;
			conn.closeSync();
			instance.closeSync();
			rmSync(workDir, { recursive: true, force: true });
		}
	};
}
