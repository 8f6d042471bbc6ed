import { afterAll, beforeAll } from 'vitest';
import { startNodeDb } from '../../src/lib/db/node';
import type { Db } from '../../src/lib/db/types';
import type { Dataset } from '../../src/lib/engine/dataset';
import { loadDataset } from '../../src/lib/engine/load';
import { runReport, type ReportRequest } from '../../src/lib/engine/report';
import type { Report } from '../../src/lib/metrics/report';
import type { InputFile } from '../../src/lib/ingest/raw-table';
import type { Config } from '../../src/lib/model/config';
import type { FileRole } from '../../src/lib/model/mapping';

/** Hand-made input files for one dataset (CSV text) and the config that describes them. */
export interface TinyFiles {
	deals: string;
	history?: string;
	spend?: string;
	config?: Config;
}

/**
 * Load tiny CSV fixtures through the real ingest and mapping, the way `report` does (roles given).
 * Pass `db` to reuse one engine across a test file: `loadDataset` replaces the tables.
 */
export async function tinyDataset(
	files: TinyFiles,
	db?: Db
): Promise<{ db: Db; dataset: Dataset }> {
	const engine = db ?? (await startNodeDb());
	const inputs: InputFile[] = [];
	const roles: Record<string, FileRole> = {};
	for (const role of ['deals', 'history', 'spend'] as const) {
		const text = files[role];
		if (text === undefined) continue;
		const name = `${role}.csv`;
		inputs.push({ name, source: text });
		roles[name] = role;
	}
	const dataset = await loadDataset(engine, inputs, { config: files.config ?? {}, roles });
	return { db: engine, dataset };
}

/** A dataset loaded once for the tests of a file or describe; see `useTinyDataset`. */
export interface TinyFixture {
	/** The engine it is loaded in (closed after the tests). */
	readonly db: Db;
	/** The loaded dataset (there from the first test on). */
	readonly dataset: Dataset;
	/** `runReport` of the dataset for a period and filters. */
	report(request?: ReportRequest): Promise<Report>;
	/** Load the files again, after a test loaded others into the same engine. */
	reload(): Promise<void>;
}

/**
 * `tinyDataset(files)` loaded before the tests of the file or describe this is called in, its
 * engine closed after them.
 */
export function useTinyDataset(files: TinyFiles): TinyFixture {
	let loaded: { db: Db; dataset: Dataset } | undefined;
	beforeAll(async () => {
		loaded = await tinyDataset(files);
	});
	afterAll(async () => {
		await loaded?.db.close();
	});
	const get = () => {
		if (!loaded) throw new Error('the dataset loads before the first test');
		return loaded;
	};
	return {
		get db() {
			return get().db;
		},
		get dataset() {
			return get().dataset;
		},
		report: (request) => runReport(get().db, get().dataset, request),
		async reload() {
			loaded = await tinyDataset(files, get().db);
		}
	};
}

/** CSV text from an indented template literal: every line trimmed, blank first and last lines dropped. */
export function csv(strings: TemplateStringsArray, ...values: readonly unknown[]): string {
	const text = strings.reduce(
		(out, s, i) => out + s + (i < values.length ? String(values[i]) : ''),
		''
	);
	const lines = text.split('\n').map((l) => l.trim());
	while (lines.length && lines[0] === '') lines.shift();
	while (lines.length && lines[lines.length - 1] === '') lines.pop();
	return lines.join('\n') + '\n';
}

/** The columns of the metric fixtures' stage history files. */
export const HISTORY_COLUMNS = { id: 'id', stage: 'stage', at: 'at' };

/** The stage configuration most metric fixtures share: three open stages, then won and lost. */
export const STAGES = ['Lead', 'Demo', 'Proposal'];

/**
 * A config naming every column of the metric fixtures' deals files (generic CSV, nothing to
 * detect). A column given as `undefined` in `extra.columns` is left unmapped.
 */
export function dealsConfig(extra: Config = {}): Config {
	const columns = {
		id: 'id',
		owner: 'owner',
		source: 'source',
		amount: 'amount',
		probability: 'probability',
		created: 'created',
		closed: 'closed',
		outcome: 'status',
		stage: 'stage',
		...extra.columns
	};
	return {
		stages: STAGES,
		won: ['Won'],
		lost: ['Lost'],
		...extra,
		columns: Object.fromEntries(Object.entries(columns).filter(([, name]) => name !== undefined))
	};
}

/**
 * Load files the way the page does: no roles given, each file's role told from its content.
 * `source` is CSV text or raw bytes (for encodings).
 */
export async function loadUnlabelled(
	inputs: InputFile[],
	options: { config?: Config; db?: Db } = {}
): Promise<{ db: Db; dataset: Dataset }> {
	const engine = options.db ?? (await startNodeDb());
	const dataset = await loadDataset(engine, inputs, { config: options.config ?? {} });
	return { db: engine, dataset };
}
