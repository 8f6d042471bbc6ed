import { existsSync, mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser } from './browser';
import { serve } from './server';

const BUILD = 'build';

describe('the print stylesheet ("Save as PDF")', () => {
	let browser: Browser;
	let context: BrowserContext;
	let page: Page;
	let close: () => Promise<void>;

	beforeAll(async () => {
		if (!existsSync(`${BUILD}/index.html`)) throw new Error('Run `npm run build` first.');
		browser = await launchBrowser();
		const site = await serve(BUILD);
		close = site.close;
		// An A4 page is about 794 CSS pixels wide.
		context = await browser.newContext({
			viewport: { width: 794, height: 1123 },
			locale: 'en-US',
			colorScheme: 'dark'
		});
		context.setDefaultTimeout(90_000);
		page = await context.newPage();
		await page.goto(`${site.url}?demo`);
		await page.waitForSelector('main[data-ready="true"][data-view="all"]');
		await page.emulateMedia({ media: 'print' });
	});

	afterAll(async () => {
		await context?.close();
		await browser?.close();
		await close?.();
	});

	test('prints on white with dark text, whatever the theme', async () => {
		const colours = await page.evaluate(() => ({
			bg: getComputedStyle(document.body).backgroundColor,
			text: getComputedStyle(document.body).color
		}));
		expect(colours).toEqual({ bg: 'rgb(255, 255, 255)', text: 'rgb(0, 0, 0)' });
	});

	test('controls that only work on screen are hidden', async () => {
		for (const selector of [
			'[data-export]',
			'[data-testid="file-input"]',
			'[data-testid="setup"]',
			'[data-testid="funnel-mode-cohort"]',
			'[data-testid="whatif-created"]',
			'[data-testid="breakdown-by"]',
			'[data-testid="download-json"]'
		]) {
			const shown = await page.$$eval(selector, (els) =>
				els.filter((el) => (el as HTMLElement).offsetParent !== null || el.getClientRects().length)
			);
			expect(shown.length, selector).toBe(0);
		}
	});

	test('no chart or table is cut at the page width', async () => {
		const cut = await page.$$eval('[data-panel]', (panels) =>
			panels.flatMap((panel) => {
				const edge = panel.getBoundingClientRect().right + 0.5;
				const out: string[] = [];
				for (const el of panel.querySelectorAll('svg[role="img"], table')) {
					if (el.getBoundingClientRect().right > edge)
						out.push(`${panel.getAttribute('data-panel')} ${el.tagName}`);
				}
				for (const s of panel.querySelectorAll<HTMLElement>('.scroll'))
					if (s.scrollWidth > s.clientWidth + 1)
						out.push(`${panel.getAttribute('data-panel')} scroll`);
				return out;
			})
		);
		expect(cut).toEqual([]);
		mkdirSync('test-results', { recursive: true });
		await page.screenshot({ path: 'test-results/print-a4.png', fullPage: true });
	});
});
