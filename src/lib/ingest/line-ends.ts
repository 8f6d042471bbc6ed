/**
 * Files whose lines end in `\r\n` and `\n` both (hand edits, two exports concatenated). A
 * spreadsheet shows one row per line either way; DuckDB's `read_csv` takes one line ending for
 * the whole file, from its sample, and then reads a line with the other ending as part of a
 * field (rows silently merged) or stops with "The CSV Parser state machine reached an invalid
 * state"; Papa Parse, which sniffs the dialect, does the same. So such a file is given one line
 * ending, `\n`, before either reads it. A file with one kind of line ending is left as it is.
 */

/**
 * Which line endings were seen: bit 1 `\r\n`, bit 2 a bare `\n`. A bare `\r` is left alone: it
 * is a line ending only in files that use nothing else (old Mac), which DuckDB reads as such, and
 * otherwise text inside a quoted field.
 */
type Kinds = number;
const CRLF = 1;
const LF = 2;
const mixed = (kinds: Kinds) => kinds === (CRLF | LF);

/** Line endings in a chunk of bytes; `before` is the byte before it (0 at the start). */
function kindsIn(bytes: Uint8Array, before: number): Kinds {
	let kinds = 0;
	for (let i = bytes.indexOf(10); i !== -1 && !mixed(kinds); i = bytes.indexOf(10, i + 1))
		kinds |= (i === 0 ? before : bytes[i - 1]) === 13 ? CRLF : LF;
	return kinds;
}

/** Does the text (a whole file) end lines in `\r\n` and in a bare `\n` both? */
export function mixesLineEnds(text: string): boolean {
	return text.includes('\r\n') && /(^|[^\r])\n/.test(text);
}

/** The text with one line ending, `\n`, when it mixes `\r\n` and `\n`; else as it is. */
export function oneLineEnd(text: string): string {
	return mixesLineEnds(text) ? text.replace(/\r\n/g, '\n') : text;
}

/**
 * Do the bytes of a UTF-8 file mix line endings? A file is read in chunks (never held whole);
 * one without a `\r` costs a byte search per chunk.
 */
export async function bytesMixLineEnds(source: Uint8Array | Blob): Promise<boolean> {
	if (source instanceof Uint8Array) return mixed(kindsIn(source, 0));
	const reader = source.stream().getReader();
	let kinds = 0;
	let before = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) return false;
		if (value.length === 0) continue;
		kinds |= kindsIn(value, before);
		before = value[value.length - 1];
		if (mixed(kinds)) {
			await reader.cancel();
			return true;
		}
	}
}
