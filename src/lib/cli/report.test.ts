import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSalesforceNoCreated } from '../../../tests/generators/salesforce-no-created.mjs';
import { expectClose } from '../../../tests/unit/expect-close';
import { withTempDir } from '../../../tests/unit/temp-dir';
import { main } from './report';

const EXAMPLES = join(import.meta.dirname, '../../../tests/fixtures/examples');

interface Run {
	files: { deals: string; history?: string; spend?: string };
	config: string | null;
	from: string | null;
	to: string | null;
	where: Record<string, string[]> | null;
	expected: Record<string, unknown>;
}

async function report(argv: string[]): Promise<{ code: number; out: string; err: string }> {
	let out = '';
	let err = '';
	const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
	return { code, out, err };
}

function argvFor(dir: string, run: Run): string[] {
	const argv = ['--deals', join(dir, run.files.deals)];
	if (run.files.history) argv.push('--history', join(dir, run.files.history));
	if (run.files.spend) argv.push('--spend', join(dir, run.files.spend));
	if (run.config) argv.push('--config', join(dir, run.config));
	if (run.from && run.to) argv.push('--from', run.from, '--to', run.to);
	for (const [dim, values] of Object.entries(run.where ?? {}))
		for (const v of values) argv.push('--where', `${dim}=${v}`);
	return [...argv, '--json'];
}

describe('report --json reproduces every expected.json of the examples', () => {
	// Every example folder holds an expected.json; one that is missing or broken fails here.
	const examples = readdirSync(EXAMPLES, { withFileTypes: true }).filter((e) => e.isDirectory());
	it('finds the three examples', () => {
		expect(examples.map((e) => e.name).sort()).toEqual(['enterprise', 'hubspot', 'salesforce']);
	});
	for (const { name } of examples) {
		const dir = join(EXAMPLES, name);
		const runs: Run[] = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));
		runs.forEach((run, i) => {
			const label = `${name} #${i + 1} (${run.from ?? 'whole'}…${run.to ?? ''}${run.where ? ` where ${JSON.stringify(run.where)}` : ''})`;
			it.each(['wasm', 'native'])(`${label} on the %s engine`, async (engine) => {
				const { code, out, err } = await report([...argvFor(dir, run), '--engine', engine]);
				expect(err).toBe('');
				expect(code).toBe(0);
				const actual = JSON.parse(out);
				const { warnings: _ignored, ...expected } = run.expected;
				expectClose(actual, expected);
				expect(Array.isArray(actual.warnings)).toBe(true);
			});
		});
	}
});

describe('report on a file whose lines end in \\r\\n and \\n both', () => {
	it.each(['wasm', 'native'])(
		'gives the numbers of the same file with one line ending, on the %s engine',
		async (engine) => {
			await withTempDir('pipelens-eol-', async (dir) => {
				const hubspot = join(EXAMPLES, 'hubspot');
				const run = (JSON.parse(readFileSync(join(hubspot, 'expected.json'), 'utf8')) as Run[])[0];
				const lines = readFileSync(join(hubspot, run.files.deals), 'utf8').split(/\r?\n/);
				// Every other line in \r\n, the others in \n (a hand edit in another editor).
				const mixed = lines.map((l, i) => l + (i % 2 ? '\n' : '\r\n')).join('');
				expect(mixed).toMatch(/[^\r]\n/);
				writeFileSync(join(dir, run.files.deals), mixed);
				const argv = argvFor(dir, { ...run, files: { deals: run.files.deals } });
				const spend = run.files.spend ? ['--spend', join(hubspot, run.files.spend)] : [];
				const { code, out, err } = await report([...argv, ...spend, '--engine', engine]);
				expect(err).toBe('');
				expect(code).toBe(0);
				const { warnings: _ignored, ...expected } = run.expected;
				expectClose(JSON.parse(out), expected);
			});
		}
	);
});

describe('report --engine native --parquet', () => {
	it('writes the canonical tables, and a deals Parquet file alone', async () => {
		await withTempDir('pipelens-parquet-', async (dir) => {
			const hubspot = join(EXAMPLES, 'hubspot');
			const deals = join(hubspot, 'hubspot-crm-exports-all-deals-2025-07-01.csv');
			const spend = join(hubspot, 'spend.csv');
			const folder = join(dir, 'tables');
			const argv = ['--deals', deals, '--spend', spend, '--engine', 'native', '--json'];
			const first = await report([...argv, '--parquet', folder]);
			expect(first.code).toBe(0);
			expect(first.err).toContain('deals.parquet');
			expect(readdirSync(folder).sort()).toEqual([
				'deals.parquet',
				'spend.parquet',
				'stage_events.parquet'
			]);
			const single = join(dir, 'deals.parquet');
			expect((await report([...argv, '--parquet', single])).code).toBe(0);
			const bytes = readFileSync(single);
			expect(bytes.subarray(0, 4).toString()).toBe('PAR1');
			expect(bytes.subarray(-4).toString()).toBe('PAR1');
			// The columns as METRICS.md §1 types them: the outcome is text, as in the CSV exports.
			const { DuckDBInstance } = await import('@duckdb/node-api');
			const instance = await DuckDBInstance.create(':memory:');
			const conn = await instance.connect();
			try {
				const described = await conn.runAndReadAll(
					`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('${single}'))`
				);
				const types = Object.fromEntries(described.getRows().map(([n, t]) => [n, t]));
				expect(types).toMatchObject({ id: 'VARCHAR', outcome: 'VARCHAR', created: 'DATE' });
				const outcomes = await conn.runAndReadAll(
					`SELECT DISTINCT outcome FROM read_parquet('${single}') ORDER BY 1`
				);
				expect(outcomes.getRows().flat()).toEqual(['lost', 'open', 'won']);
			} finally {
				conn.closeSync();
				instance.closeSync();
			}
			const created = JSON.parse(first.out).deals.created;
			expect(created).toBeGreaterThan(0);
		});
	});

	it('refuses --parquet without the native engine', async () => {
		const { code, err } = await report(['--deals', 'x.csv', '--parquet', 'out.parquet']);
		expect(code).toBe(2);
		expect(err).toContain('--parquet needs --engine native');
	});
});

describe('report --config past the size limits', () => {
	it('names the field and the limit for 50,000 stages, and the size for a huge file', async () => {
		await withTempDir('pipelens-config-', async (dir) => {
			const deals = join(EXAMPLES, 'hubspot', 'hubspot-crm-exports-all-deals-2025-07-01.csv');
			const many = join(dir, 'many.json');
			writeFileSync(
				many,
				JSON.stringify({ stages: Array.from({ length: 50_000 }, (_, i) => `S${i}`) })
			);
			const first = await report(['--deals', deals, '--config', many, '--json']);
			expect(first.code).not.toBe(0);
			expect(first.err).toContain('config.stages has 50000 labels, more than the limit of 500');
			expect(first.err).not.toMatch(/call stack/i);
			const huge = join(dir, 'huge.json');
			writeFileSync(huge, JSON.stringify({ stages: ['x'.repeat(2 * 1024 * 1024)] }));
			const second = await report(['--deals', deals, '--config', huge, '--json']);
			expect(second.code).not.toBe(0);
			expect(second.err).toContain('more than the 1,024 kB a config may be');
		});
	});
});

describe('report --engine native and values that look like input paths', () => {
	it('binds a --where value starting with /pipelens-input/ as it is, on both engines', async () => {
		await withTempDir('pipelens-path-value-', async (dir) => {
			const name = 'hubspot-crm-exports-all-deals-2025-07-01.csv';
			const text = readFileSync(join(EXAMPLES, 'hubspot', name), 'utf8');
			// An owner whose name looks like the engine's input folder.
			writeFileSync(join(dir, name), text.replaceAll('"Eve O\'Neil"', '"/pipelens-input/x"'));
			const deals = join(dir, name);
			const as = (owner: string) => ['--where', `owner=${owner}`, '--json'];
			const results = [];
			for (const engine of ['wasm', 'native'])
				for (const owner of ['/pipelens-input/x', '/pipelens-input/y']) {
					const { code, out } = await report(['--deals', deals, '--engine', engine, ...as(owner)]);
					expect(code).toBe(0);
					results.push(JSON.parse(out).deals.created);
				}
			const eve = (text.match(/"Eve O'Neil"/g) ?? []).length;
			expect(eve).toBeGreaterThan(0);
			// Her deals created in the period, and none for an owner nobody has.
			expect(results[0]).toBeGreaterThan(0);
			expect(results).toEqual([results[0], 0, results[0], 0]);
		});
	});
});

describe('report says how it read each file', () => {
	const hubspot = join(EXAMPLES, 'hubspot');
	const deals = join(hubspot, 'hubspot-crm-exports-all-deals-2025-07-01.csv');
	// The HubSpot example's header, field by field (its first line).
	const hubspotColumns = {
		id: 'Record ID',
		stage: 'Deal Stage',
		pipeline: 'Pipeline',
		amount: 'Amount',
		closed: 'Close Date',
		created: 'Create Date',
		owner: 'Deal owner',
		source: 'Original Traffic Source',
		probability: 'Deal probability'
	};

	it('lists role, CRM and each field → column under `read` in --json', async () => {
		const header = readFileSync(deals, 'utf8').split('\n')[0];
		const stageDates = header.split(',').filter((c) => c.startsWith('"Date entered')).length;
		expect(stageDates).toBe(7);
		const { code, out } = await report([
			'--deals',
			deals,
			'--spend',
			join(hubspot, 'spend.csv'),
			'--json'
		]);
		expect(code).toBe(0);
		const read = JSON.parse(out).read;
		expect(read).toHaveLength(2);
		expect(read[0]).toMatchObject({
			file: 'hubspot-crm-exports-all-deals-2025-07-01.csv',
			role: 'deals',
			crm: 'hubspot',
			columns: hubspotColumns,
			stage_columns: stageDates,
			won: ['Closed Won'],
			lost: ['Closed Lost']
		});
		// Deal Name is read as nothing.
		expect(Object.values(read[0].columns)).not.toContain('Deal Name');
		expect(read[1]).toEqual({
			file: 'spend.csv',
			role: 'spend',
			crm: expect.any(String),
			columns: { date: 'Month', channel: 'Channel', amount: 'Spend' }
		});
	});

	it('prints the same in the table output', async () => {
		const { code, out } = await report(['--deals', deals]);
		expect(code).toBe(0);
		const section = out.split('\n\n')[0].split('\n');
		expect(section[0]).toBe('Read:');
		expect(section[1]).toBe(
			'  hubspot-crm-exports-all-deals-2025-07-01.csv: deals, read as hubspot'
		);
		for (const [field, column] of Object.entries(hubspotColumns))
			expect(section[2]).toContain(`${field} = "${column}"`);
		expect(section).toContain('    stage date columns: 7');
		expect(section).toContain('    won: "Closed Won"; lost: "Closed Lost"');
	});

	it('reads each file as the config says: every column, the history and spend, the stages', async () => {
		const dir = join(EXAMPLES, 'enterprise');
		const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
		const argv = ['--deals', join(dir, 'opps.csv'), '--history', join(dir, 'stage_log.csv')];
		argv.push('--spend', join(dir, 'spend.csv'), '--config', join(dir, 'config.json'), '--json');
		const { code, out } = await report(argv);
		expect(code).toBe(0);
		const [dealsRead, historyRead, spendRead] = JSON.parse(out).read;
		expect(dealsRead).toMatchObject({ file: 'opps.csv', role: 'deals', columns: config.columns });
		expect(Object.keys(dealsRead.columns).sort()).toEqual(Object.keys(config.columns).sort());
		expect(dealsRead.stages).toEqual(config.stages);
		expect(dealsRead.won).toEqual(config.won);
		expect(dealsRead.lost).toEqual(config.lost);
		expect(historyRead).toMatchObject({ file: 'stage_log.csv', role: 'history' });
		expect(historyRead.columns).toEqual(config.history);
		expect(spendRead).toMatchObject({ file: 'spend.csv', role: 'spend', columns: config.spend });
	});
});

describe('report --config with left_out', () => {
	it('leaves the deals with a left-out label out of every count, and warns', async () => {
		await withTempDir('pipelens-left-out-', async (dir) => {
			// Six deals; D4's outcome and D5's stage are Passed.
			writeFileSync(
				join(dir, 'deals.csv'),
				[
					'id,created,closed,status,stage',
					'D1,2024-01-05,2024-02-01,Won,Proposal',
					'D2,2024-01-10,2024-02-10,Lost,Demo',
					'D3,2024-01-15,2024-03-01,Won,Proposal',
					'D4,2024-02-01,2024-03-05,Passed,Demo',
					'D5,2024-02-10,,Open,Passed',
					'D6,2024-02-15,,Open,Demo'
				].join('\n') + '\n'
			);
			const config = {
				stages: ['Lead', 'Demo', 'Proposal'],
				won: ['Won'],
				lost: ['Lost'],
				left_out: ['Passed'],
				columns: {
					id: 'id',
					created: 'created',
					closed: 'closed',
					outcome: 'status',
					stage: 'stage'
				}
			};
			writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
			const argv = ['--deals', join(dir, 'deals.csv'), '--config', join(dir, 'config.json')];
			const { code, out } = await report([
				...argv,
				'--from',
				'2024-01-01',
				'--to',
				'2024-12-31',
				'--json'
			]);
			expect(code).toBe(0);
			const r = JSON.parse(out);
			expect(r.deals).toEqual({ created: 4, won: 2, lost: 1 });
			expect(r.win_rate).toBeCloseTo(2 / 3, 12);
			expect(r.pipeline.open_deals).toBe(1);
			expect(r.warnings).toContain('deals.csv: 2 deals left out (labels: "Passed")');
		});
	});
});

describe('report --deals given a stage history', () => {
	it('says it is a history and how to give it, and exits non-zero', async () => {
		await withTempDir('pipelens-history-as-deals-', async (dir) => {
			const { history } = generateSalesforceNoCreated([
				['won', 2],
				['open', 1]
			]);
			writeFileSync(join(dir, 'history.csv'), history);
			const { code, out, err } = await report(['--deals', join(dir, 'history.csv'), '--json']);
			expect(code).not.toBe(0);
			expect(out).toBe('');
			expect(err).toContain(
				'history.csv: this is a stage history (a row per stage change: "OpportunityId", "StageName", "CreatedDate"), not a deals file: give it as the history (--history FILE'
			);
		});
	});
});
