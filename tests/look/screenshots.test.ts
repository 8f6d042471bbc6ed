import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser } from '../e2e/browser';
import { serve } from '../e2e/server';

const OUT = 'test-results/look';
const RU = '../shared/datasets/bitrix-style-ru-messy';
const DATASETS: { name: string; lang: string; files: () => string[] }[] = [
	{
		name: 'demo',
		lang: 'en-US',
		files: () => ['static/demo/hubspot-demo-deals.csv', 'static/demo/demo-spend.csv']
	},
	{
		name: 'hubspot',
		lang: 'en-US',
		files: () =>
			['hubspot-crm-exports-all-deals-2025-07-01.csv', 'spend.csv'].map((f) =>
				join('tests/fixtures/examples/hubspot', f)
			)
	},
	{
		name: 'bitrix-ru',
		lang: 'ru-RU',
		files: () =>
			readdirSync(RU)
				.filter((f) => f.endsWith('.csv'))
				.map((f) => join(RU, f))
	}
];
const WIDTHS = [
	{ name: 'narrow', width: 800, height: 1000 },
	{ name: 'laptop', width: 1366, height: 768 },
	{ name: 'wide', width: 1920, height: 1080 }
];
const THEMES = (process.env.THEMES ?? 'light,dark').split(',');
const ONLY = process.env.ONLY?.split(',');

describe('screenshots of every view', () => {
	let browser: Browser;
	let close: () => Promise<void>;
	let url: string;

	beforeAll(async () => {
		if (!existsSync('build/index.html')) throw new Error('Run `npm run build` first.');
		mkdirSync(OUT, { recursive: true });
		browser = await launchBrowser();
		const site = await serve('build');
		close = site.close;
		url = site.url;
	});

	afterAll(async () => {
		await browser?.close();
		await close?.();
	});

	for (const data of DATASETS.filter((d) => !ONLY || ONLY.includes(d.name))) {
		test(data.name, async () => {
			if (data.name === 'bitrix-ru' && !existsSync(RU)) return;
			for (const theme of THEMES) {
				const context = await browser.newContext({
					viewport: { width: 1366, height: 768 },
					locale: data.lang,
					colorScheme: theme as 'light' | 'dark'
				});
				context.setDefaultTimeout(120_000);
				const page = await context.newPage();
				await page.goto(url);
				const files = data.files().map((f) => ({
					name: f.split('/').pop()!,
					mimeType: 'text/csv',
					buffer: readFileSync(f)
				}));
				// Time from the drop to the dashboard, the engine already started (a figure to read,
				// not an assertion: the machine is shared).
				await page.waitForFunction(() => document.body.dataset.engine === 'ready');
				const start = Date.now();
				await page.setInputFiles('[data-testid="file-input"]', files);
				await page.waitForSelector('main[data-ready="true"]');
				console.log(`${data.name} ${theme}: drop to dashboard ${Date.now() - start} ms`);
				expect(await page.$('[data-testid="error"]')).toBeNull();
				if (data.name === 'demo' && theme === 'light') {
					await page.setViewportSize({ width: 1360, height: 1500 });
					await page.waitForSelector('main[data-ready="true"]');
					await page.screenshot({ path: `${OUT}/readme.png` });
				}
				for (const w of WIDTHS) {
					await page.setViewportSize({ width: w.width, height: w.height });
					await page.waitForSelector('main[data-ready="true"]');
					await page.screenshot({
						path: `${OUT}/${data.name}-${theme}-${w.name}.png`,
						fullPage: true
					});
				}
				await page.setViewportSize({ width: 1366, height: 768 });
				for (const panel of await page.$$('[data-panel]')) {
					const id = await panel.getAttribute('data-panel');
					await panel.screenshot({ path: `${OUT}/${data.name}-${theme}-panel-${id}.png` });
				}
				await page.emulateMedia({ media: 'print' });
				await page.screenshot({ path: `${OUT}/${data.name}-${theme}-print.png`, fullPage: true });
				await context.close();
			}
		});
	}
});
