import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InputFile } from '../../src/lib/ingest/raw-table';
import type { Config } from '../../src/lib/model/config';
import type { Filters } from '../../src/lib/model/filters';
import type { FileRole } from '../../src/lib/model/mapping';

/** The worked examples (tests/fixtures/examples), each a folder with its expected.json. */
export const EXAMPLES = join(import.meta.dirname, '..', 'fixtures', 'examples');

/** One run of a worked example's expected.json: its files, config, period, filter and figures. */
export interface ExampleRun {
	files: Record<string, string>;
	config: string | null;
	from: string | null;
	to: string | null;
	where: Filters | null;
	expected: {
		deals: { created: number; won: number; lost: number };
		funnel: { reached: number }[];
		pipeline: { open_deals: number };
	};
}

/** The runs of the worked example `name`. */
export function exampleRuns(name: string): ExampleRun[] {
	return JSON.parse(readFileSync(join(EXAMPLES, name, 'expected.json'), 'utf8'));
}

/** What a run loads: its files (with the roles it gives them) and its config. */
export function exampleInputs(
	name: string,
	run: ExampleRun
): { inputs: InputFile[]; roles: Record<string, FileRole>; config: Config } {
	const dir = join(EXAMPLES, name);
	const roles: Record<string, FileRole> = {};
	const inputs = Object.entries(run.files).map(([role, file]) => {
		roles[file] = role as FileRole;
		return { name: file, source: readFileSync(join(dir, file), 'utf8') };
	});
	const config: Config = run.config ? JSON.parse(readFileSync(join(dir, run.config), 'utf8')) : {};
	return { inputs, roles, config };
}
