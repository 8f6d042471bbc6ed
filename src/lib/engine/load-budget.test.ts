import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../tests/generators/hubspot.mjs';
import { recordingDb, useNodeDb } from '../../../tests/unit/node-db';
import type { InputFile } from '../ingest/raw-table';
import { loadDataset } from './load';

// The structural budget of a load: how many calls it makes to the engine and how long the
// longest statement text is (every statement is parsed and planned before it touches a row).
// Timings belong to `npm run bench`; these counts cannot creep back unnoticed.
const MAX_CALLS = 45;
const MAX_CHARS = 8000;

const engine = useNodeDb();

/** Load files through a `Db` that records each statement text it is given. */
async function load(inputs: InputFile[]): Promise<{ calls: number; largest: number }> {
	const { db, statements } = recordingDb(engine);
	await loadDataset(db, inputs);
	return {
		calls: statements.length,
		largest: Math.max(...statements.map((s) => s.text.length))
	};
}

const EXAMPLE = 'tests/fixtures/examples/hubspot/';
const file = (path: string): InputFile => ({
	name: path.split('/').pop() ?? path,
	source: new Uint8Array(readFileSync(path))
});

/** A HubSpot export with a `Date entered` column per stage, for `stages` stages. */
function hubspotWith(stages: number): InputFile {
	const names = Array.from(
		{ length: stages },
		(_, i) => `Stage number ${i + 1} of the sales process`
	);
	// The English export's headers from Record ID to Deal owner.
	const header = [
		...LANGUAGES.en.headers.slice(0, LANGUAGES.en.headers.indexOf('Deal owner') + 1),
		...names.map((s) => `Date entered '${s} (Sales Pipeline)'`)
	];
	const rows = Array.from({ length: 40 }, (_, d) => {
		const reached = 1 + (d % stages);
		const dates = names.map((_, i) => (i < reached ? `2024-0${1 + (i % 9)}-1${d % 10} 09:00` : ''));
		return [
			`${100000000000 + d}`,
			`Deal ${d}`,
			names[reached - 1],
			'Sales Pipeline',
			`${1000 + d}`,
			'2024-12-01 00:00',
			`2024-01-1${d % 10} 09:00`,
			d % 2 ? 'Ann' : 'Bob',
			...dates
		];
	});
	const csv = [header, ...rows].map((r) => r.map((v) => `"${v}"`).join(',')).join('\n');
	return { name: `wide-${stages}.csv`, source: csv };
}

describe('the load budget', () => {
	it(`loading the HubSpot worked example with its spend makes at most ${MAX_CALLS} calls, none over ${MAX_CHARS} characters`, async () => {
		const { calls, largest } = await load([
			file(`${EXAMPLE}hubspot-crm-exports-all-deals-2025-07-01.csv`),
			file(`${EXAMPLE}spend.csv`)
		]);
		expect(calls).toBeLessThanOrEqual(MAX_CALLS);
		expect(largest).toBeLessThanOrEqual(MAX_CHARS);
	});

	it('a deals export with four times the stage-date columns makes as many calls, none over the limit', async () => {
		const narrow = await load([hubspotWith(6)]);
		const wide = await load([hubspotWith(24)]);
		expect(wide.calls).toBe(narrow.calls);
		expect(wide.largest).toBeLessThanOrEqual(MAX_CHARS);
	});
});
