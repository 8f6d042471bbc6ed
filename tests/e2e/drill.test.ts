import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { DRILL_CONFIG, DRILL_DEALS } from '../unit/drill-fixture';
import { ready } from './share-helpers';
import { useSite } from './site';

// The drill-down fixture (the worked examples have no lost-reason column) and its config.
const FILES = [
	{ name: 'deals.csv', mimeType: 'text/csv', buffer: Buffer.from(DRILL_DEALS) },
	{
		name: 'config.json',
		mimeType: 'application/json',
		buffer: Buffer.from(JSON.stringify(DRILL_CONFIG))
	}
];

// Worked out by hand from METRICS.md for the whole data (1 Nov 2023 … 10 Feb 2024): every deal
// is in the cohort; furthest stages 1 → Demo, 2 → Proposal, 3 → Lead, 4 → Demo, 5 → Demo,
// 6 → Lead, 7 → won, 8 → Demo, 9 → Lead, 10 → Proposal, 11 → Lead, 12 → Lead, 13 → Demo.
// - funnel, Demo (furthest at Demo or beyond): 1, 2, 4, 5, 7, 8, 10, 13;
// - lost in the period: 1 … 6; reason Price: 1, 5; no reason: 4;
// - open at the end (10 Feb): 8 … 13; expected in 2024-02: 9, 10; no date: 11.
const FUNNEL_DEMO = ['1', '2', '4', '5', '7', '8', '10', '13'];
const ALL = Array.from({ length: 13 }, (_, i) => String(i + 1));

const LIST = '[data-testid="deal-list"]';
const READY_LIST = `${LIST}[data-ready="true"]`;

/** The ids the open list shows, in id order, once it is ready; and the count it says. */
async function listed(page: Page): Promise<{ count: number; ids: string[] }> {
	await page.waitForSelector(READY_LIST);
	const count = Number(await page.getAttribute(LIST, 'data-count'));
	const ids = await page.$$eval(`${LIST} tbody tr`, (rows) =>
		rows.map((r) => r.getAttribute('data-id') ?? '')
	);
	return { count, ids: ids.sort((a, b) => Number(a) - Number(b)) };
}

const drillParam = (page: Page) =>
	new URLSearchParams(new URL(page.url()).hash.slice(1)).get('drill');

describe('the deals behind a number', () => {
	const site = useSite();
	let page: Page;

	beforeAll(async () => {
		page = await (await site.context()).newPage();
		await page.goto(site.url);
		await page.setInputFiles('[data-testid="file-input"]', FILES);
		await ready(page, 'all');
	});

	test('a click on a funnel bar lists exactly the deals counted there', async () => {
		const bar = '.funnel g.row[data-stage="Demo"]';
		const shown = await page.textContent(`${bar} .reached`);
		expect(shown).toBe(String(FUNNEL_DEMO.length));
		await page.click(`${bar} rect:not(.drop)`);
		const { count, ids } = await listed(page);
		expect(ids).toEqual(FUNNEL_DEMO);
		expect(count).toBe(FUNNEL_DEMO.length);
		expect(JSON.parse(drillParam(page)!)).toEqual(['funnel', 'cohort', 2]);
		// Each row: id, name, owner, stage, amount, created, closed or expected, outcome.
		const row = await page.$$eval(`${LIST} tbody tr[data-id="8"] td`, (cells) =>
			cells.map((c) => c.textContent?.trim())
		);
		expect(row).toEqual([
			'8',
			'Hale',
			'Ann',
			'Demo',
			'800',
			'2024-01-08',
			'2024-03-15 (expected)',
			'open'
		]);
	});

	test('Escape closes the list, and the link no longer has it', async () => {
		await page.keyboard.press('Escape');
		await page.waitForSelector(LIST, { state: 'detached' });
		expect(drillParam(page)).toBeNull();
	});

	test('Enter on a lost reason lists its lost deals; Back closes the list', async () => {
		await page.focus('[data-panel="lost-reasons"] g.bar[data-label="Price"]');
		await page.keyboard.press('Enter');
		expect(await listed(page)).toEqual({ count: 2, ids: ['1', '5'] });
		await page.keyboard.press('Escape');
		await page.waitForSelector(LIST, { state: 'detached' });

		await page.click('[data-panel="lost-reasons"] g.bar[data-label="(no reason given)"] rect');
		expect(await listed(page)).toEqual({ count: 1, ids: ['4'] });
		expect(JSON.parse(drillParam(page)!)).toEqual(['reason', '(none)']);
		await page.goBack();
		await page.waitForSelector(LIST, { state: 'detached' });
		await ready(page, 'all');
	});

	test('a forecast month lists its open deals, sorts, and downloads them as CSV', async () => {
		await page.focus('[data-panel="forecast"] g.month[data-month="2024-02"]');
		await page.keyboard.press(' ');
		expect(await listed(page)).toEqual({ count: 2, ids: ['9', '10'] });
		// Largest amount first; 10 has none, so it is last either way.
		const order = () =>
			page.$$eval(`${LIST} tbody tr`, (rows) => rows.map((r) => r.getAttribute('data-id')));
		expect(await order()).toEqual(['9', '10']);
		await page.click(`${LIST} th button[data-sort="id"]`);
		await page.waitForSelector(`${LIST} th[aria-sort="ascending"] button[data-sort="id"]`);
		await page.waitForFunction(
			(sel) => document.querySelector(`${sel} tbody tr`)?.getAttribute('data-id') === '10',
			LIST
		);
		expect(await order()).toEqual(['10', '9']);
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.click('[data-testid="deal-list-csv"]')
		]);
		const lines = readFileSync(await download.path(), 'utf8')
			.trim()
			.split(/\r?\n/);
		expect(lines[0]).toBe('id,name,owner,stage,amount,created,closed,expected_close,outcome');
		expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['10', '9']);
		await page.click('[data-testid="deal-list-close"]');
		await page.waitForSelector(LIST, { state: 'detached' });

		await page.click('[data-panel="forecast"] g.month[data-month=""] rect.value');
		expect(await listed(page)).toEqual({ count: 1, ids: ['11'] });
		await page.keyboard.press('Escape');
		await page.waitForSelector(LIST, { state: 'detached' });
	});

	test('a KPI count, a cohort cell, a breakdown row and a quality finding list their deals', async () => {
		// Every deal is in the cohort of the whole data.
		await page.click('[data-kpi="created"] button');
		expect(await listed(page)).toEqual({ count: 13, ids: ALL });
		await page.keyboard.press('Escape');
		await page.waitForSelector(LIST, { state: 'detached' });
		// Created in January and at Demo or beyond: 1, 2, 4, 5, 7, 8, 10.
		await page.focus('g.cohort-row[data-month="2024-01"] g.cell[data-stage="Demo"]');
		await page.keyboard.press('Enter');
		expect(await listed(page)).toEqual({ count: 7, ids: ['1', '2', '4', '5', '7', '8', '10'] });
		await page.keyboard.press('Escape');
		await page.waitForSelector(LIST, { state: 'detached' });
		// Ann's deals: 1, 2, 7, 8, 13.
		await page.click('[data-testid="breakdown"] tbody tr[data-value="Ann"] button.deals');
		expect(await listed(page)).toEqual({ count: 5, ids: ['1', '2', '7', '8', '13'] });
		await page.keyboard.press('Escape');
		await page.waitForSelector(LIST, { state: 'detached' });
		// The median won cycle is 3 days (7), so open deals older than 6 days on 10 February are
		// stale: all but 12 (created 5 February).
		await page.click('[data-testid="quality-findings"] li[data-kind="stale_open"] button');
		expect(await listed(page)).toEqual({ count: 5, ids: ['8', '9', '10', '11', '13'] });
		await page.keyboard.press('Escape');
		await page.waitForSelector(LIST, { state: 'detached' });
	});

	test('the open list survives a reload from the link', async () => {
		await page.click('[data-panel="forecast"] g.month[data-month="2024-02"] rect.value');
		await listed(page);
		const link = page.url();
		expect(JSON.parse(drillParam(page)!)).toEqual(['forecast', '2024-02']);
		// A link for dropped files asks for them again; then it shows its view, the list open.
		const again = await (await site.context()).newPage();
		await again.goto(link);
		await again.setInputFiles('[data-testid="file-input"]', FILES);
		await ready(again, 'all');
		expect(await listed(again)).toEqual({ count: 2, ids: ['9', '10'] });
		await again.keyboard.press('Escape');
		await again.waitForSelector(LIST, { state: 'detached' });
		// A reload of the tab reopens the files this browser kept, and the list with them.
		await page.reload();
		expect(await listed(page)).toEqual({ count: 2, ids: ['9', '10'] });
	});
});

const HUBSPOT = 'tests/fixtures/examples/hubspot';

describe('the HubSpot example', () => {
	const site = useSite();

	test('each funnel bar lists as many deals as it counts, the figures of expected.json', async () => {
		const runs = JSON.parse(readFileSync(join(HUBSPOT, 'expected.json'), 'utf8')) as {
			from: string | null;
			expected: { funnel: { stage: string; reached: number }[] };
		}[];
		const funnel = runs.find((r) => r.from === null)!.expected.funnel;
		const page = await site.open();
		await page.setInputFiles('[data-testid="file-input"]', [
			join(HUBSPOT, 'hubspot-crm-exports-all-deals-2025-07-01.csv')
		]);
		await ready(page, 'all');
		for (const row of funnel) {
			await page.focus(`.funnel g.row[data-stage="${row.stage}"]`);
			await page.keyboard.press('Enter');
			await page.waitForSelector(READY_LIST);
			expect(Number(await page.getAttribute(LIST, 'data-count'))).toBe(row.reached);
			await page.keyboard.press('Escape');
			await page.waitForSelector(LIST, { state: 'detached' });
		}
	});
});
