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

/** `value` as `bytes` little-endian bytes. */
const uint = (value: number, bytes: 2 | 4) => {
	const view = new DataView(new ArrayBuffer(bytes));
	if (bytes === 2) view.setUint16(0, value, true);
	else view.setUint32(0, value, true);
	return new Uint8Array(view.buffer);
};

/** A zip entry: stored, or raw deflate with the inflated size the archive declares. */
type Part = { name: string; data: Uint8Array; deflated?: { declared: number } };

/** A zip archive written by hand, so a part can declare any size (CRCs left 0: never checked). */
export function writeZip(parts: Part[]): Uint8Array {
	const local: Uint8Array[] = [];
	const central: Uint8Array[] = [];
	let offset = 0;
	for (const part of parts) {
		const name = new TextEncoder().encode(part.name);
		const method = part.deflated ? 8 : 0;
		const declared = part.deflated ? part.deflated.declared : part.data.length;
		// The fields a local header and its central directory entry share, "version needed" to
		// "extra field length": bytes 4–29 of the header, 6–31 of the entry.
		const shared = new DataView(new ArrayBuffer(26));
		shared.setUint16(0, 20, true);
		shared.setUint16(4, method, true);
		shared.setUint32(14, part.data.length, true);
		shared.setUint32(18, declared, true);
		shared.setUint16(22, name.length, true);
		const fields = new Uint8Array(shared.buffer);
		local.push(uint(0x04034b50, 4), fields, name, part.data);
		// The entry: its signature, "version made by", the shared fields, then comment length,
		// disk, attributes (all 0) and the local header's offset.
		central.push(
			uint(0x02014b50, 4),
			uint(20, 2),
			fields,
			new Uint8Array(10),
			uint(offset, 4),
			name
		);
		offset += 30 + name.length + part.data.length;
	}
	const directory = concat(central);
	const end = new DataView(new ArrayBuffer(22));
	end.setUint32(0, 0x06054b50, true);
	end.setUint16(8, parts.length, true);
	end.setUint16(10, parts.length, true);
	end.setUint32(12, directory.length, true);
	end.setUint32(16, offset, true);
	return concat([...local, directory, new Uint8Array(end.buffer)]);
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
