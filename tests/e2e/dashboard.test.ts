import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { expectClose } from '../unit/expect-close';
import { foreignRequests, recordRequests } from './browser';
import { setFilter } from './filter-menu';
import { useSite } from './site';

const HUBSPOT = 'tests/fixtures/examples/hubspot';
const SHOTS = 'test-results';

interface ExpectedRun {
	from: string | null;
	to: string | null;
	where: Record<string, string[]> | null;
	expected: Record<string, unknown>;
}

const runs: ExpectedRun[] = JSON.parse(readFileSync(join(HUBSPOT, 'expected.json'), 'utf8'));

async function downloadMetrics(page: Page): Promise<Record<string, unknown>> {
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.click('[data-testid="download-json"]')
	]);
	const path = await download.path();
	return JSON.parse(readFileSync(path, 'utf8'));
}

function viewSelector(view: string): string {
	return `main[data-ready="true"][data-view="${view}"]`;
}

describe('dropping the HubSpot example on the built site', () => {
	const site = useSite();
	let page: Page;
	let requests: string[];

	beforeAll(async () => {
		mkdirSync(SHOTS, { recursive: true });
		const context = await site.context();
		requests = recordRequests(context);
		page = await context.newPage();
		await page.goto(site.url);
		await page.setInputFiles('[data-testid="file-input"]', [
			join(HUBSPOT, 'hubspot-crm-exports-all-deals-2025-07-01.csv'),
			join(HUBSPOT, 'spend.csv')
		]);
		await page.waitForSelector(viewSelector('all'));
	});

	test('the whole-data view downloads the expected metrics JSON', async () => {
		const whole = runs.find((r) => r.from === null)!;
		const actual = await downloadMetrics(page);
		const { warnings: _w, ...expected } = whole.expected;
		expectClose(actual, expected);
		await page.screenshot({ path: `${SHOTS}/dashboard-hubspot.png`, fullPage: true });
	});

	test('the KPI cards and the funnel show the engine figures', async () => {
		const whole = runs.find((r) => r.from === null)!.expected as {
			deals: { created: number };
			funnel: { stage: string; reached: number }[];
		};
		const created = await page.textContent('[data-kpi="created"] .value');
		expect(created?.replace(/,/g, '')).toBe(String(whole.deals.created));
		const rows = await page.$$eval('.funnel g.row', (gs) =>
			gs.map((g) => g.getAttribute('data-stage'))
		);
		expect(rows).toEqual(whole.funnel.map((f) => f.stage));
		const won = await page.textContent('.funnel g.row[data-stage="won"] .reached');
		expect(won?.replace(/,/g, '')).toBe(String(whole.funnel.at(-1)!.reached));
	});

	test('a period change and an owner filter give the expected metrics', async () => {
		const period = runs.find((r) => r.from !== null && r.where === null)!;
		await page.fill('[data-testid="period-from"]', period.from!);
		await page.fill('[data-testid="period-to"]', period.to!);
		await page.waitForSelector(viewSelector(`${period.from}..${period.to}`));
		const { warnings: _a, ...expectedPeriod } = period.expected;
		expectClose(await downloadMetrics(page), expectedPeriod);

		const filtered = runs.find((r) => r.where !== null)!;
		const [dim, values] = Object.entries(filtered.where!)[0];
		await setFilter(page, dim, values[0]);
		await page.waitForSelector(
			viewSelector(`${filtered.from}..${filtered.to};${dim}=${values[0]}`)
		);
		const { warnings: _b, ...expectedFiltered } = filtered.expected;
		expectClose(await downloadMetrics(page), expectedFiltered);
	});

	test('a view asked for again is shown from the views kept, without querying again', async () => {
		const period = runs.find((r) => r.from !== null && r.where === null)!;
		const filtered = runs.find((r) => r.where !== null)!;
		const [dim, values] = Object.entries(filtered.where!)[0];
		const computed = () =>
			page.evaluate(() => performance.getEntriesByName('pipelens:dashboard', 'measure').length);
		const before = await computed();
		// The owner filter of the test before, taken off and put back: both views were shown.
		await setFilter(page, dim, values[0], false);
		await page.waitForSelector(viewSelector(`${period.from}..${period.to}`));
		const { warnings: _a, ...expectedPeriod } = period.expected;
		expectClose(await downloadMetrics(page), expectedPeriod);
		await setFilter(page, dim, values[0]);
		await page.waitForSelector(
			viewSelector(`${filtered.from}..${filtered.to};${dim}=${values[0]}`)
		);
		const { warnings: _b, ...expectedFiltered } = filtered.expected;
		expectClose(await downloadMetrics(page), expectedFiltered);
		expect(await computed()).toBe(before);
	});

	test('when ready, every panel is drawn and none is busy', async () => {
		const panels = await page.$$eval('main section[data-panel]', (ss) =>
			ss.map((s) => [s.getAttribute('data-panel'), s.getAttribute('aria-busy')])
		);
		expect(panels.map(([id]) => id)).toEqual([
			'funnel',
			'lost-by-stage',
			'time-in-stage',
			'velocity',
			'cohorts',
			'lost-reasons',
			'forecast',
			'cost-per-stage',
			'cac-by-channel',
			'breakdown',
			'data-quality'
		]);
		expect(panels.filter(([, busy]) => busy !== 'false')).toEqual([]);
	});

	test('a trend month is drawn, with its tooltip, when the pointer comes to it', async () => {
		const spark = '[data-panel="velocity"] g.spark';
		// Drawn for the month under the pointer only: at most one per line, none while it is away.
		const drawn = () => page.$$eval('main g.spark g.point', (ps) => ps.length);
		const titled = () => page.$$eval('main g.spark g.point title', (ts) => ts.length);
		const lines = await page.$$eval('main g.spark', (gs) => gs.length);
		expect(lines).toBeGreaterThan(1);
		await page.mouse.move(0, 0);
		expect(await drawn()).toBe(0);
		// The line's first month at its left end, its last at its right end.
		const hit = page.locator(`${spark} rect.hit`).first();
		await hit.scrollIntoViewIfNeeded();
		const box = await hit.boundingBox();
		if (!box) throw new Error('the trend line has no box');
		await page.mouse.move(box.x + 2, box.y + box.height / 2);
		const hovered = `${spark} g.point.hovered`;
		await page.waitForSelector(hovered);
		expect(await page.getAttribute(hovered, 'data-index')).toBe('0');
		const start = await page.getAttribute(hovered, 'data-month');
		await page.mouse.move(box.x + box.width - 1, box.y + box.height / 2);
		await page.waitForSelector(`${spark} g.point.hovered:not([data-index="0"])`);
		const month = await page.getAttribute(hovered, 'data-month');
		expect(month).toMatch(/^\d{4}-\d{2}$/);
		expect(String(month) > String(start)).toBe(true);
		expect(await page.textContent(`${hovered} title`)).toContain(month);
		expect(await drawn()).toBe(1);
		expect(await titled()).toBe(1);
		await page.mouse.move(0, 0);
		await page.waitForSelector(hovered, { state: 'detached' });
	});

	test("a chart's figures are drawn as a table when its details are opened", async () => {
		const details = '[data-panel="funnel"] [data-testid="chart-table"]';
		expect(await page.$$eval(`${details} table`, (ts) => ts.length)).toBe(0);
		await page.click(`${details} summary`);
		await page.waitForSelector(`${details} table tbody tr`);
		const bars = await page.$$eval('[data-panel="funnel"] g.row', (gs) => gs.length);
		expect(bars).toBeGreaterThan(0);
		expect(await page.$$eval(`${details} table tbody tr`, (rs) => rs.length)).toBe(bars);
		await page.click(`${details} summary`);
		await page.waitForSelector(`${details} table`, { state: 'detached' });
	});

	test('where deals are lost and the forecast draw the figures of the metrics download', async () => {
		const metrics = (await downloadMetrics(page)) as {
			lost_by_stage: { stage: string; deals: number }[];
			lost_reasons: unknown;
			forecast: { month: string | null; deals: number }[];
		};
		const bars = await page.$$eval('[data-panel="lost-by-stage"] g.bar', (gs) =>
			gs.map((g) => ({ stage: g.getAttribute('data-label'), deals: Number(g.dataset.deals) }))
		);
		expect(bars).toEqual(metrics.lost_by_stage);
		// HubSpot's close date on an open deal is its expected close.
		const months = await page.$$eval('[data-panel="forecast"] g.month', (gs) =>
			gs.map((g) => ({
				month: g.getAttribute('data-month') || null,
				deals: Number(g.dataset.deals)
			}))
		);
		expect(months).toEqual(metrics.forecast.map(({ month, deals }) => ({ month, deals })));
		expect(months.length).toBeGreaterThan(0);
		// The example has no lost-reason column: the panel says so instead of drawing nothing.
		expect(metrics.lost_reasons).toBeNull();
		expect(await page.textContent('[data-panel="lost-reasons"] .empty')).toContain('lost-reason');
	});

	test('a new view draws the funnel while slower panels are still marked busy', async () => {
		// Every change of which panels are busy, recorded as the page makes it.
		await page.evaluate(() => {
			const seen: string[][] = [];
			(window as unknown as { __busy: string[][] }).__busy = seen;
			new MutationObserver(() => {
				const busy = [...document.querySelectorAll('main [aria-busy="true"][data-panel]')].map(
					(s) => s.getAttribute('data-panel') ?? ''
				);
				if (busy.join() !== seen.at(-1)?.join()) seen.push(busy);
			}).observe(document.querySelector('main')!, {
				subtree: true,
				attributes: true,
				attributeFilter: ['aria-busy']
			});
		});
		await page.fill('[data-testid="period-from"]', '2024-07-01');
		await page.fill('[data-testid="period-to"]', '2024-12-31');
		// The owner filter of the tests before stays on.
		await page.waitForSelector('main[data-ready="true"][data-view^="2024-07-01..2024-12-31"]');
		const seen = await page.evaluate(() => (window as unknown as { __busy: string[][] }).__busy);
		// The quality findings are asked last: the funnel was drawn while they were on their way.
		expect(seen.some((busy) => busy.includes('data-quality') && !busy.includes('funnel'))).toBe(
			true
		);
		expect(seen.at(-1)).toEqual([]);
	});

	test('no request leaves the page origin', () => {
		expect(requests.length).toBeGreaterThan(0);
		expect(foreignRequests(requests, site.origin)).toEqual([]);
	});
});
