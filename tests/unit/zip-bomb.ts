import { Deflate, unzipSync } from 'fflate';
import { buildXlsx } from './xlsx-fixture';

const concat = (parts: Uint8Array[]) => {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
};

/**
 * Raw deflate data that inflates to `mb` MiB of zero bytes, built in milliseconds: one MiB of
 * zeros is compressed once and its ~1 kB block, which refers only to the zeros before it, is
 * repeated (sync flushes end each block on a byte boundary). 3,000 MiB take ~3 MB.
 */
export function zerosDeflate(mb: number): Uint8Array {
	const out: Uint8Array[] = [];
	const deflater = new Deflate({ level: 9 }, (chunk) => out.push(chunk));
	const block = new Uint8Array(1024 * 1024);
	deflater.push(block);
	deflater.flush(true);
	const first = concat(out.splice(0));
	deflater.push(block);
	deflater.flush(true);
	const repeat = concat(out.splice(0));
	deflater.push(new Uint8Array(0), true);
	const last = concat(out.splice(0));
	return concat([first, ...Array<Uint8Array>(Math.max(0, mb - 1)).fill(repeat), last]);
}

/** A zip entry: stored, or raw deflate with the inflated size the archive declares. */
type Part = { name: string; data: Uint8Array; deflated?: { declared: number } };

/** A field of a zip record: its width in bytes and its value. */
type Field = [bytes: 2 | 4, value: number];

/** `size` bytes starting with the fields in order, little-endian, the rest 0. */
function littleEndian(size: number, fields: readonly Field[]): Uint8Array {
	const view = new DataView(new ArrayBuffer(size));
	let at = 0;
	for (const [bytes, value] of fields) {
		if (bytes === 2) view.setUint16(at, value, true);
		else view.setUint32(at, value, true);
		at += bytes;
	}
	return new Uint8Array(view.buffer);
}

/** A zip archive written by hand, so a part can declare any size (CRCs left 0: never checked). */
export function writeZip(parts: Part[]): Uint8Array {
	const local: Uint8Array[] = [];
	const central: Uint8Array[] = [];
	let offset = 0;
	for (const part of parts) {
		const name = new TextEncoder().encode(part.name);
		const method = part.deflated ? 8 : 0;
		const declared = part.deflated ? part.deflated.declared : part.data.length;
		const fields: Field[] = [
			[2, method],
			[4, 0], // time and date
			[4, 0], // CRC
			[4, part.data.length],
			[4, declared],
			[2, name.length]
		];
		// Local file header: signature, version needed, flags, then the fields.
		local.push(littleEndian(30, [[4, 0x04034b50], [2, 20], [2, 0], ...fields]), name, part.data);
		// Central directory entry: signature, versions made by and needed, flags, the same fields,
		// then lengths, disk and attributes (0) and the local header's offset.
		const entry = littleEndian(46, [[4, 0x02014b50], [2, 20], [2, 20], [2, 0], ...fields]);
		new DataView(entry.buffer).setUint32(42, offset, true);
		central.push(entry, name);
		offset += 30 + name.length + part.data.length;
	}
	const directory = concat(central);
	// End of central directory: signature, disk numbers, entry counts, size and offset.
	const end = littleEndian(22, [
		[4, 0x06054b50],
		[2, 0],
		[2, 0],
		[2, parts.length],
		[2, parts.length],
		[4, directory.length],
		[4, offset]
	]);
	return concat([...local, directory, end]);
}

/**
 * A workbook like a real one whose first sheet inflates to `mb` MiB of zeros, declaring
 * `declared` bytes (a lying archive declares a small size; an honest one the true size).
 */
export function bombXlsx(mb: number, declared: number = mb * 1024 * 1024): Uint8Array {
	const parts = unzipSync(buildXlsx([[{ s: 'Deal' }], [{ s: 'A' }]]));
	return writeZip(
		Object.entries(parts).map(([name, data]) =>
			name === 'xl/worksheets/sheet1.xml'
				? { name, data: zerosDeflate(mb), deflated: { declared: Math.min(declared, 0xfffffffe) } }
				: { name, data }
		)
	);
}
