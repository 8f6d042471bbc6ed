import type { Sql } from '../sql/sql';

/**
 * Named spans on the page's performance timeline (`performance.measure`), read by the benchmark
 * (`npm run bench`) and visible in the browser's profiler. No-ops where there is no timeline.
 */
export const MARK = 'pipelens:';

export async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
	const perf = globalThis.performance;
	if (typeof perf?.measure !== 'function') return work();
	const start = perf.now();
	try {
		return await work();
	} finally {
		try {
			perf.measure(MARK + name, { start, end: perf.now() });
		} catch {
			// A timeline that refuses the entry costs only the figure.
		}
	}
}

/** The mark `markStatement` leaves on the timeline for each statement sent. */
export const STATEMENT_MARK = MARK + 'sql';

/**
 * A `pipelens:sql` mark per statement sent, with its text's length (`detail.chars`) and nothing
 * of the text itself: the benchmark counts them per load and per view. A sink for
 * `logStatements` (db/statement-log.ts); a no-op where there is no timeline.
 */
export function markStatement(statement: Sql): void {
	const perf = globalThis.performance;
	if (typeof perf?.mark !== 'function') return;
	try {
		perf.mark(STATEMENT_MARK, { detail: { chars: statement.text.length } });
	} catch {
		// A timeline that refuses the entry costs only the count.
	}
}
