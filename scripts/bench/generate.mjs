// Seeded benchmark inputs, streamed to disk (a 5 M-deal export does not fit in one string) and
// cached by name: the wide HubSpot export (with its seven `Date entered` columns), a narrow
// HubSpot-shaped export (no stage-date columns, unquoted), and the monthly spend file.
import { once } from 'node:events';
import {
	createWriteStream,
	existsSync,
	mkdirSync,
	renameSync,
	statSync,
	writeFileSync
} from 'node:fs';
import { join } from 'node:path';
import { hubspotShape } from '../../tests/generators/hubspot.mjs';
import { seeded } from '../../tests/generators/random.mjs';

const OPTIONS = {
	start: '2022-01-01',
	end: '2025-06-30',
	today: '2025-07-01',
	language: /** @type {const} */ ('en'),
	exited: false
};
const NARROW = [0, 2, 4, 5, 6, 7, 8];

/** @param {string} value */
function field(value) {
	return /[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * Write `lines()` to `path` through a stream, in ~1 MB chunks, honouring back-pressure.
 * @param {string} path @param {Iterable<string>} lines
 */
async function writeLines(path, lines) {
	const partial = `${path}.partial`;
	const out = createWriteStream(partial);
	let chunk = '';
	for (const line of lines) {
		chunk += line + '\n';
		if (chunk.length >= 1 << 20) {
			if (!out.write(chunk)) await once(out, 'drain');
			chunk = '';
		}
	}
	out.end(chunk);
	await once(out, 'finish');
	renameSync(partial, path);
}

/**
 * The files for `deals` deals in `dir` (made once, then reused).
 * @param {string} dir @param {number} deals @param {{ narrow?: boolean }} [options]
 * @returns {Promise<{ deals: string, spend: string, bytes: number }>}
 */
export async function benchFiles(dir, deals, { narrow = false } = {}) {
	mkdirSync(dir, { recursive: true });
	const name = `hubspot-${narrow ? 'narrow' : 'deals'}-${deals}.csv`;
	const path = join(dir, name);
	const spendPath = join(dir, `spend-${deals}.csv`);
	if (!existsSync(path) || !existsSync(spendPath)) {
		const rnd = seeded(20_240_601);
		const shape = hubspotShape(rnd, OPTIONS);
		const headers = shape.header.split('","').map((h) => h.replace(/^"|"$/g, ''));
		await writeLines(path, {
			*[Symbol.iterator]() {
				yield narrow ? NARROW.map((c) => field(headers[c])).join(',') : shape.header;
				for (let i = 0; i < deals; i++) {
					const d = shape.deal(i);
					yield narrow ? NARROW.map((c) => field(d.row[c])).join(',') : d.line;
				}
			}
		});
		writeFileSync(spendPath, shape.spendCsv(shape.spend()));
	}
	return { deals: path, spend: spendPath, bytes: statSync(path).size };
}
