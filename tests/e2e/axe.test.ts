import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { violations } from './axe';
import { useSite } from './site';

/**
 * axe-core (WCAG 2.2 A and AA) over each state of the page — empty, loading, loaded (the demo
 * and the HubSpot example), the setup with its editors open, an error shown, a file to fix in
 * the mapping editor — in the light and dark themes, in English and Russian. A failure lists
 * each violation with the elements it found.
 */
const HUBSPOT = 'tests/fixtures/examples/hubspot';
const READY = 'main[data-ready="true"][data-view="all"]';
// Headers nothing recognises: the error comes with the mapping editor to fix the file in.
const UNKNOWN = ['a,b,c,d', 'D1,05.01.2024,30,100', 'D2,09.01.2024,20,50'].join('\n');

/** Opens every `<details>` on the page (the setup with its mapping and stage editors). */
async function openDetails(page: Page): Promise<void> {
	await page.$$eval('details', (all) => all.forEach((d) => (d.open = true)));
}

/** The engine's wasm held until `release` is called: a load stays at its first step. */
async function holdEngine(context: BrowserContext): Promise<() => void> {
	let release = () => {};
	const released = new Promise<void>((resolve) => (release = resolve));
	await context.route(/\.wasm$/, async (route) => {
		await released;
		await route.continue();
	});
	return release;
}

const looks = [
	{ theme: 'light', lang: 'en' },
	{ theme: 'dark', lang: 'en' },
	{ theme: 'light', lang: 'ru' },
	{ theme: 'dark', lang: 'ru' }
] as const;

describe('axe-core finds no WCAG 2.2 A/AA violation', () => {
	const site = useSite();

	for (const { theme, lang } of looks) {
		test(`${theme}, ${lang}: empty, loading, the demo, the setup, HubSpot, an error, a file to fix`, async () => {
			// The service worker would fetch the wasm out of the route's reach.
			const context = await site.context({
				colorScheme: theme,
				bypassCSP: true,
				serviceWorkers: 'block'
			});
			const release = await holdEngine(context);
			const page = await context.newPage();
			const seen: Record<string, string[]> = {};
			await page.goto(`${site.url}?lang=${lang}`);
			await page.waitForSelector('[data-testid="file-input"]');
			expect(await page.getAttribute('html', 'data-theme')).toBe(theme);
			expect(await page.getAttribute('html', 'lang')).toBe(lang);
			seen.empty = await violations(page);

			await page.click('[data-testid="demo"]');
			await page.waitForSelector('[data-testid="load-progress"]');
			seen.loading = await violations(page);
			release();

			await page.waitForSelector(READY);
			seen.demo = await violations(page);
			await openDetails(page);
			await page.waitForSelector('[data-testid="mapping-editor"]');
			await page.waitForSelector('[data-testid="stage-list"]');
			seen.setup = await violations(page);

			await page.setInputFiles('[data-testid="file-input"]', [
				join(HUBSPOT, 'hubspot-crm-exports-all-deals-2025-07-01.csv'),
				join(HUBSPOT, 'spend.csv')
			]);
			await page.waitForSelector('[data-testid="row-counts"] li[data-file="spend.csv"]');
			await page.waitForSelector(READY);
			await openDetails(page);
			seen.hubspot = await violations(page);

			await page.setInputFiles('[data-testid="file-input"]', {
				name: 'empty.csv',
				mimeType: 'text/csv',
				buffer: Buffer.from('')
			});
			await page.waitForSelector('[data-testid="error"]');
			seen.error = await violations(page);

			// A file nothing recognises, dropped on an empty page (on a dashboard it is refused and
			// the dashboard stays): the mapping editor opens to fix it. A context of its own, so
			// no kept files bring the HubSpot dashboard back.
			const fresh = await site.context({
				colorScheme: theme,
				bypassCSP: true,
				serviceWorkers: 'block'
			});
			const fixPage = await fresh.newPage();
			await fixPage.goto(`${site.url}?lang=${lang}`);
			await fixPage.setInputFiles('[data-testid="file-input"]', {
				name: 'abc.csv',
				mimeType: 'text/csv',
				buffer: Buffer.from(UNKNOWN)
			});
			await fixPage.waitForSelector('[data-testid="fix"] [data-testid="unrecognised-abc.csv"]');
			seen.fix = await violations(fixPage);

			expect(seen).toEqual({
				empty: [],
				loading: [],
				demo: [],
				setup: [],
				hubspot: [],
				error: [],
				fix: []
			});
		});
	}
});

describe('by keyboard and screen reader', () => {
	const site = useSite();

	test('each chart is described by its figures, and a change of period is announced', async () => {
		const page = await site.open('?demo');
		await page.waitForSelector(READY);
		// The figures as a table are drawn when asked for: open every one.
		await page.$$eval('[data-testid="chart-table"]', (all) =>
			all.forEach((d) => ((d as HTMLDetailsElement).open = true))
		);
		await page.waitForFunction(() =>
			[...document.querySelectorAll('[data-testid="chart-table"]')].every((d) =>
				d.querySelector('table tbody tr')
			)
		);
		const charts = await page.$$eval('[data-panel] svg:is([role="img"], [role="group"])', (svgs) =>
			svgs.map((svg) => {
				const panel = svg.closest('[data-panel]')!;
				const id = svg.getAttribute('aria-describedby');
				return {
					panel: panel.getAttribute('data-panel'),
					title: panel.querySelector('h2')!.firstChild!.textContent!.trim(),
					described: id === null ? null : (document.getElementById(id)?.textContent ?? null),
					// The figures as a table: on demand, or on the panel itself.
					rows: panel.querySelectorAll('table tbody tr').length
				};
			})
		);
		expect(charts.map((c) => c.panel)).toEqual(
			expect.arrayContaining(['funnel', 'time-in-stage', 'velocity', 'cohorts', 'cac-by-channel'])
		);
		for (const c of charts) {
			expect(c.described, `the ${c.panel} chart`).toContain(c.title);
			expect(c.described, `the ${c.panel} chart`).toContain(`rows: ${c.rows}`);
		}
		// The funnel counts the deals that reached each step: most at the first, fewest at won.
		const bars = await page.$$eval('.funnel g.row', (rows) =>
			rows.map((r) => r.getAttribute('data-stage'))
		);
		const funnel = charts.find((c) => c.panel === 'funnel')!;
		expect(funnel.rows).toBe(bars.length);
		expect(funnel.described).toMatch(new RegExp(`highest for ${bars[0]} .* lowest for Won `));

		const live = page.locator('[data-testid="figures-updated"]');
		expect(await live.getAttribute('aria-live')).toBe('polite');
		expect(await live.textContent()).toContain('2024-01-01 … 2025-06-30');
		await page.fill('[data-testid="period-from"]', '2025-01-01');
		await page.waitForSelector('main[data-ready="true"][data-view="2025-01-01..2025-06-30"]');
		expect(await live.textContent()).toContain('2025-01-01 … 2025-06-30');
	});

	test('every control the keyboard reaches shows where the focus is', async () => {
		const page = await site.open('?demo');
		await page.waitForSelector(READY);
		const seen: { control: string; outline: string }[] = [];
		// Tab through the page's first stops: the header, the drop bar, the actions, the setup,
		// the period and filters, the first panels' controls.
		for (let i = 0; i < 40; i++) {
			await page.keyboard.press('Tab');
			const now = await page.evaluate(() => {
				const el = document.activeElement as HTMLElement;
				// Between a date field's last part and the next control no element has the focus.
				if (el === document.body || !el.matches(':focus')) return null;
				// A hidden file input shows its focus on the label that stands for it.
				const shown = el.matches('input[type="file"]') ? el.closest('label')! : el;
				const style = getComputedStyle(shown);
				return {
					control: `${el.tagName.toLowerCase()} ${el.getAttribute('data-testid') ?? el.textContent?.trim().slice(0, 30)}`,
					outline: `${style.outlineStyle} ${style.outlineWidth}`
				};
			});
			if (now) seen.push(now);
		}
		expect(seen.length).toBeGreaterThan(30);
		expect(seen.map((s) => s.control)).toEqual(
			expect.arrayContaining(['input file-input', 'button demo', 'select lang'])
		);
		for (const s of seen) expect(s, s.control).toMatchObject({ outline: 'solid 2px' });
	});
});
