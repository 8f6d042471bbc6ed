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
