import { Inflate } from 'fflate';
import { megabytes } from '../i18n/bytes';

/**
 * Zip bomb guard for `.xlsx` workbooks. read-excel-file unzips every `.xml` part in one call and
 * grows each output buffer as it goes, so a 3 MB workbook whose sheet inflates to 3 GB freezes
 * a tab and kills Node (V8 fatal error) before any size can be looked at. Here every part the
 * reader will inflate is first inflated in small slices, counting bytes and throwing the output
 * away, and refused as soon as it passes a limit: at most `slice × 1032` bytes (deflate's best
 * ratio) exist at any time, so a bomb is refused after a few milliseconds of work.
 */

/** A workbook that is refused for its size, in one sentence for the user. */
export class WorkbookLimitError extends Error {}

export type WorkbookLimits = {
	/** Inflated bytes of all the parts together. */
	maxTotalBytes: number;
	/** Inflated bytes over compressed bytes of one part, checked once it passes `ratioFloor`. */
	maxRatio: number;
	ratioFloor: number;
	/** Parts in the archive. */
	maxEntries: number;
};

/**
 * Real workbooks: sheet XML compresses 5–30×, and a sheet of 1 M deals is ~300 MB of XML
 * (more would not fit in the engine's memory after conversion anyway).
 */
export const WORKBOOK_LIMITS: WorkbookLimits = {
	maxTotalBytes: 512 * 1024 ** 2,
	maxRatio: 200,
	ratioFloor: 1024 ** 2,
	maxEntries: 10_000
};

/** Compressed bytes handed to the inflater at a time. */
const SLICE = 16 * 1024;

/** The parts read-excel-file unzips (its filterZipArchiveEntry); the others are never inflated. */
const isReadPart = (name: string) => name.endsWith('.xml') || name.endsWith('.xml.rels');

const u16 = (d: Uint8Array, at: number) => d[at] | (d[at + 1] << 8);
const u32 = (d: Uint8Array, at: number) =>
	(d[at] | (d[at + 1] << 8) | (d[at + 2] << 16) | (d[at + 3] << 24)) >>> 0;

type Entry = { name: string; method: number; compressed: number; declared: number; data: number };

/** The archive's central directory, the index fflate's `unzip` reads too. */
function entries(bytes: Uint8Array, max: number): Entry[] {
	let end = -1;
	// End of central directory: 22 bytes, after a comment of at most 65,535 bytes.
	for (let at = bytes.length - 22; at >= 0 && at >= bytes.length - 22 - 0xffff; at--) {
		if (u32(bytes, at) === 0x06054b50) {
			end = at;
			break;
		}
	}
	if (end < 0) return [];
	const count = u16(bytes, end + 10);
	if (count > max)
		throw new WorkbookLimitError(
			`the workbook holds ${count} parts, more than the ${max} a spreadsheet has: it is not an export to read`
		);
	const list: Entry[] = [];
	let at = u32(bytes, end + 16);
	for (let i = 0; i < count && at + 46 <= bytes.length; i++) {
		if (u32(bytes, at) !== 0x02014b50) break;
		const nameLength = u16(bytes, at + 28);
		const next = at + 46 + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
		const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
		const compressed = u32(bytes, at + 20);
		const declared = u32(bytes, at + 24);
		const local = u32(bytes, at + 42);
		if (compressed === 0xffffffff || declared === 0xffffffff || local === 0xffffffff)
			throw new WorkbookLimitError(
				'the workbook is a ZIP64 archive (over 4 GB inflated): too large to read in this browser'
			);
		const data =
			local + 30 <= bytes.length ? local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28) : 0;
		list.push({ name, method: u16(bytes, at + 10), compressed, declared, data });
		at = next;
	}
	return list;
}

function tooLarge(what: string): WorkbookLimitError {
	return new WorkbookLimitError(
		`${what}: this is not an export a spreadsheet wrote (a "zip bomb"), or one too large to read here. Save the sheet as CSV and load that.`
	);
}

/**
 * Throws WorkbookLimitError when the parts of the workbook read would inflate past the limits,
 * checking the sizes the archive declares first, then the bytes actually inflated (a crafted
 * archive can declare anything). Damaged deflate data is left for the reader to report.
 */
export function checkWorkbookSize(
	bytes: Uint8Array,
	limits: WorkbookLimits = WORKBOOK_LIMITS
): void {
	const parts = entries(bytes, limits.maxEntries).filter((e) => isReadPart(e.name));
	const declared = parts.reduce((sum, e) => sum + e.declared, 0);
	if (declared > limits.maxTotalBytes)
		throw tooLarge(
			`the workbook says it inflates to ${megabytes(declared)}, over the ${megabytes(limits.maxTotalBytes)} limit`
		);
	let total = 0;
	for (const part of parts) {
		if (part.method !== 8) {
			total += part.compressed;
			continue;
		}
		let inflated = 0;
		let consumed = 0;
		let done = false;
		const inflater = new Inflate((chunk, final) => {
			inflated += chunk.length;
			if (final) done = true;
		});
		const stop = Math.min(bytes.length, part.data + part.compressed);
		try {
			for (let at = part.data; at < stop && !done; at += SLICE) {
				const to = Math.min(stop, at + SLICE);
				inflater.push(bytes.subarray(at, to), to === stop);
				consumed = to - part.data;
				if (total + inflated > limits.maxTotalBytes)
					throw tooLarge(
						`the workbook inflates to more than ${megabytes(limits.maxTotalBytes)}, the limit`
					);
				if (inflated > limits.ratioFloor && inflated > consumed * limits.maxRatio)
					throw tooLarge(
						`the part ${part.name} inflates more than ${limits.maxRatio} times its size`
					);
			}
		} catch (e) {
			if (e instanceof WorkbookLimitError) throw e;
			// Not valid deflate: the reader says why.
		}
		total += inflated;
	}
}
