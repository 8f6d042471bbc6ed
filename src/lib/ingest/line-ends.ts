/**
 * Files whose lines end in `\r\n` and `\n` both (hand edits, two exports concatenated). A
 * spreadsheet shows one row per line either way; DuckDB's `read_csv` takes one line ending for
 * the whole file, from its sample, and then reads a line with the other ending as part of a
 * field (rows silently merged) or stops with "The CSV Parser state machine reached an invalid
 * state"; Papa Parse, which sniffs the dialect, does the same. So such a file is given one line
 * ending, `\n`, before either reads it. A file with one kind of line ending is left as it is.
 */

/** Which line endings were seen: bit 1 `\r\n`, bit 2 a bare `\n`, bit 4 a bare `\r`. */
type Kinds = number;
const CRLF = 1;
const LF = 2;
const CR = 4;
const mixed = (kinds: Kinds) => kinds !== 0 && (kinds & (kinds - 1)) !== 0;

/** Line endings in a chunk of bytes; `before` is the byte before it (0 at the start). */
function kindsIn(bytes: Uint8Array, before: number, next: number | undefined): Kinds {
	let kinds = 0;
	for (let i = bytes.indexOf(10); i !== -1 && !mixed(kinds); i = bytes.indexOf(10, i + 1))
		kinds |= (i === 0 ? before : bytes[i - 1]) === 13 ? CRLF : LF;
	for (let i = bytes.indexOf(13); i !== -1 && !mixed(kinds); i = bytes.indexOf(13, i + 1)) {
		const after = i + 1 < bytes.length ? bytes[i + 1] : next;
		// A `\r` at the very end of a chunk is decided with the next chunk's first byte.
		if (after !== undefined && after !== 10) kinds |= CR;
	}
	return kinds;
}

/** Does the text (a whole file) mix line endings? */
export function mixesLineEnds(text: string): boolean {
	const crlf = text.includes('\r\n');
	const lf = /(^|[^\r])\n/.test(text);
	const cr = /\r(?!\n)/.test(text);
	return Number(crlf) + Number(lf) + Number(cr) > 1;
}

/** The text with one line ending, `\n`, when it mixes them; else as it is. */
export function oneLineEnd(text: string): string {
	return mixesLineEnds(text) ? text.replace(/\r\n?/g, '\n') : text;
}

/**
 * Do the bytes of a UTF-8 file mix line endings? A file is read in chunks (never held whole);
 * one without a `\r` costs a byte search per chunk.
 */
export async function bytesMixLineEnds(source: Uint8Array | Blob): Promise<boolean> {
	if (source instanceof Uint8Array) return mixed(kindsIn(source, 0, undefined));
	const reader = source.stream().getReader();
	let kinds = 0;
	let before = 0;
	let current: Uint8Array | undefined;
	for (;;) {
		const { done, value } = await reader.read();
		if (!done && value.length === 0) continue;
		if (current) {
			kinds |= kindsIn(current, before, done ? undefined : value[0]);
			before = current[current.length - 1];
			if (mixed(kinds)) {
				if (!done) await reader.cancel();
				return true;
			}
		}
		if (done) return false;
		current = value;
	}
}
