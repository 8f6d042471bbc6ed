import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { CLOSE_CALL_DEALS } from '../generators/close-call.mjs';
import { useSite } from './site';

// Two created-date columns that fit almost equally: the page says the guess was a close call.
const DEALS = CLOSE_CALL_DEALS;

const ready = (page: Page) =>
	page.waitForFunction(() => document.querySelector('main')?.getAttribute('data-ready') === 'true');

/** The table dropped on a fresh page, and its dashboard with the setup panel shown. */
async function dropDeals(page: Page): Promise<Page> {
	await page.waitForSelector('body[data-kept="none"]');
	const file = { name: 'deals.csv', mimeType: 'text/csv', buffer: Buffer.from(DEALS) };
	await page.setInputFiles('[data-testid="file-input"]', [file]);
	await page.waitForSelector('[data-testid="setup"]');
	await ready(page);
	return page;
}

describe('a guess between two close columns', () => {
	const site = useSite();
	let page: Page;
	beforeAll(async () => (page = await dropDeals(await site.open())));

	test('is said, with the column taken and the one beside it, pointing at the mapping', async () => {
		expect(
			await page.$$eval('[data-testid="unsure-guess"]', (p) => p.map((e) => e.textContent?.trim()))
		).toEqual([
			'Close call in deals.csv: Created date was read from "created_date", though "creation_date" fit almost as well. Check it in the column mapping under “Mapping and stages”.'
		]);
	});

	test('and no longer once the mapping editor names the column', async () => {
		await page.$eval('[data-testid="setup"]', (d) => ((d as HTMLDetailsElement).open = true));
		await page.selectOption('[data-testid="map-created"]', 'creation_date');
		await page.waitForFunction(
			() =>
				document.querySelector('main')?.getAttribute('data-ready') === 'true' &&
				document.querySelectorAll('[data-testid="unsure-guess"]').length === 0
		);
		expect(await page.inputValue('[data-testid="map-created"]')).toBe('creation_date');
	});
});
