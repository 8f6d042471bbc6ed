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

/** A zip archive written by hand, so a part can declare any size (CRCs left 0: never checked). */
export function writeZip(parts: Part[]): Uint8Array {
	const local: Uint8Array[] = [];
	const central: Uint8Array[] = [];
	let offset = 0;
	for (const part of parts) {
		const name = new TextEncoder().encode(part.name);
		const method = part.deflated ? 8 : 0;
		const declared = part.deflated ? part.deflated.declared : part.data.length;
		const head = new DataView(new ArrayBuffer(30));
		head.setUint32(0, 0x04034b50, true);
		head.setUint16(4, 20, true);
		head.setUint16(8, method, true);
		head.setUint32(18, part.data.length, true);
		head.setUint32(22, declared, true);
		head.setUint16(26, name.length, true);
		local.push(new Uint8Array(head.buffer), name, part.data);
		const entry = new DataView(new ArrayBuffer(46));
		entry.setUint32(0, 0x02014b50, true);
		entry.setUint16(4, 20, true);
		entry.setUint16(6, 20, true);
		entry.setUint16(10, method, true);
		entry.setUint32(20, part.data.length, true);
		entry.setUint32(24, declared, true);
		entry.setUint16(28, name.length, true);
		entry.setUint32(42, offset, true);
		central.push(new Uint8Array(entry.buffer), name);
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
