import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seeded } from '../../../tests/generators/random.mjs';
import { useNodeDb } from '../../../tests/unit/node-db';
import { expectClose } from '../../../tests/unit/expect-close';
import { main } from './report';

/**
 * A seeded fuzz test of the loader, as DuckDB fuzzes its CSV reader: mutants of the worked
 * examples (truncated, bytes flipped, delimiters and encodings swapped, duplicate headers, huge
 * fields, NULs, blank lines, dropped columns, shuffled rows, mixed line ends) go through
 * `report`, and each must end in numbers or one clear message, within a bound that proves no
 * hang, never a crash or an engine's internal text. Mutants that change nothing a spreadsheet
 * shows (shuffled rows, blank lines, mixed line ends) must give the original's numbers.
 * PIPELENS_FUZZ_SEED picks another seed; the seed is in every failure message.
 */
const SEED = Number(process.env.PIPELENS_FUZZ_SEED ?? 18);
const MUTANTS = Number(process.env.PIPELENS_FUZZ_MUTANTS ?? 45);
const EXAMPLES = join(import.meta.dirname, '../../../tests/fixtures/examples');
/** Deals files, with the config that fixes the stage order where the file alone does not. */
const BASES = [
	{ deals: join(EXAMPLES, 'hubspot', 'hubspot-crm-exports-all-deals-2025-07-01.csv') },
	{ deals: join(EXAMPLES, 'salesforce', 'report1751328000000.csv') },
	{
		deals: join(EXAMPLES, 'enterprise', 'opps.csv'),
		config: join(EXAMPLES, 'enterprise', 'config.json')
	}
];
/** What only an engine says: never for a user's eyes. */
const INTERNAL =
	/state machine|Invalid Input Error|INTERNAL|Binder Error|Parser Error|Conversion Error|Catalog Error|call stack|undefined|\bat \w+ \(|TypeError|RangeError/;

type Mutant = { kind: string; bytes: Uint8Array; same: boolean };

function mutate(text: string, rnd: () => number): Mutant {
	const enc = (s: string) => new TextEncoder().encode(s);
	const pick = (n: number) => Math.floor(rnd() * n);
	const lines = text.split(/\r?\n/).filter((l, i, all) => l !== '' || i < all.length - 1);
	const [header, ...rows] = lines;
	const join = (ls: string[]) => ls.join('\n') + '\n';
	const kinds = [
		'truncate',
		'flip',
		'delimiter',
		'utf16',
		'cp1252',
		'dup-header',
		'huge-field',
		'nul',
		'blank-lines',
		'drop-column',
		'shuffle',
		'mixed-eol',
		'quote'
	];
	const kind = kinds[pick(kinds.length)];
	switch (kind) {
		case 'truncate':
			return { kind, bytes: enc(text).subarray(0, pick(text.length)), same: false };
		case 'flip': {
			const bytes = enc(text);
			for (let k = 0, n = 1 + pick(20); k < n; k++) bytes[pick(bytes.length)] = pick(256);
			return { kind, bytes, same: false };
		}
		case 'delimiter':
			return { kind, bytes: enc(text.replaceAll(',', [';', '\t', '|'][pick(3)])), same: false };
		case 'utf16': {
			const bytes = new Uint8Array(2 + text.length * 2);
			bytes.set(rnd() < 0.5 ? [0xff, 0xfe] : [0, 0]);
			for (let i = 0; i < text.length; i++) {
				const c = text.charCodeAt(i);
				bytes.set([c & 0xff, c >> 8], 2 + 2 * i);
			}
			return { kind, bytes: bytes[0] === 0 ? bytes.subarray(2) : bytes, same: false };
		}
		case 'cp1252': {
			const bytes = Uint8Array.from(text, (c) => (c.charCodeAt(0) < 256 ? c.charCodeAt(0) : 63));
			return { kind, bytes, same: false };
		}
		case 'dup-header': {
			const names = header.split(',');
			names[pick(names.length)] = names[pick(names.length)];
			return { kind, bytes: enc(join([names.join(','), ...rows])), same: false };
		}
		case 'huge-field': {
			const at = pick(rows.length);
			const copy = [...rows];
			copy[at] = `${copy[at]},"${'x'.repeat(50_000 + pick(400_000))}"`;
			return { kind, bytes: enc(join([header, ...copy])), same: false };
		}
		case 'nul': {
			const bytes = enc(text);
			for (let k = 0, n = 1 + pick(5); k < n; k++) bytes[pick(bytes.length)] = 0;
			return { kind, bytes, same: false };
		}
		case 'blank-lines': {
			const out = [header];
			for (const r of rows) {
				out.push(r);
				if (rnd() < 0.1) out.push('');
			}
			return { kind, bytes: enc(join(out)), same: true };
		}
		case 'drop-column': {
			const col = pick(header.split(',').length);
			// A naive cut (quoted commas shift it): whatever comes out must still be handled.
			const cut = (l: string) =>
				l
					.split(',')
					.filter((_, i) => i !== col)
					.join(',');
			return { kind, bytes: enc(join([header, ...rows].map(cut))), same: false };
		}
		case 'shuffle': {
			const copy = [...rows];
			for (let i = copy.length - 1; i > 0; i--) {
				const j = pick(i + 1);
				[copy[i], copy[j]] = [copy[j], copy[i]];
			}
			return { kind, bytes: enc(join([header, ...copy])), same: true };
		}
		case 'mixed-eol':
			return {
				kind,
				bytes: enc([header, ...rows].map((l) => l + (rnd() < 0.5 ? '\r\n' : '\n')).join('')),
				same: true
			};
		default: {
			const copy = [...rows];
			const at = pick(copy.length);
			copy[at] = copy[at].replace(',', ',"');
			return { kind, bytes: enc(join([header, ...copy])), same: false };
		}
	}
}

describe(`the loader under fuzzing (seed ${SEED}, ${MUTANTS} mutants)`, () => {
	const db = useNodeDb();

	/** `report --json` on bytes, through a file path the way the CLI reads it. */
	async function report(bytes: Uint8Array, config?: string) {
		const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
		const { tmpdir } = await import('node:os');
		const dir = mkdtempSync(join(tmpdir(), 'pipelens-fuzz-'));
		let out = '';
		let err = '';
		try {
			writeFileSync(join(dir, 'deals.csv'), bytes);
			const shared = { ...db, close: async () => {} };
			const code = await main(
				['--deals', join(dir, 'deals.csv'), ...(config ? ['--config', config] : []), '--json'],
				{ out: (t) => (out += t), err: (t) => (err += t) },
				async () => shared
			);
			return { code, out, err };
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	}

	it('every mutant ends in numbers or one clear message; invisible changes keep the numbers', async () => {
		// Seeded (mulberry32), so a failure can be replayed.
		const rnd = seeded(SEED).next;
		const originals = new Map<string, unknown>();
		for (const base of BASES) {
			const { code, out } = await report(readFileSync(base.deals), base.config);
			expect(code, `seed ${SEED}: ${base.deals}`).toBe(0);
			const { warnings: _w, ...numbers } = JSON.parse(out);
			originals.set(base.deals, numbers);
		}
		for (let m = 0; m < MUTANTS; m++) {
			const base = BASES[m % BASES.length];
			const mutant = mutate(readFileSync(base.deals, 'utf8'), rnd);
			const where = `seed ${SEED}, mutant ${m} (${mutant.kind} of ${base.deals.split('/').pop()})`;
			const started = performance.now();
			const { code, out, err } = await report(mutant.bytes, base.config);
			// A generous bound that proves "no hang" (a mutant takes well under a second).
			expect(performance.now() - started, where).toBeLessThan(30_000);
			if (code === 0) {
				const { warnings, ...numbers } = JSON.parse(out);
				expect(Array.isArray(warnings), where).toBe(true);
				for (const w of warnings as string[]) expect(w, where).not.toMatch(INTERNAL);
				if (mutant.same) {
					expect(numbers.deals, where).toEqual((originals.get(base.deals) as typeof numbers).deals);
					expectClose(numbers, originals.get(base.deals));
				}
			} else {
				expect(mutant.same, `${where}: ${err}`).toBe(false);
				const lines = err.trim().split('\n');
				expect(lines.length, `${where}: ${err}`).toBe(1);
				expect(err, where).not.toMatch(INTERNAL);
			}
		}
	}, 600_000);
});
