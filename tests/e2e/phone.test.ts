import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { violations } from './axe';
import { useSite } from './site';

/**
 * The demo on a 375 px phone: nothing scrolls the page sideways, each chart fits its panel, and
 * whatever is wider than its box (a wide table) scrolls inside it as a region the keyboard reaches.
 */
const WIDTH = 375;

describe('the demo on a 375 px phone', () => {
	const site = useSite();
	let page: Page;

	beforeAll(async () => {
		page = await site.open('?demo', {
			viewport: { width: WIDTH, height: 800 },
			isMobile: true,
			bypassCSP: true
		});
		await page.waitForSelector('main[data-ready="true"][data-view="all"]');
		await page.$$eval('details[data-testid="setup"]', (all) =>
			all.forEach((d) => ((d as HTMLDetailsElement).open = true))
		);
		await page.waitForSelector('[data-testid="stage-list"]');
	});

	test('the page does not scroll sideways', async () => {
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			WIDTH
		);
	});

	test('no panel is wider than its box; what is wider scrolls in a named, focusable region', async () => {
		const found = await page.$$eval('.panel', (panels) =>
			panels.map((p) => ({
				panel: p.getAttribute('data-panel') ?? p.getAttribute('data-testid') ?? p.className,
				over: p.scrollWidth - p.clientWidth,
				// Boxes inside the panel whose content is wider than they are (a text field
				// scrolls its own text: it is a control already).
				scrollers: [...p.querySelectorAll<HTMLElement>(':not(input, select, textarea)')]
					.filter(
						(e) => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible'
					)
					.filter((e) => getComputedStyle(e).overflowX !== 'hidden')
					.map((e) => ({
						tabindex: e.getAttribute('tabindex'),
						role: e.getAttribute('role') ?? e.tagName.toLowerCase(),
						named: e.hasAttribute('aria-label') || e.hasAttribute('aria-labelledby')
					}))
			}))
		);
		expect(found.length).toBeGreaterThan(8);
		for (const p of found) {
			expect(p.over, `${p.panel} is wider than its box`).toBeLessThanOrEqual(0);
			for (const s of p.scrollers)
				expect(s, `a box scrolling in ${p.panel}`).toMatchObject({ tabindex: '0', named: true });
		}
		// The setup's mapping table is wider than a phone: it is one of those regions.
		expect(found.some((p) => p.scrollers.length > 0)).toBe(true);
	});

	test('each chart is drawn within its panel', async () => {
		const charts = await page.$$eval('[data-panel] svg:is([role="img"], [role="group"])', (svgs) =>
			svgs.map((svg) => {
				const panel = svg.closest('[data-panel]')!.getBoundingClientRect();
				const box = svg.getBoundingClientRect();
				return {
					panel: svg.closest('[data-panel]')!.getAttribute('data-panel'),
					// A chart wider than a phone (the cohort grid) scrolls in a region of its own.
					inside:
						(box.left >= panel.left && box.right <= panel.right) ||
						svg.closest('[role="region"][tabindex="0"]') !== null
				};
			})
		);
		expect(charts.length).toBeGreaterThan(5);
		for (const c of charts) expect(c, `the ${c.panel} chart`).toMatchObject({ inside: true });
	});

	test('the drop zone is a bar and the actions fold into a menu that opens', async () => {
		const drop = await page.$eval('section.drop', (d) => d.getBoundingClientRect().height);
		expect(drop).toBeLessThan(120);
		expect(await page.isVisible('[data-testid="download-json"]')).toBe(false);
		await page.click('[data-testid="actions"] > summary');
		expect(await page.isVisible('[data-testid="download-json"]')).toBe(true);
		await page.keyboard.press('Escape');
		expect(await page.isVisible('[data-testid="download-json"]')).toBe(false);
		expect(
			await page.evaluate(() =>
				document.activeElement?.matches('[data-testid="actions"] > summary')
			)
		).toBe(true);
	});

	test('axe-core finds no WCAG 2.2 A/AA violation with the Actions menu open', async () => {
		await page.click('[data-testid="actions"] > summary');
		await page.waitForSelector('[data-testid="download-json"]', { state: 'visible' });
		expect(await violations(page)).toEqual([]);
	});
});
