import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { generateAmocrm } from '../generators/amocrm.mjs';
import { generateHubspot } from '../generators/hubspot.mjs';
import { useSite } from './site';

// Headers nobody could recognise over a deal's id, created date, stage code and amount: no word
// in it says "stage" or "won", so detection by names and by values finds nothing.
const UNKNOWN = [
	'a,b,c,d',
	'D1,05.01.2024,30,100',
	'D2,09.01.2024,20,50',
	'D3,01.02.2024,10,70',
	'D4,11.02.2024,30,30'
].join('\n');

async function download(page: Page, testId: string): Promise<Record<string, unknown>> {
	const [file] = await Promise.all([
		page.waitForEvent('download'),
		page.click(`[data-testid="${testId}"]`)
	]);
	return JSON.parse(readFileSync(await file.path(), 'utf8'));
}

/** Wait until the fix editor shows an error matching `pattern` (the last build's). */
async function errorMatching(page: Page, pattern: RegExp): Promise<string> {
	await page.waitForFunction(
		(source) =>
			new RegExp(source).test(document.querySelector('[data-testid="error"]')?.textContent ?? '') &&
			document.querySelector('[data-testid="fix"]') !== null,
		pattern.source
	);
	return (await page.textContent('[data-testid="error"]')) ?? '';
}

/** Wait for the dashboard of a dropped file (not the one shown before it), ready. */
async function dashboardOf(page: Page, file: string): Promise<void> {
	await page.waitForFunction(
		(name) =>
			document.querySelector('main')?.getAttribute('data-ready') === 'true' &&
			(document.querySelector('section.source')?.textContent ?? '').includes(name),
		file
	);
}

/** Open the mapping and stages panel (closed on a new dataset). */
async function openSetup(page: Page): Promise<void> {
	if (!(await page.$eval('[data-testid="setup"]', (d) => (d as HTMLDetailsElement).open)))
		await page.click('[data-testid="setup"] summary');
}

/** Wait until a mapping edit is built: the field's samples read `samples`, the view ready. */
async function mapped(page: Page, field: string, samples: string): Promise<void> {
	await page.waitForFunction(
		([f, text]) =>
			document.querySelector(`tr[data-field="${f}"] .samples`)?.textContent?.trim() === text &&
			document.querySelector('main')?.getAttribute('data-ready') === 'true',
		[field, samples]
	);
}

describe('files nothing recognises open in the mapping editor', () => {
	const site = useSite();
	let page: Page;

	beforeAll(async () => {
		page = await site.open();
	});

	test('a CSV with unknown headers: pick its role, map its columns, get the dashboard', async () => {
		await page.setInputFiles('[data-testid="file-input"]', [
			{ name: 'abc.csv', mimeType: 'text/csv', buffer: Buffer.from(UNKNOWN) }
		]);
		expect(await errorMatching(page, /no deals file/)).toContain('abc.csv');
		expect(await page.textContent('[data-testid="unrecognised-abc.csv"]')).toBeTruthy();
		expect(await page.textContent('[data-testid="mapping-no-deals"]')).toMatch(/deals/);
		mkdirSync('test-results', { recursive: true });
		await page.screenshot({ path: 'test-results/unrecognised-fix.png', fullPage: true });
		await page.selectOption('[data-testid="role-abc.csv"]', 'deals');
		// Read as deals, the file still lacks a created date: the page names it.
		await errorMatching(page, /created/);
		expect(await page.textContent('tr[data-field="created"] .samples')).toContain('missing');
		await page.selectOption('[data-testid="map-created"]', 'b');
		await errorMatching(page, /deal stage or status/);
		expect(await page.textContent('tr[data-field="created"] .samples')).toBe(
			'05.01.2024 · 09.01.2024 · 01.02.2024'
		);
		await page.selectOption('[data-testid="map-stage"]', 'c');
		await dashboardOf(page, 'abc.csv');
		expect(await page.$('[data-testid="fix"]')).toBeNull();
		await openSetup(page);
		await page.selectOption('[data-testid="map-id"]', 'a');
		await mapped(page, 'id', 'D1 · D2 · D3');
		await page.selectOption('[data-testid="map-amount"]', 'd');
		await mapped(page, 'amount', '100 · 50 · 70');
		const metrics = await download(page, 'download-json');
		expect(metrics.deals).toEqual({ created: 4, won: 0, lost: 0 });
		expect(metrics.pipeline).toMatchObject({ open_deals: 4, open_value: 250 });
	});

	test('a windows-1251 file read in the wrong encoding is fixed from the editor', async () => {
		const { cp1251 } = generateAmocrm({ deals: 80, seed: 9 });
		await page.setInputFiles('[data-testid="file-input"]', [
			{ name: 'amo.csv', mimeType: 'text/csv', buffer: Buffer.from(cp1251) }
		]);
		await dashboardOf(page, 'amo.csv');
		await openSetup(page);
		await page.selectOption('[data-testid="encoding-amo.csv"]', 'windows-1252');
		// Read as Western text, nothing is recognised: the editor stays, with the encoding choice.
		await errorMatching(page, /no deals file/);
		expect(await page.inputValue('[data-testid="encoding-amo.csv"]')).toBe('windows-1252');
		await page.selectOption('[data-testid="encoding-amo.csv"]', 'windows-1251');
		await dashboardOf(page, 'amo.csv');
		expect(await page.$('[data-testid="fix"]')).toBeNull();
		expect(await page.textContent('main')).toContain('deals (amoCRM)');
	});

	test('the quick preview shows the detected columns with sample values while the file loads', async () => {
		const { deals } = generateHubspot({ deals: 6000, seed: 3 });
		// Record every mapping editor that appears, and whether it was the preview.
		await page.evaluate(() => {
			const seen: { preview: string | null; amount: string | null; loading: boolean }[] = [];
			(window as unknown as { seen: typeof seen }).seen = seen;
			new MutationObserver(() => {
				const editor = document.querySelector('[data-testid="mapping-editor"]');
				if (!editor) return;
				seen.push({
					preview: editor.getAttribute('data-preview'),
					amount: editor.querySelector('tr[data-field="amount"] .samples')?.textContent ?? null,
					loading: document.querySelector('[data-testid="load-progress"]') !== null
				});
			}).observe(document.body, { subtree: true, childList: true, characterData: true });
		});
		await page.setInputFiles('[data-testid="file-input"]', [
			{ name: 'hubspot-big.csv', mimeType: 'text/csv', buffer: Buffer.from(deals) }
		]);
		await dashboardOf(page, 'hubspot-big.csv');
		const seen = await page.evaluate(
			() =>
				(window as unknown as { seen: { preview: string; amount: string; loading: boolean }[] })
					.seen
		);
		const first = seen.find((s) => s.preview === 'true');
		expect(first?.loading).toBe(true);
		// The first three amounts of the file, as written.
		const amounts = deals
			.split('\n')
			.slice(1, 4)
			.map((line) => line.split('","')[4]);
		expect(first?.amount).toBe(amounts.join(' · '));
	});
});
