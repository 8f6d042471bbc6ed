/**
 * The bytes of a dropped file, read without holding a large file whole until it must be: its
 * head, its first few bytes, all of it; and what the bytes alone say (a NUL, binary content).
 */

/** The bytes read for sniffing: enough for a preamble, the header and a preview of rows. */
export const HEAD_BYTES = 256 * 1024;

/** The first `HEAD_BYTES` bytes. */
export async function headBytes(source: Uint8Array | Blob): Promise<Uint8Array> {
	if (source instanceof Uint8Array) return source.subarray(0, HEAD_BYTES);
	return new Uint8Array(await source.slice(0, HEAD_BYTES).arrayBuffer());
}

/** The first `n` bytes (a file signature). */
export async function firstBytes(source: Uint8Array | Blob, n = 8): Promise<Uint8Array> {
	if (source instanceof Uint8Array) return source.subarray(0, n);
	return new Uint8Array(await source.slice(0, n).arrayBuffer());
}

/** Every byte. */
export async function allBytes(source: Uint8Array | Blob): Promise<Uint8Array> {
	return source instanceof Uint8Array ? source : new Uint8Array(await source.arrayBuffer());
}

/**
 * Whether bytes hold a NUL anywhere: a file is read in chunks (never held whole), and the scan
 * runs while DuckDB reads the same file, so only a file with a NUL pays for the table scan.
 */
export async function hasNul(source: Uint8Array | Blob): Promise<boolean> {
	if (source instanceof Uint8Array) return source.includes(0);
	const reader = source.stream().getReader();
	for (;;) {
		const { done, value } = await reader.read();
		if (done) return false;
		if (value.includes(0)) {
			await reader.cancel();
			return true;
		}
	}
}

/** More than 1% control bytes (other than tab, newline, carriage return) in the head: not text. */
export function binary(head: Uint8Array): boolean {
	const sample = head.subarray(0, 4096);
	let control = 0;
	for (const b of sample) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) control++;
	return control > Math.max(2, sample.length / 100);
}
