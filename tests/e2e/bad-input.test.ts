import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { badInputs } from '../generators/bad-inputs.mjs';
import { useSite } from './site';

/**
 * Bad files dropped on the page (a subset of tests/fixtures/bad): a clear one-line message when
 * nothing can be shown, else the dashboard with every left-out line named in the data-quality
 * panel and rows read = loaded + rejected shown.
 */
const corpus = new Map(badInputs({ big: true }).map((c) => [c.name, c]));

describe('bad files dropped on the page', () => {
	const site = useSite();
	let page: Page;

	beforeAll(async () => {
		// One page for every drop: each drop replaces the last (one engine start on a busy machine).
		page = await site.open();
	});

	async function drop(name: string): Promise<Page> {
		const c = corpus.get(name)!;
		await page.setInputFiles('[data-testid="file-input"]', {
			name,
			mimeType: 'text/csv',
			buffer: Buffer.from(c.bytes)
		});
		return page;
	}

	async function errorOf(page: Page, name: string): Promise<string> {
		const el = await page.waitForSelector(`[data-testid="error"]:has-text("${name}")`);
		const text = (await el.textContent()) ?? '';
		expect(text.length).toBeLessThan(300);
		expect(text).not.toMatch(/\n|\s at |Error:/);
		expect(await page.getAttribute('main', 'data-ready')).toBe('false');
		return text;
	}

	/** The dashboard of this file (not the last one's): its row counts, and the ready marker. */
	async function loaded(page: Page, name: string): Promise<void> {
		await page.waitForSelector(`[data-testid="row-counts"] li[data-file="${name}"]`);
		await page.waitForSelector('main[data-ready="true"][data-view="all"]');
	}

	async function rowsOf(page: Page, file: string) {
		const li = await page.waitForSelector(`[data-testid="row-counts"] li[data-file="${file}"]`);
		const n = async (a: string) => Number(await li.getAttribute(a));
		return {
			read: await n('data-read'),
			loaded: await n('data-loaded'),
			rejected: await n('data-rejected'),
			text: (await li.textContent())!.trim()
		};
	}

	test('an empty file: "the file is empty"', async () => {
		const page = await drop('empty.csv');
		expect(await errorOf(page, 'empty.csv')).toBe('empty.csv: the file is empty');
	});

	test('a binary file named .csv: "this is a binary file"', async () => {
		const page = await drop('binary.csv');
		expect(await errorOf(page, 'binary.csv')).toBe(
			'binary.csv: this is a binary file, not a CSV export'
		);
	});

	test('a file with no stage column: says what is missing', async () => {
		const page = await drop('no-stage.csv');
		expect(await errorOf(page, 'no-stage.csv')).toMatch(
			/^no deals file was given: .*\(no-stage\.csv: no column holds the deal stage or status\)$/
		);
	});

	test('UTF-16 LE: the dashboard, names decoded, all 30 rows loaded', async () => {
		const page = await drop('utf16le.csv');
		await loaded(page, 'utf16le.csv');
		const owners = await page.$$eval('[data-testid="breakdown"] tbody tr', (trs) =>
			trs.map((tr) => tr.getAttribute('data-value'))
		);
		expect(owners).toContain('Zoë Müller');
		expect(owners).toContain('José Peña');
		const rows = await rowsOf(page, 'utf16le.csv');
		expect(rows).toMatchObject({ read: 30, loaded: 30, rejected: 0 });
		expect(rows.text).toBe('utf16le.csv: 30 rows read = 30 loaded + 0 rejected');
	});

	test('ragged rows: both lines named in the data-quality panel, 30 = 28 + 2', async () => {
		const page = await drop('ragged.csv');
		await loaded(page, 'ragged.csv');
		const warnings = await page.$$eval('[data-testid="warnings"] li', (lis) =>
			lis.map((li) => li.textContent)
		);
		expect(warnings).toContain(
			'ragged.csv: 2 lines could not be read and were left out (line 5, 9; line 5: expected 6 fields, found 5)'
		);
		expect(await rowsOf(page, 'ragged.csv')).toMatchObject({ read: 30, loaded: 28, rejected: 2 });
	});

	test('a NUL byte past the sniffed head (read from the dropped File): removed, its line named', async () => {
		const page = await drop('nul-late.csv');
		await loaded(page, 'nul-late.csv');
		const warnings = await page.$$eval('[data-testid="warnings"] li', (lis) =>
			lis.map((li) => li.textContent ?? '')
		);
		expect(
			warnings.some((w) =>
				/^nul-late\.csv: 1 line read after a repair \(line 21; line 21: a NUL byte/.test(w)
			)
		).toBe(true);
		const owners = await page.$$eval('[data-testid="breakdown"] tbody tr', (trs) =>
			trs.map((tr) => tr.getAttribute('data-value'))
		);
		expect(owners).toContain('Bob');
		expect(owners).not.toContain('Bo\0b');
	});

	test('an unterminated quote: the rows before it, the rest named, 30 = 10 + 20', async () => {
		const page = await drop('unterminated-quote.csv');
		await loaded(page, 'unterminated-quote.csv');
		const warnings = await page.$$eval('[data-testid="warnings"] li', (lis) =>
			lis.map((li) => li.textContent ?? '')
		);
		expect(warnings.some((w) => /line 12: a quote is not closed/.test(w))).toBe(true);
		expect(await rowsOf(page, 'unterminated-quote.csv')).toMatchObject({
			read: 30,
			loaded: 10,
			rejected: 20
		});
	});
});
