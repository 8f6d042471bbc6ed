import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { expectClose } from '../unit/expect-close';
import { generateAmocrm } from '../generators/amocrm.mjs';
import { useSite } from './site';

const ENTERPRISE = 'tests/fixtures/examples/enterprise';
const runs = JSON.parse(readFileSync(join(ENTERPRISE, 'expected.json'), 'utf8')) as {
	from: string | null;
	where: unknown;
	expected: Record<string, unknown>;
}[];
const whole = runs.find((r) => r.from === null && r.where === null)!.expected;
const config = JSON.parse(readFileSync(join(ENTERPRISE, 'config.json'), 'utf8'));

async function download(page: Page, testId: string): Promise<Record<string, unknown>> {
	const [file] = await Promise.all([
		page.waitForEvent('download'),
		page.click(`[data-testid="${testId}"]`)
	]);
	return JSON.parse(readFileSync(await file.path(), 'utf8'));
}

const stageNames = (page: Page) =>
	page.$$eval('[data-testid="stage-list"] li .name', (items) => items.map((i) => i.textContent));
const funnelStages = (page: Page) =>
	page.$$eval('.funnel g.row', (rows) => rows.map((r) => r.getAttribute('data-stage')));

describe('the mapping and stage editors', () => {
	const site = useSite();
	let page: Page;

	beforeAll(async () => {
		page = await site.open();
		// A config JSON dropped with the data files is their config.
		await page.setInputFiles(
			'[data-testid="file-input"]',
			['opps.csv', 'stage_log.csv', 'spend.csv', 'config.json'].map((f) => join(ENTERPRISE, f))
		);
		await page.waitForSelector('main[data-ready="true"][data-view="all"]');
		await page.click('[data-testid="setup"] summary');
	});

	test('a dropped config.json gives the expected figures and is shown in the editors', async () => {
		const { warnings: _w, ...expected } = whole;
		expectClose(await download(page, 'download-json'), expected);
		expect(await stageNames(page)).toEqual(config.stages);
		expect(await page.inputValue('[data-testid="map-amount"]')).toBe('acv');
	});

	test('the downloaded config reproduces the dropped one', async () => {
		const downloaded = await download(page, 'download-config');
		for (const part of ['stages', 'won', 'lost', 'history', 'spend'] as const)
			expect(downloaded[part], part).toEqual(config[part]);
		expect(downloaded.columns).toMatchObject(config.columns);
	});

	test('moving a stage with the keyboard reorders the funnel and recomputes it', async () => {
		const [first, second] = config.stages as string[];
		await page.focus(`button[aria-label="Move ${second} up"]`);
		await page.keyboard.press('Alt+ArrowUp');
		await page.waitForFunction(
			(name) => document.querySelector('[data-testid="stage-list"] li .name')?.textContent === name,
			second
		);
		// The list shows the new order at once; the funnel, once the figures are computed again.
		await page.waitForFunction(
			(order) =>
				document.querySelector('main')?.getAttribute('data-ready') === 'true' &&
				[...document.querySelectorAll('.funnel g.row')]
					.slice(0, 2)
					.map((r) => r.getAttribute('data-stage'))
					.join('|') === order,
			`${second}|${first}`
		);
		expect((await stageNames(page)).slice(0, 2)).toEqual([second, first]);
		expect((await funnelStages(page)).slice(0, 2)).toEqual([second, first]);
		// Every cohort deal has an event at the old first stage, now the second: all reach it
		// (and so the new first stage too), all 500 of the whole data's cohort.
		const created = (whole.deals as { created: number }).created;
		expect(created).toBe(500);
		const reached = (stage: string) =>
			page.textContent(`.funnel g.row[data-stage="${stage}"] .reached`);
		expect(Number((await reached(second))?.replace(/,/g, ''))).toBe(created);
		expect(Number((await reached(first))?.replace(/,/g, ''))).toBe(created);
	});

	test('a config file loaded through the editor restores the figures', async () => {
		await page.setInputFiles('[data-testid="config-input"]', join(ENTERPRISE, 'config.json'));
		await page.waitForFunction(
			(name) => document.querySelector('[data-testid="stage-list"] li .name')?.textContent === name,
			config.stages[0]
		);
		await page.waitForSelector('main[data-ready="true"]');
		const { warnings: _w, ...expected } = whole;
		expectClose(await download(page, 'download-json'), expected);
	});

	test('remapping a column changes the figures that depend on it', async () => {
		await page.selectOption('[data-testid="map-amount"]', '');
		await page.waitForFunction(
			() => document.querySelector('[data-kpi="avg-deal"] .value')?.textContent === '—'
		);
		expect(await page.textContent('[data-kpi="avg-deal"] .value')).toBe('—');
		expect(await page.textContent('tr[data-field="amount"] .samples')).toContain('missing');
	});

	test('a windows-1251 amoCRM export reads in Cyrillic, and the encoding can be overridden', async () => {
		const { cp1251 } = generateAmocrm({ deals: 120, seed: 5 });
		await page.setInputFiles('[data-testid="file-input"]', [
			{ name: 'amocrm.csv', mimeType: 'text/csv', buffer: Buffer.from(cp1251) }
		]);
		await page.waitForSelector('main[data-ready="true"][data-view="all"]');
		await page.click('[data-testid="setup"] summary');
		expect(await page.inputValue('[data-testid="encoding-amocrm.csv"]')).toBe('windows-1251');
		expect(await stageNames(page)).toContain('Переговоры');
		await page.selectOption('[data-testid="encoding-amocrm.csv"]', 'windows-1252');
		await page.waitForSelector('main[data-ready="true"], [data-testid="error"]');
		await page.waitForFunction(
			() =>
				(document.querySelector('[data-testid="encoding-amocrm.csv"]') as HTMLSelectElement | null)
					?.value === 'windows-1252' || document.querySelector('[data-testid="error"]') !== null
		);
		// Read as Western text the Russian headers are gibberish: nothing is recognised, and the
		// page says so in one sentence instead of showing wrong numbers.
		await page.waitForSelector('[data-testid="error"]');
		expect(await page.textContent('[data-testid="error"]')).toMatch(/no deals file/);
		expect(await page.textContent('main')).not.toContain('Переговоры');
		// The file stays in the mapping editor, read as chosen, to be fixed there.
		await page.waitForSelector('[data-testid="fix"]');
		expect(await page.inputValue('[data-testid="encoding-amocrm.csv"]')).toBe('windows-1252');
	});
});
