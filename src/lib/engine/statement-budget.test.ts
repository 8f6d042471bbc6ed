import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeDb } from '../db/node';
import { raw } from '../sql/sql';
import { logStatements, statementCounter, type StatementCount } from '../db/statement-log';
import type { Db } from '../db/types';
import { runDashboard } from './dashboard';
import { loadDataset } from './load';

// The structural budget of issue #15: every statement costs a parse, a plan and a worker round
// trip, so their number and size are held here, where they cannot creep back unseen. Timings
// stay in the benchmark (`npm run bench`), which reads the same counts from the page.

/** Statements to load one deals file and one spend file: a small fixed number per file. */
const LOAD_BUDGET = 37;
/**
 * Statements a dashboard view runs (every panel of one period and set of filters): the one that
 * writes its values to `view_values`, and eight that read them.
 */
const VIEW_BUDGET = 9;
/** The longest statement text, in characters, that any load or view may send. */
const LARGEST_STATEMENT_CHARS = 8_000;
/**
 * Reads of `view_values` in the plans of a view's statements, together (a view with owner and
 * source filters): each is a scalar subquery the planner joins in and orders with the rest, and
 * a CTE named more than once repeats its own. Planning a view took ~3 × as long with the period
 * read once per date test (71 reads) as with it read once per statement (47).
 */
const VIEW_VALUES_READS = 48;

const HUBSPOT = join(import.meta.dirname, '../../../tests/fixtures/examples/hubspot');
const DEALS = 'hubspot-crm-exports-all-deals-2025-07-01.csv';

let engine: Db;
let load: StatementCount;
let first: StatementCount;
let second: StatementCount;
let third: StatementCount;
let fourth: StatementCount;
let fifth: StatementCount;
let sixth: StatementCount;
beforeAll(async () => {
	engine = await startNodeDb();
	const counter = statementCounter();
	const db = logStatements(engine, counter.sink);
	const dataset = await loadDataset(
		db,
		[
			{ name: DEALS, source: readFileSync(join(HUBSPOT, DEALS), 'utf8') },
			{ name: 'spend.csv', source: readFileSync(join(HUBSPOT, 'spend.csv'), 'utf8') }
		],
		{ roles: { [DEALS]: 'deals', 'spend.csv': 'spend' } }
	);
	load = counter.take();
	// The view after a drop (the whole of a fiscal year, unfiltered), then a click: another
	// period and one owner. Both periods have a period before them within the data, so both
	// views compute the same panels.
	await runDashboard(db, dataset, { period: { from: '2024-04-01', to: '2025-03-31' } });
	first = counter.take();
	await runDashboard(db, dataset, {
		period: { from: '2024-07-01', to: '2025-06-30' },
		filters: { owner: ['Bob Ito'] }
	});
	second = counter.take();
	// More clicks: other filter values and the first period, then no filter again, then a source
	// filter (which filters spend too) twice.
	await runDashboard(db, dataset, {
		period: { from: '2024-04-01', to: '2025-03-31' },
		filters: { owner: ['Alice Moreau', 'Bob Ito'], segment: [] }
	});
	third = counter.take();
	await runDashboard(db, dataset, { period: { from: '2024-07-01', to: '2025-06-30' } });
	fourth = counter.take();
	await runDashboard(db, dataset, {
		period: { from: '2024-04-01', to: '2025-03-31' },
		filters: { source: ['ORGANIC'] }
	});
	fifth = counter.take();
	await runDashboard(db, dataset, {
		period: { from: '2024-10-01', to: '2025-06-30' },
		filters: { owner: ['Bob Ito'], source: ['PAID_SEARCH', 'REFERRAL'] }
	});
	sixth = counter.take();
});
afterAll(async () => {
	await engine?.close();
});

const longest = (count: StatementCount) => Math.max(...count.texts.map((t) => t.length));

describe('the statement budget of a load and a view (HubSpot example with its spend file)', () => {
	it('the counter sees the load and both views', () => {
		expect(load.statements).toBeGreaterThan(0);
		expect(first.statements).toBeGreaterThan(0);
		expect(second.statements).toBeGreaterThan(0);
		expect(load.largestChars).toBe(longest(load));
	});

	it(`a load runs at most ${LOAD_BUDGET} statements`, () => {
		expect(load.statements).toBeLessThanOrEqual(LOAD_BUDGET);
	});

	it(`no statement of a load is over ${LARGEST_STATEMENT_CHARS} characters`, () => {
		expect(load.largestChars).toBeLessThanOrEqual(LARGEST_STATEMENT_CHARS);
	});

	it(`a view runs at most ${VIEW_BUDGET} statements`, () => {
		expect(first.statements).toBeLessThanOrEqual(VIEW_BUDGET);
		expect(second.statements).toBeLessThanOrEqual(VIEW_BUDGET);
		expect(third.statements).toBeLessThanOrEqual(VIEW_BUDGET);
		expect(fifth.statements).toBeLessThanOrEqual(VIEW_BUDGET);
	});

	it(`the plans of a view read view_values at most ${VIEW_VALUES_READS} times`, async () => {
		let reads = 0;
		for (const text of sixth.texts.filter((t) => !/^\s*UPDATE/.test(t))) {
			const plan = await engine.query(raw(`EXPLAIN ${text}`));
			reads += JSON.stringify(plan).split('view_values').length - 1;
		}
		// The view's reads (its period twice, its filter groups, its channels) are all in it.
		expect(reads).toBeGreaterThanOrEqual(4);
		expect(reads).toBeLessThanOrEqual(VIEW_VALUES_READS);
	});

	it(`no statement of a view is over ${LARGEST_STATEMENT_CHARS} characters`, () => {
		expect(first.largestChars).toBeLessThanOrEqual(LARGEST_STATEMENT_CHARS);
		expect(second.largestChars).toBeLessThanOrEqual(LARGEST_STATEMENT_CHARS);
	});

	// With no filter at all the texts skip the filter-group join (a probe per deal), and without a
	// source filter they skip the spend channel's; any values share one text. So a dataset has
	// three sets of view texts, each planned once.
	it('a click re-plans nothing: another period or other filter values send the same texts', () => {
		const sorted = (count: StatementCount) => [...count.texts].sort();
		expect(sorted(third)).toEqual(sorted(second));
		expect(sorted(fourth)).toEqual(sorted(first));
		expect(sorted(sixth)).toEqual(sorted(fifth));
		const all = [first, second, third, fourth, fifth, sixth].flatMap((c) => c.texts);
		expect(new Set(all).size).toBe(new Set([...first.texts, ...second.texts, ...fifth.texts]).size);
	});
});
