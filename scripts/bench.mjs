// `npm run bench [-- --json] [--large] [--sizes 1000,1000000] [--runs 3] [--no-build] [--threads]`:
// generate seeded HubSpot exports (1 k, 10 k and 100 k deals unless told), build the site, open
// it for 2 s, load them in headless Chromium and time the path from file to dashboard and each
// filter change, counting the statements each sends; read the same files with native DuckDB
// (one thread) as the reference. Prints a table, or one JSON object per size with --json.
// `--threads` serves the page cross-origin isolated and opens it with `?threads=1`: DuckDB's
// threaded build.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchFiles } from './bench/generate.mjs';
import { jsGzipKb } from './bench/js-size.mjs';
import { nativeIngestMs } from './bench/native.mjs';
import { engineStartVisits, launch, runOnce } from './bench/page.mjs';
import { serve } from './bench/serve.mjs';
import { median, quantile } from './bench/stats.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CACHE = join(root, '.bench');

/**
 * @param {string[]} argv
 * @returns {{ json: boolean, large: boolean, build: boolean, runs: number, filters: number, sizes: number[], narrow: boolean, threads: boolean }}
 */
function parse(argv) {
	/** @type {{ json: boolean, large: boolean, build: boolean, runs: number, filters: number, sizes: number[] | null, narrow: boolean, threads: boolean }} */
	const options = {
		json: false,
		large: false,
		build: true,
		runs: 3,
		filters: 21,
		sizes: null,
		narrow: true,
		threads: false
	};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--json') options.json = true;
		else if (arg === '--large') options.large = true;
		else if (arg === '--no-build') options.build = false;
		else if (arg === '--no-narrow') options.narrow = false;
		else if (arg === '--threads') options.threads = true;
		else if (arg === '--runs') options.runs = Math.max(1, Number(argv[++i]));
		else if (arg === '--filters') options.filters = Math.max(1, Number(argv[++i]));
		else if (arg === '--sizes') options.sizes = argv[++i].split(',').map(Number);
		else {
			process.stderr.write(`bench: unknown option ${arg}\n`);
			process.exit(2);
		}
	}
	// Everyday exports by default; 1 M deals (and its narrow twin) only when asked for.
	const sizes =
		options.sizes ?? (options.large ? [100_000, 1_000_000, 5_000_000] : [1_000, 10_000, 100_000]);
	return { ...options, sizes };
}

const log = (/** @type {string} */ text) => process.stderr.write(`bench: ${text}\n`);

const round = (/** @type {number} */ n, digits = 0) => Number(n.toFixed(digits));

async function main() {
	const options = parse(process.argv.slice(2));
	if (options.build) {
		log('building the site');
		const built = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8' });
		if (built.status !== 0) {
			process.stderr.write(built.stdout + built.stderr);
			process.exit(1);
		}
	}
	const js = jsGzipKb(join(root, 'build'));
	const cases = options.sizes.map((rows) => ({ rows, narrow: false }));
	if (options.narrow && options.sizes.includes(1_000_000))
		cases.push({ rows: 1_000_000, narrow: true });
	const site = await serve(join(root, 'build'), { isolated: options.threads });
	const url = options.threads ? `${site.url}?threads=1` : site.url;
	// The engine's start on a first and a repeat visit (a browser profile each): the same for
	// every size, so measured once per run, before the sizes.
	const visits = [];
	for (let r = 0; r < options.runs; r++) {
		const files = await benchFiles(CACHE, options.sizes[0], { narrow: false });
		visits.push(await engineStartVisits(url, [files.deals, files.spend]));
		const last = visits[visits.length - 1];
		log(
			`engine start: first visit ${Math.round(last.firstMs)} ms, repeat ${Math.round(last.repeatMs)} ms`
		);
	}
	const browser = await launch();
	/** @type {Result[]} */
	const results = [];
	try {
		for (const c of cases) {
			const label = `${c.rows}${c.narrow ? ' narrow' : ''}`;
			log(`generating ${label}`);
			const files = await benchFiles(CACHE, c.rows, { narrow: c.narrow });
			const native = [];
			const runs = [];
			for (let r = 0; r < options.runs; r++) {
				native.push(await nativeIngestMs(files.deals));
				log(
					`${label}: run ${r + 1}/${options.runs} (native ${Math.round(native[native.length - 1])} ms)`
				);
				runs.push(
					await runOnce(browser, {
						url,
						files: [files.deals, files.spend],
						filters: options.filters,
						timeoutMs: Math.max(900_000, c.rows * 2),
						log: (text) => log(`${label}: ${text}`)
					})
				);
				const last = runs[runs.length - 1];
				log(
					`${label}: drop→dashboard ${Math.round(last.dropMs)} ms, ingest ${Math.round(last.ingestMs)} ms, build ${Math.round(last.buildMs)} ms, filter p95 ${Math.round(quantile(last.filterMs, 0.95))} ms (queries p95 ${Math.round(quantile(last.queryMs, 0.95))} ms)`
				);
			}
			const nativeMs = median(native);
			const ingestMs = median(runs.map((r) => r.ingestMs));
			const row = {
				rows: c.rows,
				csv_bytes: files.bytes,
				engine_threads: median(runs.map((r) => r.engineThreads)),
				engine_start_ms: round(median(runs.map((r) => r.engineStartMs))),
				engine_start_first_ms: round(median(visits.map((v) => v.firstMs))),
				engine_start_repeat_ms: round(median(visits.map((v) => v.repeatMs))),
				ingest_ms: round(ingestMs),
				drop_to_dashboard_ms: round(median(runs.map((r) => r.dropMs))),
				filter_p50_ms: round(median(runs.map((r) => quantile(r.filterMs, 0.5))), 1),
				filter_p95_ms: round(median(runs.map((r) => quantile(r.filterMs, 0.95))), 1),
				native_ingest_ms: round(nativeMs),
				ingest_vs_native: round(ingestMs / nativeMs, 2),
				peak_memory_mb: round(median(runs.map((r) => r.peakMemoryMb))),
				js_gzip_kb: round(js.page, 1),
				js_total_gzip_kb: round(js.total, 1),
				statements_per_load: round(median(runs.map((r) => r.loadStatements))),
				statements_per_view: round(median(runs.map((r) => median(r.viewStatements))), 1),
				largest_statement_chars: Math.max(...runs.map((r) => r.largestStatementChars))
			};
			results.push({ label, row, build: round(median(runs.map((r) => r.buildMs))) });
			if (options.json) process.stdout.write(JSON.stringify(row) + '\n');
		}
	} finally {
		await browser.close();
		await site.close();
	}
	if (!options.json) printTable(results);
}

/** @typedef {{ label: string, row: Record<string, number>, build: number }} Result */

/** @param {Result[]} results */
function printTable(results) {
	/** @type {[string, (r: Result) => string | number][]} */
	const columns = [
		['file', (r) => r.label],
		['MB', (r) => (r.row.csv_bytes / 1e6).toFixed(0)],
		['engine', (r) => r.row.engine_start_ms],
		['ingest', (r) => r.row.ingest_ms],
		['native', (r) => r.row.native_ingest_ms],
		['×native', (r) => r.row.ingest_vs_native],
		['build', (r) => r.build],
		['drop→dash', (r) => r.row.drop_to_dashboard_ms],
		['filter p50', (r) => r.row.filter_p50_ms],
		['filter p95', (r) => r.row.filter_p95_ms],
		['peak MB', (r) => r.row.peak_memory_mb],
		['JS gz kB (page)', (r) => r.row.js_gzip_kb],
		['JS gz kB (all)', (r) => r.row.js_total_gzip_kb],
		['stmts/load', (r) => r.row.statements_per_load],
		['stmts/view', (r) => r.row.statements_per_view],
		['largest stmt', (r) => r.row.largest_statement_chars]
	];
	const cells = [
		columns.map(([h]) => h),
		...results.map((r) => columns.map(([, f]) => String(f(r))))
	];
	const widths = columns.map((_, i) => Math.max(...cells.map((row) => row[i].length)));
	for (const row of cells) console.log(row.map((c, i) => c.padStart(widths[i])).join('  '));
	console.log(
		'(milliseconds unless named; medians of the runs; a shared machine makes them noisy)'
	);
}

await main();
