import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { useSite } from './site';

/**
 * Markup in cells and headers is shown as text everywhere: tables, chart labels and tooltips,
 * filters, the mapping and stage editors, warnings and error messages. Nothing runs
 * (`window.__pwned` stays undefined) and no element is injected.
 */
const IMG = '<img src=x onerror=window.__pwned=1>';
const SCRIPT = '<script>window.__pwned=1</script>';
const SVG = '<svg onload=window.__pwned=1>';

function csvField(v: string): string {
	return `"${v.replaceAll('"', '""')}"`;
}

function hostileCsv(): string {
	const header = [
		'Deal ID',
		'Created',
		'Closed',
		'Stage',
		'Amount',
		'Owner',
		'Source',
		IMG,
		SCRIPT
	];
	const stages = [`Lead ${IMG}`, `Demo ${SCRIPT}`, `Proposal ${SVG}`];
	const rows = [header.map(csvField).join(',')];
	for (let i = 0; i < 24; i++) {
		const outcome = i % 4 === 3 ? 'Won' : i % 4 === 2 && i % 8 === 2 ? 'Lost' : stages[i % 3];
		const closed = outcome === 'Won' || outcome === 'Lost' ? `2024-0${1 + (i % 6)}-2${i % 8}` : '';
		rows.push(
			[
				`D${i}`,
				`2024-0${1 + (i % 6)}-0${1 + (i % 9)}`,
				closed,
				outcome,
				String(100 * (i + 1)),
				i % 2 ? `Ann ${IMG}` : `Bob ${SCRIPT}`,
				i % 3 ? `Ads ${SVG}` : `=HYPERLINK("x") ${IMG}`,
				`${IMG} ${i}`,
				SCRIPT
			]
				.map(csvField)
				.join(',')
		);
	}
	return rows.join('\n') + '\n';
}

async function injected(page: Page) {
	return page.evaluate(() => ({
		pwned: (window as unknown as { __pwned?: unknown }).__pwned,
		imgs: [...document.querySelectorAll('img')].filter((i) => i.getAttribute('src') === 'x').length,
		scripts: [...document.querySelectorAll('script')].filter((s) =>
			(s.textContent ?? '').includes('__pwned')
		).length,
		handlers: [...document.querySelectorAll('[onerror], [onload]')].length
	}));
}

describe('markup in cells and headers stays text', () => {
	const site = useSite();
	let page: Page;

	beforeAll(async () => {
		page = await site.open();
		await page.setInputFiles('[data-testid="file-input"]', {
			name: `deals ${IMG}.csv`,
			mimeType: 'text/csv',
			buffer: Buffer.from(hostileCsv())
		});
		await page.waitForSelector('main[data-ready="true"][data-view="all"]');
	});

	test('the text shows as text in the funnel, the breakdown and the source line', async () => {
		const stages = await page.$$eval('[data-panel="funnel"] g.row', (gs) =>
			gs.map((g) => g.getAttribute('data-stage'))
		);
		expect(stages).toContain(`Demo ${SCRIPT}`);
		const owners = await page.$$eval('[data-testid="breakdown"] tbody tr', (trs) =>
			trs.map((tr) => tr.getAttribute('data-value'))
		);
		expect(owners).toContain(`Ann ${IMG}`);
		expect(await page.textContent('[data-testid="breakdown"]')).toContain(`Bob ${SCRIPT}`);
		expect(await page.textContent('section.source')).toContain(`deals ${IMG}.csv`);
		expect(await injected(page)).toEqual({ pwned: undefined, imgs: 0, scripts: 0, handlers: 0 });
	});

	test('every view rendered, tooltips hovered, filters and editors opened: nothing runs', async () => {
		await page.locator('[data-panel="funnel"] g.row').first().hover({ force: true });
		const dims = await page.$$eval('[data-testid="breakdown-by"] option', (os) =>
			os.map((o) => (o as HTMLOptionElement).value)
		);
		for (const dim of dims) {
			await page.selectOption('[data-testid="breakdown-by"]', dim);
			await page.waitForSelector('main[data-ready="true"]');
		}
		await page.selectOption('[data-testid="breakdown-by"]', 'owner');
		await page.waitForSelector('main[data-ready="true"]');
		await page.click(`[data-testid="breakdown"] tbody tr[data-value="Ann ${IMG}"] .pick`);
		await page.waitForSelector('main[data-ready="true"][data-view*="owner="]');
		await page.click('[data-testid="setup"] summary');
		await page.waitForSelector('[data-testid^="map-"]');
		const options = await page.$$eval('[data-testid^="map-"] option', (os) =>
			os.map((o) => o.textContent ?? '')
		);
		expect(options.some((o) => o.includes(IMG))).toBe(true);
		expect(await page.textContent('[data-testid="stage-list"]')).toContain(SVG);
		expect(await injected(page)).toEqual({ pwned: undefined, imgs: 0, scripts: 0, handlers: 0 });
	});

	test('an error message quoting hostile headers shows them as text', async () => {
		await page.setInputFiles('[data-testid="file-input"]', {
			name: `other ${SCRIPT}.csv`,
			mimeType: 'text/csv',
			buffer: Buffer.from(`${csvField(IMG)},${csvField(SCRIPT)}\n1,2\n3,4\n`)
		});
		const error = await (await page.waitForSelector('[data-testid="error"]')).textContent();
		expect(error).toContain(`other ${SCRIPT}.csv`);
		expect(await injected(page)).toEqual({ pwned: undefined, imgs: 0, scripts: 0, handlers: 0 });
	});
});
