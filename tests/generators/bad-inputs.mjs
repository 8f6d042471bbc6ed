// The bad-input corpus of issue 7: one file per class of broken or hostile input, written from a
// seed so every machine gets the same bytes. `node tests/generators/bad-inputs.mjs` writes the
// small files to tests/fixtures/bad/; the big ones (a 3 MB field, a 100 kB header) are made by the
// test itself (`badInputs({ big: true })`) so the repository stays small.
//
// Each case says which clean CSV it should load as (`clean`: the same deals, well formed, UTF-8),
// so a test can check "the right numbers" by loading both and comparing the reports.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeCp1251, encodeLatin1 } from './cp1251.mjs';
import { seeded } from './random.mjs';

export const HEADER = ['Deal ID', 'Created', 'Closed', 'Stage', 'Amount', 'Owner'];
const OPEN = ['Lead', 'Demo', 'Proposal'];

/**
 * A small pipeline: `n` deals with ids, dates in 2024, a stage (open, Won or Lost), an amount and
 * an owner. Owners are given so encodings can carry non-ASCII names.
 * @param {number} seed
 * @param {{ n?: number, owners?: string[] }} [o]
 * @returns {string[][]}
 */
export function baseRows(seed, { n = 30, owners = ['Ann', 'Bob', 'Cleo'] } = {}) {
	const r = seeded(seed);
	/** @type {string[][]} */
	const rows = [];
	for (let i = 1; i <= n; i++) {
		const created = new Date(Date.UTC(2024, 0, 1 + r.int(0, 150)));
		const outcome = r.pick(['open', 'open', 'Won', 'Lost']);
		const closed =
			outcome === 'open' ? null : new Date(created.getTime() + r.int(1, 90) * 86_400_000);
		rows.push([
			`D${String(i).padStart(3, '0')}`,
			created.toISOString().slice(0, 10),
			closed ? closed.toISOString().slice(0, 10) : '',
			outcome === 'open' ? r.pick(OPEN) : outcome,
			String(r.int(1, 200) * 50),
			r.pick(owners)
		]);
	}
	// Every open stage appears, so the stage list is the same in every variant.
	OPEN.forEach((s, i) => {
		rows[i][3] = s;
		rows[i][2] = '';
	});
	return rows;
}

/** @param {string} v */
const quote = (v) => (/[",\n\r;]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
/** @param {string[][]} rows @param {string} [sep] */
export const toCsv = (rows, sep = ',') => rows.map((r) => r.map(quote).join(sep)).join('\n') + '\n';
const utf8 = (/** @type {string} */ s) => new TextEncoder().encode(s);

/** @param {string} text @param {boolean} littleEndian */
function utf16(text, littleEndian) {
	const out = new Uint8Array(2 + text.length * 2);
	out[0] = littleEndian ? 0xff : 0xfe;
	out[1] = littleEndian ? 0xfe : 0xff;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		out[2 + 2 * i] = littleEndian ? c & 0xff : c >> 8;
		out[3 + 2 * i] = littleEndian ? c >> 8 : c & 0xff;
	}
	return out;
}

/**
 * @typedef {object} BadInput
 * @property {string} name   the file name as dropped
 * @property {string} class  the class of issue 7 it stands for
 * @property {Uint8Array} bytes
 * @property {string | null} clean  the well-formed CSV it should load as, or null when it must fail
 * @property {Record<string, unknown>} [config] a config to load it with (mapping through odd headers)
 * @property {boolean} [big] made at test time, not written to the fixtures folder
 * @property {number} [rows] data lines (after the header) the file holds, when not the usual 30
 */

/**
 * Every class of the corpus.
 * @param {{ seed?: number, big?: boolean }} [o]
 * @returns {BadInput[]}
 */
export function badInputs({ seed = 7, big = false } = {}) {
	const rows = baseRows(seed);
	const clean = toCsv([HEADER, ...rows]);
	const r = seeded(seed + 1);
	/** @type {BadInput[]} */
	const out = [];
	const add = (/** @type {BadInput} */ c) => out.push(c);

	add({ name: 'empty.csv', class: 'empty file', bytes: new Uint8Array(0), clean: null });
	add({
		name: 'header-only.csv',
		class: 'header only',
		bytes: utf8(HEADER.join(',') + '\n'),
		clean: null
	});
	const noise = new Uint8Array(4096);
	for (let i = 0; i < noise.length; i++) noise[i] = r.int(0, 255);
	add({ name: 'binary.csv', class: 'binary file named .csv', bytes: noise, clean: null });
	add({
		name: 'page.xls',
		class: 'HTML page saved as .xls',
		bytes: utf8(
			`<!DOCTYPE html><html><head><meta charset="utf-8"><title>Deals</title></head><body><table>\n` +
				[HEADER, ...rows]
					.map(
						(row, i) =>
							`<tr>${row.map((v) => (i === 0 ? `<th>${v}</th>` : `<td>${v}</td>`)).join('')}</tr>`
					)
					.join('\n') +
				'\n</table></body></html>\n'
		),
		clean
	});
	add({
		name: 'no-table.xls',
		class: 'HTML page with no table saved as .xls',
		bytes: utf8(
			'<!DOCTYPE html><html><body><h1>Session expired</h1><p>Log in again.</p></body></html>'
		),
		clean: null
	});

	// Encodings: the same deals with non-ASCII owner names.
	const intl = baseRows(seed, { owners: ['Zoë Müller', 'José Peña', 'Ann'] });
	const intlCsv = toCsv([HEADER, ...intl]);
	const ru = baseRows(seed, { owners: ['Анна Петрова', 'Борис Ёлкин', 'Ann'] });
	const ruCsv = toCsv([HEADER, ...ru]);
	/** @type {[string, string, Uint8Array, string][]} name, class, bytes, the text they hold */
	const encoded = [
		['utf16le.csv', 'UTF-16 LE with BOM', utf16(intlCsv, true), intlCsv],
		['utf16be.csv', 'UTF-16 BE with BOM', utf16(intlCsv, false), intlCsv],
		['cp1252.csv', 'windows-1252 without BOM', encodeLatin1(intlCsv), intlCsv],
		['cp1251.csv', 'windows-1251 without BOM', encodeCp1251(ruCsv), ruCsv]
	];
	for (const [name, kind, bytes, clean] of encoded) add({ name, class: kind, bytes, clean });
	{
		// One NUL byte inside an owner name: removed, said so, the row kept.
		const text = toCsv([
			HEADER,
			...rows.map((row, i) => (i === 4 ? [...row.slice(0, 5), 'Bo\0b'] : row))
		]);
		const cleanRows = rows.map((row, i) => (i === 4 ? [...row.slice(0, 5), 'Bob'] : row));
		add({
			name: 'nul-byte.csv',
			class: 'a NUL byte',
			bytes: utf8(text),
			clean: toCsv([HEADER, ...cleanRows])
		});
	}
	{
		// Valid UTF-8 names, and one byte (0xFF) that is not UTF-8 in line 8.
		const text = toCsv([HEADER, ...intl]);
		const bytes = utf8(text);
		const at = text.indexOf('\n', text.indexOf(intl[6][0])) - 1;
		const broken = new Uint8Array(bytes.length + 1);
		const byteAt = utf8(text.slice(0, at)).length;
		broken.set(bytes.subarray(0, byteAt));
		broken[byteAt] = 0xff;
		broken.set(bytes.subarray(byteAt), byteAt + 1);
		const cleanRows = intl.map((row, i) =>
			i === 6 ? [...row.slice(0, 5), `${row[5].slice(0, -1)}\ufffd${row[5].slice(-1)}`] : row
		);
		add({
			name: 'invalid-utf8.csv',
			class: 'invalid UTF-8',
			bytes: broken,
			clean: toCsv([HEADER, ...cleanRows])
		});
	}
	{
		// Line 5 has a field too few, line 9 one too many: both left out and named.
		const lines = clean.trimEnd().split('\n');
		lines[4] = lines[4].split(',').slice(0, -1).join(',');
		lines[8] = lines[8] + ',extra';
		const kept = rows.filter((_, i) => i !== 3 && i !== 7);
		add({
			name: 'ragged.csv',
			class: 'ragged rows (too few / too many fields)',
			bytes: utf8(lines.join('\n') + '\n'),
			clean: toCsv([HEADER, ...kept])
		});
	}
	{
		// A quote opened in the owner of line 12 and never closed.
		const lines = clean.trimEnd().split('\n');
		lines[11] = lines[11].replace(/,([^,]*)$/, ',"$1');
		add({
			name: 'unterminated-quote.csv',
			class: 'unterminated quote',
			bytes: utf8(lines.join('\n') + '\n'),
			clean: toCsv([HEADER, ...rows.slice(0, 10)])
		});
	}
	{
		const dup = ['Deal ID', 'Created', 'Closed', 'Stage', 'Amount', 'Owner', 'Owner'];
		add({
			name: 'duplicate-headers.csv',
			class: 'duplicate header names',
			bytes: utf8(toCsv([dup, ...rows.map((row) => [...row, 'someone else'])])),
			clean
		});
	}
	{
		const head = ['__proto__', 'constructor', 'Created', 'Closed', 'Stage', 'Amount', 'toString'];
		add({
			name: 'proto-headers.csv',
			class: '__proto__ / constructor headers',
			bytes: utf8(
				toCsv([head, ...rows.map((row) => [row[0], row[5], row[1], row[2], row[3], row[4], 'x'])])
			),
			clean,
			config: {
				columns: {
					id: '__proto__',
					owner: 'constructor',
					created: 'Created',
					closed: 'Closed',
					stage: 'Stage',
					amount: 'Amount'
				}
			}
		});
	}
	{
		const odd = {
			id: 'Deal "ID"',
			created: 'Created; UTC',
			closed: "Closed'); DROP TABLE deals; --",
			stage: '<img src=x onerror=alert(1)>Stage',
			amount: 'Amount 💰',
			owner: 'Owner"; SELECT 1; --'
		};
		const head = [odd.id, odd.created, odd.closed, odd.stage, odd.amount, odd.owner];
		add({
			name: 'odd-headers.csv',
			class: 'headers with quotes, semicolons, SQL, HTML and emoji (through the config)',
			bytes: utf8(toCsv([head, ...rows])),
			clean,
			config: { columns: odd }
		});
	}
	{
		// Amounts in every format of issue 3, one column each file would have; the numbers equal.
		/** @param {number} v @param {string} sep  `v` with `sep` between groups of three digits. */
		const grouped = (v, sep) => String(v).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
		// Each style's file name and how it writes an amount.
		/** @type {{ name: string, f: (v: number) => string }[]} */
		const styles = [
			{ name: 'amount-plain', f: (v) => `${v}` },
			{ name: 'amount-decimal-comma', f: (v) => `${v},00` },
			{ name: 'amount-thousands-comma', f: (v) => `${v.toLocaleString('en-US')}.00` },
			{ name: 'amount-thousands-dot', f: (v) => `${v.toLocaleString('de-DE')},00` },
			{ name: 'amount-thousands-space', f: (v) => `${grouped(v, ' ')},00` },
			{ name: 'amount-thousands-nbsp', f: (v) => `${grouped(v, '\u00a0')},00` },
			{ name: 'amount-thousands-narrow-nbsp', f: (v) => `${grouped(v, '\u202f')},00` },
			{ name: 'amount-thousands-apostrophe', f: (v) => `${grouped(v, "'")}.00` },
			{ name: 'amount-currency-symbol', f: (v) => `$${v.toLocaleString('en-US')}` },
			{ name: 'amount-currency-suffix', f: (v) => `${v} €` },
			{ name: 'amount-currency-code', f: (v) => `USD ${v}` },
			{ name: 'amount-currency-code-suffix', f: (v) => `${v} RUB` },
			{ name: 'amount-ruble-sign', f: (v) => `₽${v}` }
		];
		// Amounts above a thousand so the separators show.
		const big1000 = rows.map((row, i) => [...row.slice(0, 4), String(1000 + i * 1250), row[5]]);
		const cleanBig = toCsv([HEADER, ...big1000]);
		for (const s of styles) {
			add({
				name: `${s.name}.csv`,
				class: `amounts: ${s.name.slice(7).replace(/-/g, ' ')}`,
				bytes: utf8(
					toCsv(
						[HEADER, ...big1000.map((row) => [...row.slice(0, 4), s.f(Number(row[4])), row[5]])],
						';'
					)
				),
				clean: cleanBig
			});
		}
		// Accounting negatives: (1,200.00) is -1200.
		add({
			name: 'amount-accounting-negative.csv',
			class: 'amounts: accounting negatives',
			bytes: utf8(
				toCsv([
					HEADER,
					...big1000.map((row, i) => [
						...row.slice(0, 4),
						i === 5
							? `(${Number(row[4]).toLocaleString('en-US')}.00)`
							: `${Number(row[4]).toLocaleString('en-US')}.00`,
						row[5]
					])
				])
			),
			clean: toCsv([
				HEADER,
				...big1000.map((row, i) => (i === 5 ? [...row.slice(0, 4), `-${row[4]}`, row[5]] : row))
			])
		});
	}
	{
		// Values that are read but wrong: garbage amounts, impossible dates, closed before created,
		// a duplicate id, an unknown stage, a negative amount, mixed currencies.
		const v = rows.map((row) => [...row, 'USD']);
		v[3][4] = 'call me';
		v[4][4] = '12abc';
		v[6][1] = '2024-13-45';
		v[8][1] = '99999-01-01';
		const won = v.findIndex((row) => row[3] === 'Won');
		v[won][2] = '2023-06-01';
		v[10][0] = v[11][0];
		v[12][3] = 'Negotiation (old)';
		v[12][2] = '';
		v[13][4] = '-500';
		v[14][6] = 'EUR';
		// What it should load as: unreadable created dates and the repeated id left out, garbage
		// amounts empty, the unknown stage's open deal counted at the first stage.
		const kept = v
			.map((row, i) =>
				i === 3 || i === 4
					? [...row.slice(0, 4), '', ...row.slice(5)]
					: i === 12
						? [...row.slice(0, 3), 'Lead', ...row.slice(4)]
						: row
			)
			.filter((_, i) => i !== 6 && i !== 8 && i !== 11);
		add({
			name: 'bad-values.csv',
			class:
				'values: garbage amounts, dates out of range, closed before created, duplicate ids, unknown stage, negative amount, mixed currencies',
			bytes: utf8(toCsv([[...HEADER, 'Currency'], ...v])),
			clean: toCsv([[...HEADER, 'Currency'], ...kept]),
			config: { stages: OPEN, won: ['Won'], lost: ['Lost'] }
		});
	}
	{
		const head = ['Deal ID', 'Created', 'Amount', 'Owner'];
		add({
			name: 'no-stage.csv',
			class: 'a required field missing (no stage column)',
			bytes: utf8(toCsv([head, ...rows.map((row) => [row[0], row[1], row[4], row[5]])])),
			clean: null
		});
	}
	if (big) {
		// A notes column with one 3 MB value: loaded, never echoed.
		const field = 'x'.repeat(3 * 1024 * 1024);
		add({
			name: 'huge-field.csv',
			class: 'a 3 MB field',
			bytes: utf8(
				toCsv([[...HEADER, 'Notes'], ...rows.map((row, i) => [...row, i === 2 ? field : 'ok'])])
			),
			clean,
			big: true
		});
		// A NUL byte past the first 256 kB (the part read to sniff the file), in an owner name.
		/** @param {number} i */
		const notes = (i) => (i === 2 ? 'y'.repeat(300 * 1024) : 'ok');
		/** @param {number} i @param {string} owner */
		const owned = (i, owner) => (i === 19 ? [...rows[i].slice(0, 5), owner] : rows[i]);
		add({
			name: 'nul-late.csv',
			class: 'a NUL byte past the first 256 kB',
			bytes: utf8(
				toCsv([[...HEADER, 'Notes'], ...rows.map((_, i) => [...owned(i, 'Bo\0b'), notes(i)])])
			),
			clean: toCsv([[...HEADER, 'Notes'], ...rows.map((_, i) => [...owned(i, 'Bob'), notes(i)])]),
			big: true
		});
		// A 100 kB header name: loaded, never echoed whole.
		const longName = 'Note '.repeat(20_480);
		add({
			name: 'huge-header.csv',
			class: 'a 100 kB header',
			bytes: utf8(toCsv([[...HEADER, longName], ...rows.map((row) => [...row, 'n'])])),
			clean,
			big: true
		});
	}
	return out;
}

const here = dirname(fileURLToPath(import.meta.url));
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	const dir = join(here, '..', 'fixtures', 'bad');
	mkdirSync(dir, { recursive: true });
	for (const c of badInputs()) writeFileSync(join(dir, c.name), c.bytes);
	console.log(`wrote ${badInputs().length} files to ${dir}`);
}
