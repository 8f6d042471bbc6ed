import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { baseRows, HEADER, toCsv } from '../generators/bad-inputs.mjs';
import { useSite } from './site';

/**
 * Long work the user can see and stop, and a page that stays: a load's progress and Cancel, a
 * bad drop that keeps the dashboard, a From after To shown as an error, and the Russian page
 * with no English left in its setup, mapping editor and progress.
 */
const HUBSPOT = 'tests/fixtures/examples/hubspot';
const DEALS = 'hubspot-crm-exports-all-deals-2025-07-01.csv';
const FILES = [DEALS, 'spend.csv'].map((f) => join(HUBSPOT, f));

/** A plain deals export of `n` rows: big enough that its load can be caught and cancelled. */
function bigCsv(n: number): { name: string; mimeType: string; buffer: Buffer } {
	return {
		name: 'big.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(toCsv([HEADER, ...baseRows(3, { n })]))
	};
}

const ready = (page: Page) => page.waitForSelector('main[data-ready="true"]');

/** The files whose row counts the dashboard shows. */
const dashboardFiles = (page: Page) =>
	page.$$eval('[data-testid="row-counts"] li[data-file]', (lis) =>
		lis.map((li) => li.getAttribute('data-file'))
	);

/** Every text the progress line showed from now on, recorded as the page changes it. */
async function recordProgress(page: Page): Promise<() => Promise<string[]>> {
	await page.evaluate(() => {
		const seen: string[] = [];
		(window as unknown as { progressTexts: string[] }).progressTexts = seen;
		new MutationObserver(() => {
			const line = document.querySelector('[data-testid="load-progress"]');
			const text = line?.textContent?.replace(/\s+/g, ' ').trim();
			if (text && seen.at(-1) !== text) seen.push(text);
		}).observe(document.body, { subtree: true, childList: true, characterData: true });
	});
	return () =>
		page.evaluate(() => (window as unknown as { progressTexts: string[] }).progressTexts);
}

describe('a load the user sees and can stop', () => {
	const site = useSite();
	let page: Page;

	beforeAll(async () => {
		page = await site.open();
		await page.setInputFiles('[data-testid="file-input"]', FILES);
		await ready(page);
		expect(await dashboardFiles(page)).toEqual([DEALS, 'spend.csv']);
	});

	test('Cancel during a big load puts the dashboard before it back', async () => {
		const progress = await recordProgress(page);
		await page.setInputFiles('[data-testid="file-input"]', bigCsv(200_000));
		await page.click('[data-testid="cancel-load"]');
		await page.waitForSelector('[data-testid="load-kept"][data-reason="cancelled"]');
		await ready(page);
		expect(await dashboardFiles(page)).toEqual([DEALS, 'spend.csv']);
		expect(await page.$('[data-testid="load-progress"]')).toBeNull();
		// The address names the files on screen again, not the ones cancelled.
		await page.waitForURL((url) => !decodeURIComponent(url.href).includes('big.csv'));
		expect(decodeURIComponent(page.url())).toContain(DEALS);
		// The progress line named the step with a percentage.
		expect((await progress()).some((t) => /^\d+(\.\d)?% .*step \d of \d/.test(t))).toBe(true);
	});

	test('a bad file dropped on the dashboard leaves it in place with the error beside it', async () => {
		await page.setInputFiles('[data-testid="file-input"]', {
			name: 'empty.csv',
			mimeType: 'text/csv',
			buffer: Buffer.alloc(0)
		});
		await page.waitForSelector('[data-testid="error"]:has-text("empty.csv")');
		const kept = await page.waitForSelector('[data-testid="load-kept"][data-reason="failed"]');
		expect(await kept.textContent()).toContain(DEALS);
		await ready(page);
		expect(await dashboardFiles(page)).toEqual([DEALS, 'spend.csv']);
		await page.waitForURL((url) => !decodeURIComponent(url.href).includes('empty.csv'));
		expect(decodeURIComponent(page.url())).toContain(DEALS);
	});

	test('a From date after the To date is an error on the date controls', async () => {
		const to = await page.inputValue('[data-testid="period-to"]');
		const view = await page.getAttribute('main', 'data-view');
		await page.fill('[data-testid="period-from"]', '2099-01-01');
		const error = await page.waitForSelector('[data-testid="period-error"]');
		expect(await error.textContent()).toContain(to);
		expect(await page.getAttribute('[data-testid="period-from"]', 'aria-invalid')).toBe('true');
		expect(await page.getAttribute('[data-testid="period-from"]', 'aria-describedby')).toBe(
			'period-error'
		);
		expect(await page.getAttribute('main', 'data-view')).toBe(view);
		// A From on or before the To again clears the error.
		await page.fill('[data-testid="period-from"]', to);
		await page.waitForSelector('[data-testid="period-error"]', { state: 'detached' });
		expect(await page.getAttribute('[data-testid="period-from"]', 'aria-invalid')).toBeNull();
	});

	test('the progress of a big load counts the rows read, and Cancel goes back to the empty page', async () => {
		const fresh = await site.open();
		await fresh.setInputFiles('[data-testid="file-input"]', bigCsv(200_000));
		const rows = await fresh.waitForSelector('[data-testid="load-rows"]');
		expect(await rows.textContent()).toBe('200,000 rows read');
		await fresh.click('[data-testid="cancel-load"]');
		await fresh.waitForSelector('[data-testid="load-kept"][data-reason="cancelled"]');
		await fresh.waitForSelector('[data-testid="load-progress"]', { state: 'detached' });
		expect(await fresh.$('[data-testid="row-counts"]')).toBeNull();
		expect(await fresh.$('[data-testid="setup"]')).toBeNull();
	});
});

/** Words the page wrote in English before its editors, progress and status were translated. */
const ENGLISH = [
	'Field',
	'Sample values',
	'Open stages, in order',
	'Won labels',
	'Lost labels',
	'decided from the data',
	'read as',
	'role',
	'generic',
	'Plain CSV',
	'Mapping and stages',
	'Template',
	'Reading',
	'Typing deals',
	'Building stage history',
	'rows read',
	'seconds left',
	'step',
	'Cancel',
	'Starting the analysis engine',
	'Ready',
	'Saved for next visit',
	'Not saved',
	'Forget data',
	'kB'
];

describe('the Russian page', () => {
	const site = useSite();

	test('after the HubSpot example drop, no English in the setup, mapping editor, progress and status', async () => {
		const page = await site.open('', { locale: 'ru-RU' });
		await page.waitForFunction(() => document.documentElement.lang === 'ru');
		const progress = await recordProgress(page);
		await page.setInputFiles('[data-testid="file-input"]', FILES);
		await ready(page);
		await page.waitForSelector('[data-testid="kept-status"][data-kept="true"]');
		await page.click('[data-testid="setup"] summary');
		// The setup's own words, not the data's: the export's column names and labels are English.
		const own = await page.$$eval(
			'[data-testid="setup"] :is(summary, h2, small, label, th, caption, p, h3, h4, legend, button)',
			(els) =>
				els.flatMap((e) =>
					[...e.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent ?? '')
				)
		);
		const shown = [
			...(await progress()),
			...own,
			(await page.textContent('[data-testid="engine-status"]')) ?? '',
			(await page.textContent('[data-testid="kept-status"]')) ?? ''
		];
		expect(own.join(' ')).toMatch(/Сопоставление и этапы/);
		expect(shown.join(' ')).toMatch(/Читается/);
		const found = ENGLISH.filter((word) => shown.some((t) => new RegExp(`\\b${word}\\b`).test(t)));
		expect(found).toEqual([]);
		expect(await page.textContent('[data-testid="kept-status"]')).toBe(
			'Сохранено до следующего визита'
		);
		// A bad file dropped then: its error in Russian, beside the dashboard kept.
		await page.setInputFiles('[data-testid="file-input"]', {
			name: 'empty.csv',
			mimeType: 'text/csv',
			buffer: Buffer.alloc(0)
		});
		const error = await page.waitForSelector('[data-testid="error"]:has-text("empty.csv")');
		expect((await error.textContent())?.trim()).toBe('empty.csv: файл пуст');
		const kept = await page.waitForSelector('[data-testid="load-kept"][data-reason="failed"]');
		expect(await kept.textContent()).toMatch(/^\s*Перетащенные файлы загрузить не удалось/);
	});
});
