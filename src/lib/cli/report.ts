import { errorText } from '../i18n/error-text';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { startNodeDb } from '../db/node';
import type { Db } from '../db/types';
import { fileReadings } from '../engine/file-readings';
import { buildDataset, readFiles } from '../engine/load';
import { viewReport } from '../engine/report';
import type { InputFile } from '../ingest/raw-table';
import { configFileTooLarge, parseConfig, type Config } from '../model/config';
import type { FileRole } from '../model/mapping';
import { parseArgs, USAGE, UsageError } from './args';
import { formatSummary } from './summary';
import { writeParquet } from './parquet';
import type { NativeDb } from '../db/native';

export interface Io {
	out: (text: string) => void;
	err: (text: string) => void;
}

const processIo: Io = {
	out: (t) => process.stdout.write(t),
	err: (t) => process.stderr.write(t)
};

async function readInput(path: string): Promise<Uint8Array> {
	try {
		return new Uint8Array(await readFile(path));
	} catch (e) {
		const code = (e as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') throw new Error(`${path}: no such file`);
		if (code === 'EISDIR') throw new Error(`${path}: is a folder, not a file`);
		throw new Error(`${path}: cannot be read (${code ?? 'unknown error'})`);
	}
}

async function openInput(path: string, open: (path: string) => Promise<Blob>): Promise<Blob> {
	try {
		return await open(path);
	} catch (e) {
		const code = (e as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') throw new Error(`${path}: no such file`);
		if (code === 'EISDIR') throw new Error(`${path}: is a folder, not a file`);
		throw new Error(`${path}: cannot be read (${code ?? 'unknown error'})`);
	}
}

async function readConfig(path: string): Promise<Config> {
	const bytes = await readInput(path);
	const tooLarge = configFileTooLarge(bytes.length);
	if (tooLarge) throw new Error(`${path}: ${tooLarge}`);
	const text = new TextDecoder().decode(bytes);
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (e) {
		throw new Error(`${path}: not valid JSON (${(e as Error).message})`);
	}
	try {
		return parseConfig(value);
	} catch (e) {
		throw new Error(`${path}: ${(e as Error).message}`);
	}
}

/**
 * `report`: the same engine as the page, in Node. Returns the exit code. `startDb` is for tests
 * that run many reports on one engine.
 */
export async function main(
	argv: readonly string[],
	io: Io = processIo,
	startDb: () => Promise<Db> = startNodeDb
): Promise<number> {
	let db: Db | null = null;
	try {
		const args = parseArgs(argv);
		if (args.help) {
			io.out(USAGE + '\n');
			return 0;
		}
		const config = args.config ? await readConfig(args.config) : {};
		const roles: Record<string, FileRole> = {};
		const inputs: InputFile[] = [];
		const native = args.engine === 'native' ? await import('../db/native') : null;
		if (args.parquet && !native) throw new UsageError('--parquet needs --engine native');
		for (const role of ['deals', 'history', 'spend'] as const) {
			const path = args[role];
			if (!path) continue;
			const name = roles[basename(path)] ? `${basename(path)} (${role})` : basename(path);
			roles[name] = role;
			// The native engine reads files in place; the wasm one from memory, like the browser.
			const source = native ? await openInput(path, native.openFile) : await readInput(path);
			inputs.push({ name, source });
		}
		db = native ? await native.startNativeDb() : await startDb();
		const read = await readFiles(db, inputs, { config, roles });
		const dataset = await buildDataset(db, read, { config, roles });
		// How each file was read (role, CRM, column → field), and the files set aside.
		const readings = fileReadings(
			dataset,
			read.setAside.map((raw, i) => ({
				file: raw.file,
				reason: read.ignored[i]?.slice(raw.file.length + 2) ?? ''
			}))
		);
		const report = await viewReport(db, dataset, {
			period: args.from && args.to ? { from: args.from, to: args.to } : null,
			filters: args.filters
		});
		io.out(
			args.json
				? JSON.stringify({ ...report, read: readings }) + '\n'
				: formatSummary(report, readings)
		);
		if (args.parquet && db && 'workDir' in db) {
			const written = await writeParquet(db as NativeDb, args.parquet, dataset.hasSpend);
			io.err(`report: wrote ${written.join(', ')}\n`);
		}
		return 0;
	} catch (e) {
		const message = errorText(e);
		io.err(`report: ${message.split('\n')[0]}\n`);
		if (e instanceof UsageError) io.err(`Run with --help for usage.\n`);
		return e instanceof UsageError ? 2 : 1;
	} finally {
		await db?.close();
	}
}
