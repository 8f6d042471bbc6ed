import { errorText } from '../i18n/error-text';

/**
 * DuckDB's "Out of Memory Error" (a load or a query needed more than its memory limit) as one
 * sentence a user can act on. The engine itself survives such an error, unlike a wasm trap.
 */

const OUT_OF_MEMORY = /Out of Memory Error/i;
// "could not allocate block of size 30.5 MiB (0 bytes/7.6 MiB used)",
// "failed to allocate data of size 64.0 MiB (2.9 GiB/3.0 GiB used)"
const DETAIL = /allocate (?:block|data) of size ([\d.]+ \w+) \(([\d.]+ \w+)\/([\d.]+ \w+) used\)/i;

export function isOutOfMemory(error: unknown): boolean {
	return OUT_OF_MEMORY.test(errorText(error));
}

/** What to say when the engine ran out of memory; null when the error is something else. */
export function outOfMemoryMessage(error: unknown): string | null {
	const text = errorText(error);
	if (!OUT_OF_MEMORY.test(text)) return null;
	const detail = DETAIL.exec(text);
	const what = detail
		? ` (it needed ${detail[1]} more with ${detail[2]} of its ${detail[3]} in use)`
		: '';
	return `The analysis engine ran out of memory${what}. Close other tabs and retry, filter the export (a shorter period, one pipeline), or run \`npm run report -- --engine native\` on it.`;
}
