import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { DEALS, generateAnalyst } from '../generators/analyst-handmade.mjs';
import { useSite } from './site';

// An analyst's own tables dropped together with no config (issue #17): a deals table, a stage
// log and a spend sheet. Where the guesser cannot read them yet, the mapping editor says what
// each file is and which column holds what; a fix recomputes at once and survives a reload.

const files = generateAnalyst();
const DROP = [
	{ name: 'deals.csv', text: files.deals },
	{ name: 'stage_history.csv', text: files.history },
	{ name: 'spend.csv', text: files.spend }
].map((f) => ({ name: f.name, mimeType: 'text/csv', buffer: Buffer.from(f.text) }));

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const open = DEALS.filter((d) => d.outcome === 'open');
const won = DEALS.filter((d) => d.outcome === 'won');

async function download(page: Page): Promise<Record<string, unknown>> {
	const [file] = await Promise.all([
		page.waitForEvent('download'),
		page.click('[data-testid="download-json"]')
	]);
	return JSON.parse(readFileSync(await file.path(), 'utf8'));
}

/** Wait for the dashboard with its mapping and stages panel, and open the panel. */
async function openSetup(page: Page): Promise<void> {
	await page.waitForFunction(
		() =>
			document.querySelector('main')?.getAttribute('data-ready') === 'true' &&
			document.querySelector('[data-testid="setup"]') !== null
	);
	// The panel is closed on a new dataset.
	await page.$eval('[data-testid="setup"]', (d) => ((d as HTMLDetailsElement).open = true));
}

/** Reload the page: the kept files open again, with the settings they were read with. */
async function reloadKept(page: Page): Promise<void> {
	await page.reload();
	await page.waitForSelector('body[data-kept="restored"]');
	await openSetup(page);
}

/** Wait until an edit is built: the field's row shows `samples`, and the view is ready. */
async function built(page: Page, field: string, samples: string): Promise<void> {
	await page.waitForFunction(
		([f, text]) =>
			document.querySelector(`tr[data-field="${f}"] .samples`)?.textContent?.trim() === text &&
			document.querySelector('main')?.getAttribute('data-ready') === 'true' &&
			document.querySelector('[data-testid="setup"]') !== null,
		[field, samples]
	);
}

/** Put a label in no list into the stage editor's `list`, and wait for the figures. */
async function moveTo(page: Page, label: string, list: 'lost' | 'left_out'): Promise<void> {
	await page.click(
		`[data-testid="unused-labels"] li[data-label="${label}"] button[data-as="${list}"]`
	);
	await page.waitForFunction(
		([name, testId]) =>
			(document.querySelector(`[data-testid="${testId}"]`)?.textContent ?? '').includes(name) &&
			document.querySelector('main')?.getAttribute('data-ready') === 'true',
		[label, `${list.replace('_', '-')}-labels`]
	);
}

const samplesOf = (values: (string | number)[]) => values.slice(0, 3).join(' · ');
const pipelineCard = (page: Page) => page.textContent('li[data-kpi="pipeline"] .value');

describe('an analyst’s deals table, stage log and spend sheet', () => {
	const site = useSite();
	let page: Page;

	beforeAll(async () => {
		page = await site.open();
		await page.waitForSelector('body[data-kept="none"]');
		await page.setInputFiles('[data-testid="file-input"]', DROP);
		await page.waitForFunction(
			() =>
				document.querySelector('main')?.getAttribute('data-ready') === 'true' &&
				(document.querySelector('section.source')?.textContent ?? '').includes('deals.csv')
		);
		await openSetup(page);
	});

	test('every file is in the mapping editor with its role, and each field of that role', async () => {
		expect(await page.inputValue('[data-testid="role-deals.csv"]')).toBe('deals');
		expect(await page.inputValue('[data-testid="role-spend.csv"]')).toBe('spend');
		// The deals' columns, each field's choices ranked: the deal size before the revenue.
		expect(await page.inputValue('[data-testid="map-amount"]')).toBe('deal_size_usd');
		const amountChoices = await page.$$eval('[data-testid="map-amount"] option', (o) =>
			o.map((x) => (x as HTMLOptionElement).value)
		);
		expect(amountChoices.slice(0, 3)).toEqual(['', 'deal_size_usd', 'revenue_usd']);
		// Sample values beside each column in the choices, and beside the chosen one.
		expect(await page.textContent('[data-testid="map-amount"] option[value="revenue_usd"]')).toBe(
			`revenue_usd — ${DEALS.slice(0, 3)
				.map((d) => d.revenue)
				.join(', ')}`
		);
		expect(await page.textContent('tr[data-field="amount"] .samples')).toBe(
			samplesOf(DEALS.map((d) => d.size))
		);
		expect(await page.inputValue('[data-testid="map-spend-amount"]')).toBe('spend_usd');
		expect(await page.inputValue('[data-testid="map-spend-channel"]')).toBe('channel');
	});

	test('the stage log is read as the history, its date column and the close date found, with no config', async () => {
		expect(await page.inputValue('[data-testid="role-stage_history.csv"]')).toBe('history');
		expect(await page.inputValue('[data-testid="map-history-id"]')).toBe('deal_id');
		expect(await page.inputValue('[data-testid="map-history-stage"]')).toBe('stage');
		expect(await page.inputValue('[data-testid="map-history-at"]')).toBe('stage_date');
		// The close date, not the review date beside it.
		expect(await page.inputValue('[data-testid="map-closed"]')).toBe('close_date');
		const metrics = await download(page);
		// Won and lost by the stage labels, closed on their close dates; the rest open.
		expect(metrics.deals).toEqual({ created: 8, won: 2, lost: 2 });
		expect(metrics.pipeline).toMatchObject({
			open_deals: open.length,
			open_value: sum(open.map((d) => d.size))
		});
		// Every deal's log starts at Lead; D08 never left it.
		const funnel = metrics.funnel as { stage: string; reached: number }[];
		expect(funnel[0]).toMatchObject({ stage: 'Lead', reached: 8 });
		expect(funnel.map((r) => r.stage).slice(0, 4)).toEqual([
			'Lead',
			'Qualified',
			'Proposal',
			'Negotiation'
		]);
	});

	test('a fixed guess recomputes at once and is kept across a reload', async () => {
		const before = await pipelineCard(page);
		await page.selectOption('[data-testid="map-amount"]', 'revenue_usd');
		await built(page, 'amount', samplesOf(DEALS.map((d) => d.revenue)));
		await page.waitForFunction(
			(text) => document.querySelector('li[data-kpi="pipeline"] .value')?.textContent !== text,
			before
		);
		const fixed = await download(page);
		const openRevenue = sum(open.map((d) => d.revenue));
		expect(fixed.pipeline).toMatchObject({ open_deals: open.length, open_value: openRevenue });
		expect(fixed.deals).toEqual({ created: 8, won: 2, lost: 2 });
		const shown = await pipelineCard(page);

		await page.waitForSelector('[data-testid="forget-data"]');
		await reloadKept(page);
		expect(await page.inputValue('[data-testid="map-amount"]')).toBe('revenue_usd');
		expect(await page.inputValue('[data-testid="role-stage_history.csv"]')).toBe('history');
		expect(await page.inputValue('[data-testid="map-closed"]')).toBe('close_date');
		expect(await pipelineCard(page)).toBe(shown);
		const again = await download(page);
		expect(again.pipeline).toEqual(fixed.pipeline);
		expect(again.deals).toEqual(fixed.deals);
		// The average won deal is the mean revenue of the two won deals now.
		expect(again.avg_deal_size).toBe(sum(won.map((d) => d.revenue)) / won.length);
	});

	test('a file set to "ignore" is left out, said so in the file list, and kept so', async () => {
		await page.selectOption('[data-testid="role-spend.csv"]', 'ignore');
		await page.waitForSelector('[data-testid="ignored-spend.csv"]', { state: 'attached' });
		await openSetup(page);
		expect(await page.$('[data-testid="fields-spend.csv"]')).toBeNull();
		const metrics = await download(page);
		expect(metrics.warnings).toContain('spend.csv: not used, as chosen');
		await reloadKept(page);
		expect(await page.inputValue('[data-testid="role-spend.csv"]')).toBe('ignore');
		expect(await page.textContent('[data-testid="ignored-spend.csv"]')).toBe('not used');
	});

	test('the stage editor: a label moved to lost applies, and a label can be left out', async () => {
		await page.click('button[aria-label="Remove Negotiation"]');
		await moveTo(page, 'Negotiation', 'lost');
		// D06, open at Negotiation, is lost now (with no close date, in no period's lost count).
		const stillOpen = open.filter((d) => d.stage !== 'Negotiation');
		expect(stillOpen).toHaveLength(open.length - 1);
		const metrics = await download(page);
		expect(metrics.pipeline).toMatchObject({
			open_deals: stillOpen.length,
			open_value: sum(stillOpen.map((d) => d.revenue))
		});
		await page.click('[data-testid="lost-labels"] button[aria-label="Remove Negotiation"]');
		await moveTo(page, 'Negotiation', 'left_out');
		const [file] = await Promise.all([
			page.waitForEvent('download'),
			page.click('[data-testid="download-config"]')
		]);
		const config = JSON.parse(readFileSync(await file.path(), 'utf8'));
		expect(config.left_out).toEqual(['Negotiation']);
		expect(config.columns.amount).toBe('revenue_usd');
		expect(config.history).toMatchObject({ id: 'deal_id', stage: 'stage', at: 'stage_date' });
	});

	test('the editor in Russian, light theme: every label from the catalogue', async () => {
		await page.selectOption('[data-testid="role-spend.csv"]', 'spend');
		await page.waitForSelector('[data-testid="fields-spend.csv"]', { state: 'attached' });
		await page.waitForFunction(
			() => document.querySelector('main')?.getAttribute('data-ready') === 'true'
		);
		await openSetup(page);
		await page.selectOption('[data-testid="theme"]', 'light');
		await page.selectOption('[data-testid="lang"]', 'ru');
		await page.waitForSelector('html[lang="ru"][data-theme="light"]');
		expect(await page.textContent('tr[data-field="amount"] td')).toBe('Сумма');
		expect(await page.textContent('tr[data-field="history.at"] td')).toBe('Дата перехода');
		expect(await page.textContent('[data-testid="fields-spend.csv"] caption')).toBe(
			'spend.csv: расходы'
		);
		expect(await page.textContent('[data-testid="left-out-labels"] + .hint')).toContain(
			'не входят'
		);
		mkdirSync('test-results', { recursive: true });
		await page
			.locator('[data-testid="setup"]')
			.screenshot({ path: 'test-results/analyst-editor-ru-light.png' });
	});
});
