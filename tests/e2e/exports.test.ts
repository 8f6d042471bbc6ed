import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import type { DashboardResults } from '../../src/lib/engine/dashboard';
import { expectClose } from '../unit/expect-close';
import { nodeDashboards } from './node-dashboards';
import { useSite } from './site';

const HUBSPOT = 'tests/fixtures/examples/hubspot';

// The HubSpot example with owners and a source that a spreadsheet would run as formulas: every
// character CSV injection starts with (= + - @ tab CR), coming from the data itself.
const EVIL_OWNERS: Record<string, string> = {
	'Alice Moreau': '=HYPERLINK("http://evil.example","click")',
	'Bob Ito': '+1+2',
	'Carla Díaz': '-3+4',
	'Dmitri Volkov': '@SUM(A1:A9)',
	"Eve O'Neil": '\tTabbed'
};
// Every 13th deal is moved to an owner whose name starts with a carriage return.
const CR_OWNER = '\rReturned';
const EVIL = [...Object.values(EVIL_OWNERS), CR_OWNER];
const EVIL_SOURCE = '=cmd|"/c calc"!A1';

function evilDeals(): string {
	const text = readFileSync(join(HUBSPOT, 'hubspot-crm-exports-all-deals-2025-07-01.csv'), 'utf8');
	const { data } = Papa.parse<string[]>(text, { skipEmptyLines: true });
	const owner = data[0].indexOf('Deal owner');
	const source = data[0].indexOf('Original Traffic Source');
	const rows = data.map((r, i) => {
		if (i === 0) return r;
		const out = [...r];
		out[owner] = i % 13 === 0 ? CR_OWNER : (EVIL_OWNERS[r[owner]] ?? r[owner]);
		if (i % 9 === 0) out[source] = EVIL_SOURCE;
		return out;
	});
	return Papa.unparse(rows, { quotes: true });
}
const FILES = [
	{ name: 'hubspot-crm-exports-all-deals-2025-07-01.csv', text: evilDeals() },
	{ name: 'spend.csv', text: readFileSync(join(HUBSPOT, 'spend.csv'), 'utf8') }
];

const FORMULA = /^[=+\-@\t\r]/;
/** What a cell of the exported CSV must hold for a value of the data. */
const safe = (v: string) => (FORMULA.test(v) ? `'${v}` : v);
/** A CSV cell (text) against the engine value it was written from. */
function expectCell(cell: string | undefined, value: unknown, where: string) {
	if (value === null || value === undefined) expect(cell, where).toBe('');
	else if (typeof value === 'number') expect(Number(cell), where).toBeCloseTo(value, 6);
	else expect(cell, where).toBe(safe(String(value)));
}
function expectTable(csv: string[][], columns: string[], rows: unknown[][], what: string) {
	expect(csv[0], `${what} header`).toEqual(columns);
	expect(csv.length - 1, `${what} rows`).toBe(rows.length);
	rows.forEach((row, r) =>
		row.forEach((v, c) => expectCell(csv[r + 1][c], v, `${what} row ${r + 1} column ${columns[c]}`))
	);
}

async function download(page: Page, selector: string): Promise<{ name: string; bytes: Buffer }> {
	const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
	return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}
const csvOf = async (page: Page, panel: string) =>
	Papa.parse<string[]>(
		(await download(page, `[data-panel="${panel}"] [data-export="csv"]`)).bytes.toString('utf8'),
		{ skipEmptyLines: true }
	).data;

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
	expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
	return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('every export of every view', () => {
	const site = useSite();
	let context: BrowserContext;
	let page: Page;
	let engine: DashboardResults;
	let bySource: DashboardResults;

	beforeAll(async () => {
		({ engine, bySource } = await nodeDashboards(
			FILES.map((f) => ({ name: f.name, source: f.text })),
			{ engine: {}, bySource: { breakdown: 'source' } }
		));

		context = await site.context();
		page = await loadedPage();
	});

	/** A tab with the files dropped and the whole-data view drawn. */
	async function loadedPage(): Promise<Page> {
		const tab = await context.newPage();
		await tab.goto(site.url);
		await tab.setInputFiles(
			'[data-testid="file-input"]',
			FILES.map((f) => ({ name: f.name, mimeType: 'text/csv', buffer: Buffer.from(f.text) }))
		);
		await tab.waitForSelector('main[data-ready="true"][data-view="all"]');
		return tab;
	}

	test('the owners that look like formulas reach the page as they are', async () => {
		const owners = await page.$$eval('[data-testid="breakdown"] tbody tr', (trs) =>
			trs.map((tr) => tr.getAttribute('data-value'))
		);
		expect(owners.sort()).toEqual(engine.breakdown.rows.map((r) => r.value).sort());
		for (const evil of EVIL) expect(owners).toContain(evil);
	});

	test('every chart downloads as a PNG the size of the chart, at twice its pixels', async () => {
		const panels = await page.$$eval('[data-panel]:has([data-export="png"])', (ps) =>
			ps.map((p) => p.getAttribute('data-panel')!)
		);
		expect(panels.sort()).toEqual(
			[
				'cac-by-channel',
				'cohorts',
				'forecast',
				'funnel',
				'lost-by-stage',
				'time-in-stage',
				'velocity'
			].sort()
		);
		for (const id of panels) {
			const box = await page.$eval(`[data-panel="${id}"] svg`, (svg) => {
				const r = svg.getBoundingClientRect();
				return { width: r.width, height: r.height };
			});
			const png = await download(page, `[data-panel="${id}"] [data-export="png"]`);
			expect(png.name).toBe(`pipelens-${id}.png`);
			expect(pngSize(png.bytes), id).toEqual({
				width: Math.ceil(box.width * 2),
				height: Math.ceil(box.height * 2)
			});
		}
	});

	test('every chart downloads as an SVG that parses and holds its marks and labels', async () => {
		// A tab of its own, as for the tables below: Chromium holds back a tab's downloads after
		// many (the PNG test before downloads one per chart).
		const page = await loadedPage();
		const svgOf = async (id: string) => {
			const file = await download(page, `[data-panel="${id}"] [data-export="svg"]`);
			expect(file.name).toBe(`pipelens-${id}.svg`);
			// Parsed by the browser's XML parser, as an image viewer would.
			return page.evaluate((text) => {
				const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
				const count = (s: string) => doc.querySelectorAll(s).length;
				return {
					error: doc.querySelector('parsererror')?.textContent ?? null,
					root: doc.documentElement.namespaceURI + ' ' + doc.documentElement.localName,
					text: doc.documentElement.textContent ?? '',
					rows: count('g.row'),
					cells: count('g.cell rect'),
					trends: count('g.trend'),
					bars: count('g.bar rect'),
					boxes: count('rect.box'),
					titles: [...doc.querySelectorAll('title')].map((t) => t.textContent ?? '')
				};
			}, file.bytes.toString('utf8'));
		};
		const root = 'http://www.w3.org/2000/svg svg';

		const funnel = await svgOf('funnel');
		expect(funnel.error).toBeNull();
		expect(funnel.root).toBe(root);
		expect(funnel.rows).toBe(engine.funnel.rows.length);
		expect(funnel.text).toContain(engine.funnel.rows[1].stage);
		expect(funnel.titles[1]).toContain(
			`(${engine.funnel.rows[1].reached.toLocaleString('en-US')} / ${engine.funnel.rows[0].reached.toLocaleString('en-US')})`
		);

		const cohorts = await svgOf('cohorts');
		expect(cohorts.error).toBeNull();
		expect(cohorts.cells).toBe(
			engine.cohorts.rows.flatMap((r) => r.share).filter((s) => s !== null).length
		);
		for (const r of engine.cohorts.rows) expect(cohorts.text).toContain(r.month);

		const velocity = await svgOf('velocity');
		expect(velocity.error).toBeNull();
		expect(velocity.trends).toBe(5);
		expect(velocity.titles).toContain(
			`${engine.series.months[0].month}: ${engine.series.months[0].created} deals created`
		);

		const tis = await svgOf('time-in-stage');
		expect(tis.error).toBeNull();
		expect(tis.boxes).toBe(engine.durations!.filter((d) => d.median !== null).length);

		const cac = await svgOf('cac-by-channel');
		expect(cac.error).toBeNull();
		expect(cac.bars).toBe(engine.cacByChannel!.channels.length);
		// Text from the data stays text in the SVG (escaped by the serializer, parsed back intact).
		expect(cac.text).toContain(EVIL_SOURCE);
	});

	test('every table downloads as CSV with the rows of the view', async () => {
		// A tab of its own: after the ten chart downloads above, Chromium held back the next
		// download from the same tab (its limit on many downloads from one page; seen here on
		// 2026-11-27 with the last landed commit's code too). Each table below is one click.
		const page = await loadedPage();
		const r = engine.report;
		expectTable(
			await csvOf(page, 'funnel'),
			['stage', 'reached', 'from_previous', 'from_first'],
			engine.funnel.rows.map((f) => [f.stage, f.reached, f.from_previous, f.from_first]),
			'funnel'
		);
		expectTable(
			await csvOf(page, 'time-in-stage'),
			['stage', 'n', 'mean_days', 'p5', 'p25', 'median_days', 'p75', 'p95'],
			engine.durations!.map((d) => [d.stage, d.n, d.mean, d.p5, d.p25, d.median, d.p75, d.p95]),
			'time in stage'
		);
		expectTable(
			await csvOf(page, 'velocity'),
			[
				'month',
				'created',
				'win_rate',
				'avg_deal_size',
				'sales_cycle_days',
				'sales_velocity_per_day'
			],
			engine.series.months.map((m) => [
				m.month,
				m.created,
				m.win_rate,
				m.avg_deal_size,
				m.sales_cycle_days,
				m.sales_velocity_per_day
			]),
			'velocity'
		);
		expectTable(
			await csvOf(page, 'cohorts'),
			['month', 'created', ...engine.cohorts.columns],
			engine.cohorts.rows.map((m) => [m.month, m.created, ...m.share]),
			'cohorts'
		);
		expectTable(
			await csvOf(page, 'cost-per-stage'),
			['stage', 'reached', 'cost'],
			r.cost_per_stage!.map((c, i) => [c.stage, r.funnel[i].reached, c.cost]),
			'cost per stage'
		);
		const cac = engine.cacByChannel!;
		expectTable(
			await csvOf(page, 'cac-by-channel'),
			['channel', 'spend', 'created', 'won', 'cac', ...cac.stages.map((s) => `cost_${s}`)],
			[...cac.channels, cac.total].map((c) => [
				c.channel,
				c.spend,
				c.created,
				c.won,
				c.cac,
				...c.cost_per_stage.map((x) => x.cost)
			]),
			'CAC by channel'
		);
		const breakdownRow = (b: DashboardResults['breakdown']['rows'][number]) => [
			b.value,
			b.created,
			b.won,
			b.lost,
			b.win_rate,
			b.avg_deal_size,
			b.sales_cycle_days,
			b.sales_velocity_per_day,
			b.open_deals,
			b.open_value,
			b.spend,
			b.cac
		];
		const breakdownColumns = (d: string) => [
			d,
			'created',
			'won',
			'lost',
			'win_rate',
			'avg_deal_size',
			'sales_cycle_days',
			'sales_velocity_per_day',
			'open_deals',
			'open_value',
			'spend',
			'cac'
		];
		expectTable(
			await csvOf(page, 'breakdown'),
			breakdownColumns('owner'),
			[...engine.breakdown.rows, { ...engine.breakdown.total, value: 'Total' }].map(breakdownRow),
			'breakdown by owner'
		);
		await page.selectOption('[data-testid="breakdown-by"]', 'source');
		await page.waitForSelector('main[data-ready="true"][data-view="all"]');
		await page.waitForFunction(
			(v) =>
				[...document.querySelectorAll('[data-testid="breakdown"] tbody tr')].some(
					(tr) => tr.getAttribute('data-value') === v
				),
			EVIL_SOURCE
		);
		expectTable(
			await csvOf(page, 'breakdown'),
			breakdownColumns('source'),
			[...bySource.breakdown.rows, { ...bySource.breakdown.total, value: 'Total' }].map(
				breakdownRow
			),
			'breakdown by source'
		);
		await page.selectOption('[data-testid="breakdown-by"]', 'owner');
		await page.waitForFunction(
			(v) =>
				[...document.querySelectorAll('[data-testid="breakdown"] tbody tr')].some(
					(tr) => tr.getAttribute('data-value') === v
				),
			EVIL_OWNERS['Bob Ito']
		);
		await page.waitForSelector('main[data-ready="true"]');
	});

	test('cells from the data starting with = + - @ tab or CR are escaped in the CSV', async () => {
		const owners = (await csvOf(page, 'breakdown')).map((row) => row[0]);
		for (const evil of EVIL) {
			expect(owners).toContain(`'${evil}`);
			expect(owners).not.toContain(evil);
		}
		const channels = (await csvOf(page, 'cac-by-channel')).map((row) => row[0]);
		expect(channels).toContain(`'${EVIL_SOURCE}`);
		expect(channels).not.toContain(EVIL_SOURCE);
	});

	test('the metrics JSON is the engine’s report for the view', async () => {
		const file = await download(page, '[data-testid="download-json"]');
		expect(file.name).toBe(`pipelens-metrics-${engine.period.from}-${engine.period.to}.json`);
		expectClose(JSON.parse(file.bytes.toString('utf8')), engine.report);
	});
});
