import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Db } from '../../src/lib/db/types';
import type { Dataset } from '../../src/lib/engine/dataset';
import { runReport } from '../../src/lib/engine/report';
import type { InputFile } from '../../src/lib/ingest/raw-table';
import type { Report } from '../../src/lib/metrics/report';
import { loadUnlabelled } from './tiny-dataset';

/** `../shared/datasets/<name>` beside the repository (public samples, each with a SOURCE.md). */
export function datasetDir(name: string): string {
	return path.join(import.meta.dirname, '..', '..', '..', 'shared', 'datasets', name);
}

/**
 * Whether a shared dataset is there. Outside CI a test may skip without it, and says so; in CI
 * (`CI` set, as `.ci/run` has it) a missing dataset fails the run instead of skipping silently.
 */
export function hasDataset(name: string): boolean {
	const dir = datasetDir(name);
	if (existsSync(dir)) return true;
	if (process.env.CI)
		throw new Error(`the shared dataset ${dir} is missing: CI runs every dataset test`);
	console.warn(`skipped: the shared dataset ${dir} is missing (CI fails without it)`);
	return false;
}

/** Files of a dataset as the page gets them: raw bytes under their own names. */
export function datasetFiles(name: string, files: readonly string[]): InputFile[] {
	return files.map((file) => ({
		name: path.basename(file),
		source: new Uint8Array(readFileSync(path.join(datasetDir(name), file)))
	}));
}

/** Every data file of a dataset folder (what a person drops on the page), by name. */
export function allDatasetFiles(name: string, exts = ['.csv', '.xlsx', '.xls']): InputFile[] {
	const files = readdirSync(datasetDir(name))
		.filter((f) => exts.some((e) => f.toLowerCase().endsWith(e)))
		.sort();
	return datasetFiles(name, files);
}

/** A shared dataset loaded as the page would load it, with the report of its whole data. */
export interface SharedDataset {
	readonly db: Db;
	readonly dataset: Dataset;
	readonly report: Report;
}

/**
 * Every data file of a shared dataset loaded unlabelled before the tests of the file or
 * describe this is called in (when `present`), and its whole-data report run; the engine
 * closed after them. The function returned gives what was loaded.
 */
export function useSharedDataset(name: string, present: boolean): () => SharedDataset {
	let loaded: SharedDataset | undefined;
	beforeAll(async () => {
		if (!present) return;
		const { db, dataset } = await loadUnlabelled(allDatasetFiles(name));
		loaded = { db, dataset, report: await runReport(db, dataset) };
	}, 120_000);
	afterAll(async () => {
		await loaded?.db.close();
	});
	return () => {
		if (!loaded) throw new Error(`the dataset ${name} loads before the first test`);
		return loaded;
	};
}

/** Files of a shared dataset (paths in its folder) loaded unlabelled into `db`, as a drop is. */
export async function loadDatasetFiles(
	db: Db,
	name: string,
	files: readonly string[]
): Promise<Dataset> {
	return (await loadUnlabelled(datasetFiles(name, files), { db })).dataset;
}

/** What was read of each file the dataset uses: its name, CRM, role and the rows loaded. */
export function filesRead(dataset: Dataset): [string, string, string, number][] {
	return dataset.files.map((f) => [f.raw.file, f.crm, f.role, f.raw.rowsLoaded]);
}
