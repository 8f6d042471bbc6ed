import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../tests/unit/temp-dir';
import { parseArgs, UsageError } from './args';
import { main } from './report';

/** The UsageError `parseArgs(argv)` throws, checked to be one sentence on one line. */
function usageError(argv: string[]): string {
	try {
		parseArgs(argv);
	} catch (e) {
		expect(e).toBeInstanceOf(UsageError);
		const message = (e as Error).message;
		expect(message).not.toMatch(/\n/);
		expect(message.length).toBeGreaterThan(10);
		return message;
	}
	throw new Error(`parseArgs(${JSON.stringify(argv)}) did not throw`);
}

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
	let out = '';
	let err = '';
	const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
	return { code, out, err };
}

describe('parseArgs', () => {
	it('parseArgs(argv) reads files, the period, repeated --where and --json', () => {
		const args = parseArgs([
			'--deals',
			'd.csv',
			'--history',
			'h.csv',
			'--spend',
			's.csv',
			'--config',
			'c.json',
			'--from',
			'2024-01-01',
			'--to',
			'2024-12-31',
			'--where',
			'owner=Ann',
			'--where',
			'owner=Bob',
			'--where',
			'source=Paid=Search',
			'--json'
		]);
		expect(args).toEqual({
			deals: 'd.csv',
			history: 'h.csv',
			spend: 's.csv',
			config: 'c.json',
			from: '2024-01-01',
			to: '2024-12-31',
			filters: { owner: ['Ann', 'Bob'], source: ['Paid=Search'] },
			json: true,
			help: false,
			engine: 'wasm'
		});
	});

	it('parseArgs(argv) takes the native engine and a Parquet output', () => {
		const args = parseArgs(['--deals', 'd.csv', '--engine', 'native', '--parquet', 'out/']);
		expect(args.engine).toBe('native');
		expect(args.parquet).toBe('out/');
		expect(() => parseArgs(['--deals', 'd.csv', '--engine', 'gpu'])).toThrow(
			/--engine is wasm or native, not "gpu"/
		);
	});

	it('parseArgs(argv) allows no period: the whole data', () => {
		const args = parseArgs(['--deals', 'd.csv']);
		expect(args.from).toBeUndefined();
		expect(args.to).toBeUndefined();
		expect(args.json).toBe(false);
	});

	it('parseArgs(argv) allows a one-day period (from = to)', () => {
		expect(parseArgs(['--deals', 'd.csv', '--from', '2024-02-29', '--to', '2024-02-29']).from).toBe(
			'2024-02-29'
		);
	});

	it('parseArgs rejects a date that is not YYYY-MM-DD or not a real day', () => {
		expect(usageError(['--deals', 'd.csv', '--from', '01/02/2024', '--to', '2024-12-31'])).toBe(
			'--from must be a date written YYYY-MM-DD, not "01/02/2024"'
		);
		expect(usageError(['--deals', 'd.csv', '--from', '2024-01-01', '--to', '2023-02-29'])).toBe(
			'--to must be a date written YYYY-MM-DD, not "2023-02-29"'
		);
	});

	it('parseArgs rejects an unknown option', () => {
		expect(usageError(['--deals', 'd.csv', '--form', '2024-01-01'])).toBe(
			'unknown option "--form"'
		);
	});

	it('parseArgs rejects --where with an unknown dimension or without =', () => {
		expect(usageError(['--deals', 'd.csv', '--where', 'region=EU'])).toMatch(
			/^--where takes DIM=VALUE with DIM one of owner, source, pipeline, segment, not "region=EU"$/
		);
		expect(usageError(['--deals', 'd.csv', '--where', 'owner'])).toMatch(/not "owner"/);
	});

	it('parseArgs rejects --from without --to, and --to without --from', () => {
		expect(usageError(['--deals', 'd.csv', '--from', '2024-01-01'])).toBe(
			'give both --from and --to, or neither'
		);
		expect(usageError(['--deals', 'd.csv', '--to', '2024-01-01'])).toBe(
			'give both --from and --to, or neither'
		);
	});

	it('parseArgs rejects --from after --to', () => {
		expect(usageError(['--deals', 'd.csv', '--from', '2024-02-01', '--to', '2024-01-31'])).toBe(
			'--from 2024-02-01 is after --to 2024-01-31'
		);
	});

	it('parseArgs rejects a missing --deals and an option without its value', () => {
		expect(usageError(['--json'])).toBe('--deals FILE is required');
		expect(usageError(['--deals', '--json'])).toBe('--deals needs a value');
		expect(usageError(['--deals'])).toBe('--deals needs a value');
	});

	it('parseArgs(["--help"]) asks for help without requiring --deals', () => {
		expect(parseArgs(['--help']).help).toBe(true);
		expect(parseArgs(['-h']).help).toBe(true);
	});
});

describe('main', () => {
	it('main(["--help"]) prints the usage and exits 0', async () => {
		const { code, out, err } = await run(['--help']);
		expect(code).toBe(0);
		expect(out).toMatch(/^Usage: npm run --silent report -- --deals FILE/);
		expect(err).toBe('');
	});

	it('main with a missing file exits 1 with one line on stderr and no stack trace', async () => {
		const missing = join(tmpdir(), 'pipelens-no-such-dir', 'deals.csv');
		const { code, out, err } = await run(['--deals', missing, '--json']);
		expect(code).toBe(1);
		expect(out).toBe('');
		expect(err).toBe(`report: ${missing}: no such file\n`);
		expect(err).not.toMatch(/\bat /);
	});

	it('main with a usage error exits 2 and points to --help', async () => {
		const { code, out, err } = await run(['--deals', 'd.csv', '--from', '2024-01-01']);
		expect(code).toBe(2);
		expect(out).toBe('');
		expect(err).toBe('report: give both --from and --to, or neither\nRun with --help for usage.\n');
	});

	/** `main` on a one-deal file with a config file holding `text`. */
	const runWithConfig = async (text: string) => {
		const dir = makeTempDir('pipelens-args-');
		const config = join(dir, 'config.json');
		writeFileSync(config, text);
		writeFileSync(join(dir, 'deals.csv'), 'id,created,stage\n1,2024-01-01,Lead\n');
		return { config, ...(await run(['--deals', join(dir, 'deals.csv'), '--config', config])) };
	};

	it('main with a config that is not valid JSON exits 1 naming the file', async () => {
		const { config, code, err } = await runWithConfig('{"stages": [');
		expect(code).toBe(1);
		expect(err).toMatch(
			new RegExp(`^report: ${config.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid JSON`)
		);
		expect(err.trimEnd().split('\n')).toHaveLength(1);
	});

	it('main with a config key it does not know exits 1 with one clear line', async () => {
		const { config, code, err } = await runWithConfig('{"stage": ["Lead"]}');
		expect(code).toBe(1);
		expect(err).toBe(`report: ${config}: the config has an unknown key "stage"\n`);
	});

	it('main with a binary file exits 1 with one clear line', async () => {
		const deals = join(makeTempDir('pipelens-args-'), 'deals.xlsx');
		writeFileSync(deals, Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0x14, 0, 0, 0]));
		const { code, out, err } = await run(['--deals', deals, '--json']);
		expect(code).toBe(1);
		expect(out).toBe('');
		expect(err).toBe('report: deals.xlsx: this is a binary file, not a CSV export\n');
	});
});
