import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badInputs, baseRows, HEADER, toCsv } from '../../../tests/generators/bad-inputs.mjs';
import { useNodeDb } from '../../../tests/unit/node-db';
import { buildXlsx } from '../../../tests/unit/xlsx-fixture';
import { main } from '../cli/report';
import type { Db } from '../db/types';
import type { Config } from '../model/config';
import { sql } from '../sql/sql';
import { loadDataset } from './load';
import { runReport } from './report';

/**
 * Issue 7's bad-input corpus (tests/generators/bad-inputs.mjs, tests/fixtures/bad/README.md),
 * each class through the engine and through `report`: the right numbers when the data allows
 * (the same report as the clean file the generator says it stands for), every dropped or
 * repaired row named in the warnings, rows read = loaded + rejected, and one short sentence when
 * nothing can be shown.
 */

const FIXTURES = join(import.meta.dirname, '../../../tests/fixtures/bad');

/**
 * The fixtures' stages (Lead, Demo, …) are ordered by common stage words, a weak guess that the
 * load says it made; any case may say so.
 */
const STAGE_WORDS =
	/: stage order guessed from common stage words \(Lead, [^)]*\): check it in the stage editor$/;

/** The warnings each loadable case must give (each matched once), and no others. */
const WARNINGS: Record<string, RegExp[]> = {
	'nul-byte.csv': [/^nul-byte\.csv: 1 line read after a repair \(line 6; line 6: a NUL byte/],
	'nul-late.csv': [/^nul-late\.csv: 1 line read after a repair \(line 21; line 21: a NUL byte/],
	'invalid-utf8.csv': [
		/^invalid-utf8\.csv: 1 line read after a repair \(line 8; line 8: bytes that are not UTF-8/
	],
	'ragged.csv': [
		/^ragged\.csv: 2 lines could not be read and were left out \(line 5, 9; line 5: expected 6 fields, found 5\)$/
	],
	'unterminated-quote.csv': [
		/^unterminated-quote\.csv: 20 lines could not be read and were left out \(line 12; line 12: a quote is not closed/
	],
	'duplicate-headers.csv': [
		/^duplicate-headers\.csv: the column name "Owner" appears more than once; a later one is read as "Owner_1"$/
	],
	'amount-accounting-negative.csv': [
		/^amount-accounting-negative\.csv: 1 deal with a negative amount, added as it is \(first: id "D006" at line 7\)$/
	],
	'bad-values.csv': [
		/^bad-values\.csv: 2 created date values in column "Created" could not be read \(first at line 8: "2024-13-45"\)$/,
		/^bad-values\.csv: 2 amount values in column "Amount" could not be read \(first at line 5: "call me"\)$/,
		/^bad-values\.csv: 2 deals without a readable created date left out \(first at line 8\)$/,
		/^bad-values\.csv: 1 duplicate deal row left out, the first row of each id kept \(first: id "D012" again at line 13\)$/,
		/^bad-values\.csv: 1 deal closed before it was created, left out of cycle times \(first: id "D\d+" at line \d+\)$/,
		/^bad-values\.csv: stage "Negotiation \(old\)" \(1 deal\) is not in the stage list/,
		/^bad-values\.csv: amounts are in mixed currencies \(USD: 26, EUR: 1\)/,
		/^bad-values\.csv: 1 deal with a negative amount, added as it is \(first: id "D014" at line 15\)$/
	]
};

/** The one sentence each case that cannot load must give. */
const ERRORS: Record<string, RegExp> = {
	'empty.csv': /^empty\.csv: the file is empty$/,
	'header-only.csv': /^header-only\.csv: the file has a header but no rows$/,
	'binary.csv': /^binary\.csv: this is a binary file, not a CSV export$/,
	'no-table.xls': /^no-table\.xls: this is an HTML page with no table in it, not a data export$/,
	'no-stage.csv': /^no-stage\.csv: no column holds the deal stage or status/
};

/** Rows loaded and rejected, when not all 30. */
const ROWS: Record<string, { loaded: number; rejected: number }> = {
	'ragged.csv': { loaded: 28, rejected: 2 },
	'unterminated-quote.csv': { loaded: 10, rejected: 20 },
	'bad-values.csv': { loaded: 27, rejected: 3 }
};

const deals = baseRows(7);
/** An `.xlsx` workbook renamed `.csv` (written by the test helper the xlsx tests use). */
const renamedXlsx = {
	name: 'workbook.csv',
	class: '.xlsx renamed .csv',
	bytes: buildXlsx(
		[HEADER, ...deals].map((row, i) =>
			row.map((v, k) => (i > 0 && k === 4 ? { n: v } : v === '' ? null : { s: v }))
		)
	),
	clean: toCsv([HEADER, ...deals]) as string | null,
	config: undefined as Record<string, unknown> | undefined,
	rows: undefined as number | undefined
};
const cases = [...badInputs({ big: true }), renamedXlsx];

const db = useNodeDb();

/** The test's engine for `report`, which closes the engine it is given: it closes after the last test. */
const shared = async (): Promise<Db> => ({ ...db, close: async () => {} });

function oneSentence(message: string): void {
	expect(message).not.toMatch(/\n|\s at |Error:|LINE \d|\^/);
	expect(message.length).toBeLessThan(240);
}

let dir: string;
beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'pipelens-bad-'));
});
afterAll(() => {
	rmSync(dir, { recursive: true, force: true });
});

describe('the bad-input corpus covers every class of issue 7', () => {
	it('has a case for each class and an expectation for each case', () => {
		const names = cases.map((c) => c.name);
		for (const name of [...Object.keys(WARNINGS), ...Object.keys(ERRORS)])
			expect(names).toContain(name);
		for (const c of cases) expect(c.clean !== null || c.name in ERRORS, c.name).toBe(true);
		expect(cases.find((c) => c.name === 'huge-field.csv')!.bytes.length).toBeGreaterThan(3e6);
		expect(cases.length).toBeGreaterThanOrEqual(30);
	});
});

describe('tests/fixtures/bad holds what the generator writes', () => {
	it.each(badInputs().map((c) => [c.name, c] as const))('%s', (name, c) => {
		const committed = new Uint8Array(readFileSync(join(FIXTURES, name)));
		expect(Buffer.compare(committed, c.bytes)).toBe(0);
	});
});

describe.each(cases.map((c) => [c.class, c] as const))('%s', (_class, c) => {
	const roles = { [c.name]: 'deals' as const };
	const config = (c.config ?? {}) as Config;

	if (c.clean === null) {
		it(`${c.name}: loading fails with one short sentence naming the file`, async () => {
			const load = loadDataset(db, [{ name: c.name, source: c.bytes }], { config, roles });
			const error = await load.then(
				() => null,
				(e: Error) => e
			);
			expect(error).not.toBeNull();
			expect(error!.message).toMatch(ERRORS[c.name]);
			oneSentence(error!.message);
		});
		it(`${c.name}: report exits 1 with that sentence on stderr`, async () => {
			const path = join(dir, c.name);
			writeFileSync(path, c.bytes);
			let out = '';
			let err = '';
			const code = await main(
				['--deals', path, '--json'],
				{ out: (t) => (out += t), err: (t) => (err += t) },
				shared
			);
			expect(code).toBe(1);
			expect(out).toBe('');
			expect(err).toMatch(new RegExp(`^report: ${ERRORS[c.name].source.slice(1, -1)}`));
			oneSentence(err.trim());
		});
		return;
	}

	it(`${c.name}: the same report as the clean file, each problem named, rows accounted`, async () => {
		const dataset = await loadDataset(db, [{ name: c.name, source: c.bytes }], {
			config,
			roles
		});
		const actual = await runReport(db, dataset);
		const owners = await db.query(sql`SELECT DISTINCT owner FROM deals ORDER BY owner`);
		const expected = WARNINGS[c.name] ?? [];
		for (const w of dataset.warnings) {
			expect(
				expected.some((re) => re.test(w)) || STAGE_WORDS.test(w),
				`unexpected warning: ${w}`
			).toBe(true);
			// A warning never echoes a huge field or header.
			expect(w.length).toBeLessThan(400);
		}
		for (const re of expected)
			expect(
				dataset.warnings.filter((w) => re.test(w)),
				`${re}`
			).toHaveLength(1);
		// Rows read = rows loaded + rows rejected, with read counted by the generator.
		const rows = dataset.rows.find((r) => r.file === c.name)!;
		const want = ROWS[c.name] ?? { loaded: 30, rejected: 0 };
		expect(rows).toEqual({ file: c.name, role: 'deals', read: c.rows ?? 30, ...want });
		expect(rows.read).toBe(rows.loaded + rows.rejected);
		expect(dataset.dealCount).toBe(want.loaded);

		const cleanConfig = config.columns ? {} : config;
		const clean = await loadDataset(db, [{ name: 'clean.csv', source: c.clean! }], {
			config: cleanConfig,
			roles: { 'clean.csv': 'deals' }
		});
		const reference = await runReport(db, clean);
		expect({ ...actual, warnings: [] }).toEqual({ ...reference, warnings: [] });
		// Names decode to the same text (encodings, repairs, odd headers through the mapping).
		expect(owners).toEqual(await db.query(sql`SELECT DISTINCT owner FROM deals ORDER BY owner`));
	});

	it(`${c.name}: report exits 0 with the warnings in its JSON`, async () => {
		const path = join(dir, c.name);
		writeFileSync(path, c.bytes);
		const argv = ['--deals', path, '--json'];
		if (c.config) {
			writeFileSync(join(dir, `${c.name}.config.json`), JSON.stringify(c.config));
			argv.push('--config', join(dir, `${c.name}.config.json`));
		}
		let out = '';
		let err = '';
		const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) }, shared);
		expect(err).toBe('');
		expect(code).toBe(0);
		const report = JSON.parse(out);
		expect(report.deals.created).toBeGreaterThan(0);
		for (const re of WARNINGS[c.name] ?? [])
			expect(report.warnings.some((w: string) => re.test(w))).toBe(true);
	});
});
