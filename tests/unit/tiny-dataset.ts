import { startNodeDb } from '../../src/lib/db/node';
import type { Db } from '../../src/lib/db/types';
import type { Dataset } from '../../src/lib/engine/dataset';
import { loadDataset } from '../../src/lib/engine/load';
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
