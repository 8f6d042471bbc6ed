import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { InputFile } from '../../src/lib/ingest/raw-table';

/** `../shared/datasets/` beside the repository: public sample data, each folder with SOURCE.md. */
export const DATASETS = fileURLToPath(new URL('../../../shared/datasets/', import.meta.url));

/** Every data file of a dataset folder as bytes (what a person drops on the page), by name. */
export function datasetFiles(folder: string, exts = ['.csv', '.xlsx', '.xls']): InputFile[] {
	const dir = `${DATASETS}${folder}`;
	return readdirSync(dir)
		.filter((f) => exts.some((e) => f.toLowerCase().endsWith(e)))
		.sort()
		.map((name) => ({ name, source: new Uint8Array(readFileSync(`${dir}/${name}`)) }));
}
