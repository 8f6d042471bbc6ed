import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { useSite } from './site';

describe('the print stylesheet ("Save as PDF")', () => {
	const site = useSite();
	let page: Page;

	beforeAll(async () => {
		// An A4 page is about 794 CSS pixels wide.
		page = await site.open('?demo', {
			viewport: { width: 794, height: 1123 },
			colorScheme: 'dark'
		});
		await page.waitForSelector('main[data-ready="true"][data-view="all"]');
		await page.emulateMedia({ media: 'print' });
	});

	test('prints on white with dark text, whatever the theme', async () => {
		const colours = await page.evaluate(() => ({
			bg: getComputedStyle(document.body).backgroundColor,
			text: getComputedStyle(document.body).color
		}));
		expect(colours).toEqual({ bg: 'rgb(255, 255, 255)', text: 'rgb(0, 0, 0)' });
	});

	test('controls that only work on screen are hidden', async () => {
		const selectors = [
			'[data-export]',
			'[data-testid="file-input"]',
			'[data-testid="setup"]',
			'[data-testid="funnel-mode-cohort"]',
			'[data-testid="whatif-created"]',
			'[data-testid="breakdown-by"]',
			'[data-testid="download-json"]'
		];
		/** How many elements each selector matches, and how many of them are laid out. */
		const count = async () => {
			const counts: Record<string, [number, number]> = {};
			for (const selector of selectors)
				counts[selector] = await page.$$eval(selector, (els) => [
					els.length,
					els.filter(
						(el) => (el as HTMLElement).offsetParent !== null || el.getClientRects().length
					).length
				]);
			return counts;
		};
		const printed = await count();
		await page.emulateMedia({ media: 'screen' });
		const screen = await count();
		await page.emulateMedia({ media: 'print' });
		// Each control is on the page and shown on screen (a selector that matches nothing
		// would prove nothing), and printed it is still there but not shown.
		for (const selector of selectors) {
			const [onPage, shown] = screen[selector];
			expect(onPage, selector).toBeGreaterThan(0);
			expect(shown, selector).toBe(onPage);
			expect(printed[selector], selector).toEqual([onPage, 0]);
		}
	});

	test('no chart or table is cut at the page width', async () => {
		const cut = await page.$$eval('[data-panel]', (panels) =>
			panels.flatMap((panel) => {
				const edge = panel.getBoundingClientRect().right + 0.5;
				const out: string[] = [];
				for (const el of panel.querySelectorAll('svg[role="img"], svg[role="group"], table')) {
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
