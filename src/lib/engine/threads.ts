/**
 * `?threads=1` in the page's address asks for DuckDB's multi-threaded build. It runs only where
 * the page is cross-origin isolated: a host sending COOP/COEP, or our service worker adding them
 * to a page opened with this parameter (from the second load on: the worker must be installed).
 */
export const THREADS_PARAM = 'threads';

export function threadsWanted(search = globalThis.location?.search ?? ''): boolean {
	return new URLSearchParams(search).get(THREADS_PARAM) === '1';
}
