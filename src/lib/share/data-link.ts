import { ZipPassThrough } from 'fflate';
import { fromBase64Url, toBase64Url } from './base64url';
import { deflate, inflate, type UnpackError } from './compress';

/**
 * The longest link we hand out with the data inside: 32,000 characters. The data sits after `#`,
 * which is never sent, so server limits (8 kB request lines) do not apply; every current browser
 * opens far longer addresses (Chrome 2 MB, Firefox 1 MB, Safari ~80 kB). What breaks first is the
 * road between people: mail clients, chat apps and ticket systems cut or refuse links well before
 * 64 kB, and a 32 kB link still pastes whole. Past it, host the file (`?src=`) or send the report.
 */
export const DATA_LINK_LIMIT = 32_000;
/** Raw bytes above which we do not even try to pack the data (it cannot fit the limit). */
export const MAX_PACKABLE_BYTES = 4 * 1024 * 1024;
/** The most a data-in-link may expand to when opened (a crafted link is not a zip bomb). */
const MAX_UNPACKED = 64 * 1024 * 1024;

/**
 * CRC-32 (IEEE): deflate has no checksum, and a damaged link must not open as other data.
 * fflate's, through the one class that hands it out: a ZIP entry kept as is computes the CRC
 * of the bytes pushed to it, without copying them.
 */
export function crc32(bytes: Uint8Array): number {
	const entry = new ZipPassThrough('');
	entry.ondata = () => {};
	entry.push(bytes, true);
	return entry.crc >>> 0;
}

export interface PackedFile {
	name: string;
	bytes: Uint8Array;
}

/**
 * Files as one base64url text: deflate of a CRC-32 of all that follows, a 4-byte header length,
 * a JSON header `{"n": [names], "l": [byte lengths]}` and the files' bytes one after another.
 */
export function packFiles(files: PackedFile[]): string {
	const header = new TextEncoder().encode(
		JSON.stringify({
			n: files.map((f) => f.name),
			l: files.map((f) => f.bytes.length)
		})
	);
	const total = 8 + header.length + files.reduce((s, f) => s + f.bytes.length, 0);
	const out = new Uint8Array(total);
	const view = new DataView(out.buffer);
	view.setUint32(4, header.length);
	out.set(header, 8);
	let at = 8 + header.length;
	for (const f of files) {
		out.set(f.bytes, at);
		at += f.bytes.length;
	}
	view.setUint32(0, crc32(out.subarray(4)));
	return toBase64Url(deflate(out));
}

/** The files packFiles wrote; never throws. */
export function unpackFiles(text: string): { files: PackedFile[] } | { error: UnpackError } {
	const packed = fromBase64Url(text);
	if (!packed) return { error: 'base64' };
	const inflated = inflate(packed, MAX_UNPACKED);
	if ('error' in inflated) return inflated;
	const whole = inflated.bytes;
	if (whole.length < 8) return { error: 'inflate' };
	const check = new DataView(whole.buffer, whole.byteOffset);
	if (check.getUint32(0) !== crc32(whole.subarray(4))) return { error: 'inflate' };
	const bytes = whole.subarray(4);
	const headerLength = check.getUint32(4);
	if (headerLength > Math.min(65_536, bytes.length - 4)) return { error: 'json' };
	let header: unknown;
	try {
		header = JSON.parse(
			new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(4, 4 + headerLength))
		);
	} catch {
		return { error: 'json' };
	}
	const { n, l } = (header ?? {}) as { n?: unknown; l?: unknown };
	if (
		!Array.isArray(n) ||
		!Array.isArray(l) ||
		n.length !== l.length ||
		n.length === 0 ||
		n.length > 8 ||
		!n.every((x) => typeof x === 'string' && x.length > 0 && x.length <= 255) ||
		!l.every((x) => Number.isSafeInteger(x) && x >= 0) ||
		4 + headerLength + (l as number[]).reduce((s, x) => s + x, 0) !== bytes.length
	)
		return { error: 'json' };
	let at = 4 + headerLength;
	const files = (n as string[]).map((name, i) => {
		const file = { name, bytes: bytes.slice(at, at + (l as number[])[i]) };
		at += (l as number[])[i];
		return file;
	});
	return { files };
}
