import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import type { DashboardResults } from '../../src/lib/engine/dashboard';
import { formatsFor } from '../../src/lib/i18n/format';
import { expectClose } from '../unit/expect-close';
import { nodeDashboards } from './node-dashboards';
import { useSite } from './site';

const HUBSPOT = 'tests/fixtures/examples/hubspot';
const FILES = ['hubspot-crm-exports-all-deals-2025-07-01.csv', 'spend.csv'].map((f) =>
	join(HUBSPOT, f)
);
const runs = JSON.parse(readFileSync(join(HUBSPOT, 'expected.json'), 'utf8')) as {
	from: string | null;
	to: string | null;
	where: Record<string, string[]> | null;
	expected: Record<string, unknown>;
}[];

const num = (text: string | null | undefined) => Number((text ?? '').replace(/[,\s]/g, ''));

async function download(page: Page, selector: string): Promise<{ name: string; bytes: Buffer }> {
	const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
	return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

describe('every view of the dashboard', () => {
	const site = useSite();
	let page: Page;
	let engine: DashboardResults;
	let snapshotView: DashboardResults;

	beforeAll(async () => {
		// The same files through the same engine in Node: what every view must show.
		({ engine, snapshotView } = await nodeDashboards(
			FILES.map((f) => ({ name: f.split('/').pop()!, source: new Uint8Array(readFileSync(f)) })),
			{ engine: {}, snapshotView: { funnelMode: 'snapshot' } }
		));

		page = await site.open();
		await page.setInputFiles('[data-testid="file-input"]', FILES);
		await page.waitForSelector('main[data-ready="true"][data-view="all"]');
	});

	test('the time-in-stage box plot shows the engine medians and counts', async () => {
		const rows = await page.$$eval('[data-panel="time-in-stage"] g.row', (gs) =>
			gs.map((g) => ({
				stage: g.getAttribute('data-stage'),
				n: g.querySelector('.n')?.textContent
			}))
		);
		expect(rows.map((r) => r.stage)).toEqual(engine.durations!.map((d) => d.stage));
		expect(rows.map((r) => num(r.n!.replace('n=', '')))).toEqual(engine.durations!.map((d) => d.n));
	});

	test('the cohort heatmap has a row per created month with the engine counts', async () => {
		const months = await page.$$eval('[data-panel="cohorts"] g.cohort-row', (rows) =>
			rows.map((g) => [g.getAttribute('data-month'), g.querySelector('.created')?.textContent])
		);
		expect(months.map((m) => m[0])).toEqual(engine.cohorts.rows.map((r) => r.month));
		expect(months.map((m) => num(m[1]))).toEqual(engine.cohorts.rows.map((r) => r.created));
	});

	test('the breakdown table lists every owner with its created count, and the totals row matches', async () => {
		const rows = await page.$$eval('[data-testid="breakdown"] tbody tr', (trs) =>
			trs.map((tr) => [tr.getAttribute('data-value'), tr.querySelectorAll('td')[1]?.textContent])
		);
		const expected = new Map(engine.breakdown.rows.map((r) => [r.value, r.created]));
		expect(rows.length).toBe(expected.size);
		for (const [value, created] of rows) expect(num(created)).toBe(expected.get(value!));
		const total = await page.textContent('[data-testid="breakdown"] tfoot td:nth-child(2)');
		expect(num(total)).toBe(engine.report.deals.created);
	});

	test('sorting the breakdown by win rate orders the rows', async () => {
		await page.click('[data-testid="breakdown"] th button[data-sort="win_rate"]');
		const values = await page.$$eval('[data-testid="breakdown"] tbody tr', (trs) =>
			trs.map((tr) => tr.getAttribute('data-value'))
		);
		const byRate = [...engine.breakdown.rows]
			.sort((a, b) => (b.win_rate ?? -1) - (a.win_rate ?? -1))
			.map((r) => r.value);
		expect(values).toEqual(byRate);
	});

	test('the velocity what-if moves velocity by the factor changed', async () => {
		// Velocity is created × win rate × average deal size ÷ cycle: 20% more deal size is 20%
		// more velocity.
		const velocity = engine.report.sales_velocity_per_day!;
		const result = (value: number, change: string) =>
			`Velocity ${formatsFor('en').number(value)} per day (${change})`;
		const shows = (text: string) =>
			page.waitForFunction(
				(t) => document.querySelector('[data-testid="whatif-result"]')?.textContent?.trim() === t,
				text
			);
		await shows(result(velocity, '+0.0%'));
		await page.fill('[data-testid="whatif-avg_deal_size"]', '20');
		await page.dispatchEvent('[data-testid="whatif-avg_deal_size"]', 'input');
		await shows(result(velocity * 1.2, '+20.0%'));
		expect(await page.textContent('[data-factor="avg_deal_size"] .whatif span')).toBe('+20%');
		await page.fill('[data-testid="whatif-avg_deal_size"]', '0');
		await page.dispatchEvent('[data-testid="whatif-avg_deal_size"]', 'input');
		await shows(result(velocity, '+0.0%'));
		expect((await page.textContent('[data-testid="whatif-result"]'))?.trim()).toBe(
			result(velocity, '+0.0%')
		);
	});

	test('CSV, SVG and PNG exports carry the chart and its numbers', async () => {
		const csv = await download(page, '[data-panel="funnel"] [data-export="csv"]');
		expect(csv.name).toBe('pipelens-funnel.csv');
		const rows = Papa.parse<string[]>(csv.bytes.toString('utf8'), { skipEmptyLines: true }).data;
		expect(rows[0]).toEqual(['stage', 'reached', 'from_previous', 'from_first']);
		expect(rows.slice(1).map((r) => [r[0], Number(r[1])])).toEqual(
			engine.report.funnel.map((f) => [f.stage, f.reached])
		);

		const svg = await download(page, '[data-panel="funnel"] [data-export="svg"]');
		const text = svg.bytes.toString('utf8');
		expect(text.startsWith('<svg')).toBe(true);
		for (const f of engine.report.funnel.slice(0, -1)) expect(text).toContain(f.stage);

		const png = await download(page, '[data-panel="time-in-stage"] [data-export="png"]');
		expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
		expect(png.bytes.length).toBeGreaterThan(2000);
	});

	test('the snapshot funnel shows deals that entered each stage in the period', async () => {
		await page.check('[data-testid="funnel-mode-snapshot"]');
		await page.waitForFunction(() =>
			document.querySelector('[data-panel="funnel"] h2 small')?.textContent?.includes('entered')
		);
		await page.waitForSelector('main[data-ready="true"]');
		const reached = await page.$$eval('[data-panel="funnel"] g.row .reached', (t) =>
			t.map((x) => x.textContent)
		);
		expect(reached.map(num)).toEqual(snapshotView.snapshot!.rows.map((r) => r.reached));
		await page.check('[data-testid="funnel-mode-cohort"]');
		await page.waitForFunction(() =>
			document.querySelector('[data-panel="funnel"] h2 small')?.textContent?.includes('cohort')
		);
	});

	test('a breakdown click filters every view, and the period plus the filter gives the expected metrics', async () => {
		const run = runs.find((r) => r.where !== null)!;
		await page.selectOption('[data-testid="period-preset"]', 'all');
		await page.fill('[data-testid="period-from"]', run.from!);
		await page.fill('[data-testid="period-to"]', run.to!);
		await page.waitForSelector(`main[data-ready="true"][data-view="${run.from}..${run.to}"]`);
		const [dim, [value]] = Object.entries(run.where!)[0];
		await page.click(`[data-testid="breakdown"] tbody tr[data-value="${value}"] .pick`);
		await page.waitForSelector(
			`main[data-ready="true"][data-view="${run.from}..${run.to};${dim}=${value}"]`
		);
		const json = JSON.parse(
			(await download(page, '[data-testid="download-json"]')).bytes.toString('utf8')
		);
		const { warnings: _w, ...expected } = run.expected;
		expectClose(json, expected);
		expect(await page.textContent(`[data-testid="filter-${dim}"] .summary`)).toContain(value);
	});

	test('Russian: texts and number formats follow the language', async () => {
		await page.selectOption('[data-testid="lang"]', 'ru');
		await page.waitForFunction(() => document.documentElement.lang === 'ru');
		expect(await page.textContent('[data-panel="funnel"] h2')).toContain('Конверсия по этапам');
		expect(await page.textContent('[data-kpi="win-rate"] .value')).toMatch(/^\d+,\d\u00a0%$/);
		await page.screenshot({ path: 'test-results/dashboard-ru.png', fullPage: true });
		await page.selectOption('[data-testid="lang"]', 'en');
	});

	test('dark mode: the toggle switches the palette', async () => {
		const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
		await page.selectOption('[data-testid="theme"]', 'light');
		const light = await background();
		await page.selectOption('[data-testid="theme"]', 'dark');
		await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
		const dark = await background();
		expect(dark).not.toBe(light);
		const [r, g, b] = dark.match(/\d+/g)!.map(Number);
		expect(r + g + b).toBeLessThan(150);
		await page.screenshot({ path: 'test-results/dashboard-dark.png', fullPage: true });
		// "System" follows the operating system's setting, also when it changes.
		await page.selectOption('[data-testid="theme"]', 'system');
		await page.emulateMedia({ colorScheme: 'dark' });
		await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
		await page.emulateMedia({ colorScheme: 'light' });
		await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
	});
});

describe('cells that look like formulas or markup', () => {
	const site = useSite();

	test('are shown as text and escaped in CSV exports', async () => {
		const page = await site.open();
		const dialogs: string[] = [];
		page.on('dialog', (d) => {
			dialogs.push(d.message());
			void d.dismiss();
		});
		const evil = '<img src=x onerror="alert(1)">';
		const deals = [
			'id,owner,stage,amount,created,closed',
			`1,"=HYPERLINK(""http://x"")",Won,100,2024-01-05,2024-02-01`,
			`2,"${evil.replaceAll('"', '""')}",Lost,50,2024-01-06,2024-01-20`,
			`3,Plain Name,Lead,70,2024-01-07,`
		].join('\n');
		await page.setInputFiles('[data-testid="file-input"]', [
			{ name: 'deals.csv', mimeType: 'text/csv', buffer: Buffer.from(deals) }
		]);
		await page.waitForSelector('main[data-ready="true"]');
		const cells = await page.$$eval('[data-testid="breakdown"] tbody tr', (trs) =>
			trs.map((tr) => tr.getAttribute('data-value'))
		);
		expect(cells).toContain(evil);
		expect(await page.$$('main img')).toHaveLength(0);
		const csv = await download(page, '[data-panel="breakdown"] [data-export="csv"]');
		const rows = Papa.parse<string[]>(csv.bytes.toString('utf8')).data;
		const owners = rows.map((r) => r[0]);
		expect(owners).toContain('\'=HYPERLINK("http://x")');
		expect(owners).not.toContain('=HYPERLINK("http://x")');
		expect(dialogs).toEqual([]);
	});
});
