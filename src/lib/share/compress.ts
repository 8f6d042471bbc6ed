import { deflateSync, Inflate, strFromU8, strToU8 } from 'fflate';
import { fromBase64Url, toBase64Url } from './base64url';

/** Raw deflate at the best ratio: links are made once and read many times. */
export function deflate(bytes: Uint8Array): Uint8Array {
	return deflateSync(bytes, { level: 9, mem: 8 });
}

class TooLarge extends Error {}

/**
 * Compressed bytes handed to the inflater at a time: fflate inflates all it is given before
 * calling back, so the cap is checked after each slice, with at most ~16 MB (deflate's best
 * ratio, 1032×) produced past it.
 */
const SLICE = 16 * 1024;

/**
 * Inflate raw deflate, refusing to produce more than `max` bytes (a crafted link must not
 * expand into gigabytes): the input is inflated in slices and stopped as soon as the output
 * passes `max`. An error when the bytes are not valid deflate or expand past `max`.
 */
export function inflate(
	bytes: Uint8Array,
	max: number
): { bytes: Uint8Array } | { error: 'inflate' | 'size' } {
	const chunks: Uint8Array[] = [];
	let total = 0;
	let ended = false;
	const inflater = new Inflate((chunk, final) => {
		total += chunk.length;
		if (total > max) throw new TooLarge();
		chunks.push(chunk);
		if (final) ended = true;
	});
	try {
		for (let at = 0; at < bytes.length && !ended; at += SLICE) {
			const to = Math.min(bytes.length, at + SLICE);
			inflater.push(bytes.subarray(at, to), to === bytes.length);
		}
	} catch (e) {
		return { error: e instanceof TooLarge ? 'size' : 'inflate' };
	}
	if (!ended) return { error: 'inflate' };
	const out = new Uint8Array(total);
	let at = 0;
	for (const c of chunks) {
		out.set(c, at);
		at += c.length;
	}
	return { bytes: out };
}

/** Why a packed part could not be read. */
export type UnpackError = 'base64' | 'inflate' | 'size' | 'json';

/** A part packed as deflate + base64url starts with this mark; otherwise it is plain JSON. */
export const PACKED = '~';

/** JSON for a URL: plain when that is shorter once URL-encoded, else deflated and base64url. */
export function packJson(value: unknown): string {
	const json = JSON.stringify(value);
	const packed = PACKED + toBase64Url(deflate(strToU8(json)));
	return encodeURIComponent(json).length <= packed.length ? json : packed;
}

/** Read what packJson wrote; never throws. */
export function unpackJson(text: string, max: number): { value: unknown } | { error: UnpackError } {
	let json = text;
	if (text.startsWith(PACKED)) {
		const bytes = fromBase64Url(text.slice(PACKED.length));
		if (!bytes) return { error: 'base64' };
		const inflated = inflate(bytes, max);
		if ('error' in inflated) return inflated;
		try {
			json = strFromU8(inflated.bytes);
		} catch {
			return { error: 'inflate' };
		}
	} else if (text.length > max) return { error: 'size' };
	try {
		return { value: JSON.parse(json) as unknown };
	} catch {
		return { error: 'json' };
	}
}
