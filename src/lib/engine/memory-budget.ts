import { MEMORY_LIMIT_MB } from '../db/types';
import { megabytes } from '../i18n/bytes';

/**
 * Will these files fit in the browser? DuckDB-WASM's heap cannot grow past 4 GB, and a tab that
 * runs out of memory dies without a word; so the files' sizes are checked against a budget first
 * and the user told, before anything is read.
 *
 * A load needs about 10.5 × the file size plus ~700 MB at its peak (the all-text table, the typed
 * tables, the stage history and a sort over it, the engine and the page), measured by `npm run
 * bench` as the Chromium processes' total memory: 0.9 GB for a 22 MB HubSpot export of 100 k deals
 * with its seven `Date entered` columns, 2.9 GB for 217 MB (1 M deals). So about 320 MB of such
 * an export fits in the 4 GB wasm heap; a narrower file needs less, and DuckDB's own memory limit
 * turns an underestimate into a message (see `out-of-memory.ts`), not a dead tab.
 */

export const WASM_HEAP_LIMIT = 4 * 1024 ** 3;
const PER_BYTE = 10.5;
const BASE = 700 * 1024 ** 2;

export interface MemoryEnvironment {
	/** `navigator.deviceMemory` (GB, rounded down and capped by the browser; often 8). */
	deviceMemoryGb?: number;
	/**
	 * A smaller budget set on purpose (a test, or `?memory-mb=` in the page's address), in
	 * bytes. It can only lower the budget: a link must not talk a browser into a load that
	 * would kill the tab.
	 */
	overrideBytes?: number;
}

/** The bytes a load may use: the wasm heap limit, less on a device with little memory. */
export function memoryBudget(env: MemoryEnvironment = {}): number {
	const device = env.deviceMemoryGb ? env.deviceMemoryGb * 1024 ** 3 * 0.75 : Infinity;
	const budget = Math.min(WASM_HEAP_LIMIT, device);
	if (env.overrideBytes !== undefined && env.overrideBytes > 0)
		return Math.min(env.overrideBytes, budget);
	return budget;
}

/** What loading files of these sizes is expected to take at its peak, in bytes. */
export function memoryNeeded(sizes: readonly number[]): number {
	return BASE + PER_BYTE * sizes.reduce((sum, n) => sum + n, 0);
}

/** The largest total of file sizes a budget takes. */
export function largestFitting(budget: number): number {
	return Math.max(0, (budget - BASE) / PER_BYTE);
}

/** Null when the files fit; else one sentence saying what is too big and what to do. */
export function tooLarge(
	files: readonly { name: string; size: number }[],
	budget: number
): string | null {
	const total = files.reduce((sum, f) => sum + f.size, 0);
	if (memoryNeeded(files.map((f) => f.size)) <= budget) return null;
	const biggest = [...files].sort((a, b) => b.size - a.size)[0];
	const what =
		files.length === 1
			? `${biggest.name} is ${megabytes(total)}`
			: `these files are ${megabytes(total)} together (${biggest.name}: ${megabytes(biggest.size)})`;
	return `${what}: too large to analyse in this browser, which can hold about ${megabytes(largestFitting(budget))} of exports. Filter the export (a shorter period, one pipeline), or run \`npm run report -- --engine native\` on it, which writes a compact Parquet file the dashboard opens.`;
}

/** The browser's budget: its device memory, and a `?memory-mb=` override in the address. */
export function browserMemoryBudget(): number {
	const nav = globalThis.navigator as (Navigator & { deviceMemory?: number }) | undefined;
	const param = globalThis.location
		? new URLSearchParams(globalThis.location.search).get('memory-mb')
		: null;
	const override = param && /^\d+$/.test(param) ? Number(param) * 1024 ** 2 : undefined;
	return memoryBudget({ deviceMemoryGb: nav?.deviceMemory, overrideBytes: override });
}

/**
 * DuckDB's memory limit in MB when the address sets a lower one (`?engine-memory-mb=`): the
 * engine then runs out of memory the way it would on a small device (a diagnostic, and the
 * tests' way to make it happen for real). Undefined: the default limit, which a link can
 * never raise.
 */
export function engineMemoryLimitMb(
	search = globalThis.location?.search ?? ''
): number | undefined {
	const param = new URLSearchParams(search).get('engine-memory-mb');
	if (!param || !/^[1-9]\d{0,5}$/.test(param)) return undefined;
	return Number(param) < MEMORY_LIMIT_MB ? Number(param) : undefined;
}
