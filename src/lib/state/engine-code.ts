/**
 * The engine's load and view code (reading and typing files, the metric statements), in a chunk
 * of its own: the empty page does not need it, so its first paint does not wait for it. The
 * page asks for it as it opens (`App.start`), so a drop finds it fetched.
 */
export function engineCode(): Promise<typeof import('./engine-code-parts')> {
	return import('./engine-code-parts');
}
