import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { InputFile } from '../../src/lib/ingest/raw-table';

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
