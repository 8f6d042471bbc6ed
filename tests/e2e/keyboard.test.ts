import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { filterButton, filterOption } from './filter-menu';
import { useSite } from './site';

const ENTERPRISE = 'tests/fixtures/examples/enterprise';
const FILES = ['opps.csv', 'stage_log.csv', 'spend.csv', 'config.json'].map((f) =>
	join(ENTERPRISE, f)
);
const config = JSON.parse(readFileSync(join(ENTERPRISE, 'config.json'), 'utf8')) as {
	stages: string[];
};
const READY = 'main[data-ready="true"]';

/** What has the keyboard focus: its test id, aria-label, text and the stage row it sits in. */
const focused = (page: Page) =>
	page.evaluate(() => {
		const e = document.activeElement as HTMLElement | null;
		const row = e?.closest('[data-testid="stage-list"] > li');
		return {
			label: e?.getAttribute('aria-label') ?? null,
			expanded: e?.getAttribute('aria-expanded') ?? null,
			filter: e?.closest('[data-testid^="filter-"]')?.getAttribute('data-testid') ?? null,
			testid: e?.getAttribute('data-testid') ?? null,
			row: row ? [...row.parentElement!.children].indexOf(row) + 1 : null
		};
	});

/** Presses Tab until `done` holds for the focused element (at most `max` times); false if never. */
async function tabUntil(page: Page, done: (f: Awaited<ReturnType<typeof focused>>) => boolean) {
	for (let i = 0; i < 40; i++) {
		await page.keyboard.press('Tab');
		if (done(await focused(page))) return true;
	}
	return false;
}

describe('keyboard only', () => {
	const site = useSite();
	let page: Page;

	beforeAll(async () => {
		page = await site.open();
		// Listening from the start turns on Playwright's file-chooser interception now: turned on
		// by the test's own wait, it raced the key press and lost on a busy machine (no event).
		page.on('filechooser', () => {});
		// The page's script runs (it marks the engine's state): keys go to the live page.
		await page.waitForSelector('body[data-engine]', { state: 'attached' });
	});

	test('the drop zone is reached with Tab and opens the file picker with Space', async () => {
		expect(await tabUntil(page, (f) => f.testid === 'file-input')).toBe(true);
		const [chooser] = await Promise.all([
			page.waitForEvent('filechooser'),
			page.keyboard.press('Space')
		]);
		expect(chooser.isMultiple()).toBe(true);
		await chooser.setFiles(FILES);
		await page.waitForSelector(`${READY}[data-view="all"]`);
	});

	test('a filter menu opens, moves and picks with the keyboard, and Escape gives the focus back', async () => {
		const trigger = filterButton('owner');
		expect(await tabUntil(page, (f) => f.filter === 'filter-owner')).toBe(true);
		expect(await page.getAttribute(trigger, 'aria-expanded')).toBe('false');

		await page.keyboard.press('ArrowDown');
		const listbox = '[data-testid="filter-owner"] [role="listbox"]';
		await page.waitForSelector(listbox);
		expect(await page.getAttribute(listbox, 'aria-multiselectable')).toBe('true');
		expect(await page.getAttribute(trigger, 'aria-expanded')).toBe('true');
		const owners = await page.$$eval('[data-testid="filter-owner"] [role="option"]', (os) =>
			os.map((o) => o.getAttribute('data-value')!)
		);
		expect(owners.length).toBeGreaterThan(2);
		// The first option is highlighted on opening; ArrowDown moves to the second. The focus stays
		// on the button, which points at the highlighted option.
		await page.waitForSelector(`${filterOption('owner', owners[0])}[data-highlighted]`);
		await page.keyboard.press('ArrowDown');
		const second = filterOption('owner', owners[1]);
		await page.waitForSelector(`${second}[data-highlighted]`);
		expect(await page.getAttribute(trigger, 'aria-activedescendant')).toBe(
			await page.getAttribute(second, 'id')
		);
		expect((await focused(page)).filter).toBe('filter-owner');

		await page.keyboard.press('Enter');
		await page.waitForSelector(`${second}[aria-selected="true"]`);
		await page.waitForSelector(`${READY}[data-view$=";owner=${owners[1]}"]`);
		expect(await page.textContent(trigger)).toContain(owners[1]);

		// Space picks too: the third owner joins the second.
		await openedWith(page, trigger, 'ArrowDown');
		const third = filterOption('owner', owners[2]);
		for (let i = 0; i < owners.length && !(await page.$(`${third}[data-highlighted]`)); i++)
			await page.keyboard.press('ArrowDown');
		await page.keyboard.press('Space');
		await page.waitForSelector(`${third}[aria-selected="true"]`);
		expect(await page.getAttribute(second, 'aria-selected')).toBe('true');
		await page.waitForSelector(`${READY}[data-view*=";owner="][data-view*="${owners[2]}"]`);

		await openedWith(page, trigger, 'ArrowDown');
		await page.keyboard.press('Escape');
		await page.waitForSelector(listbox, { state: 'detached' });
		expect(await page.getAttribute(trigger, 'aria-expanded')).toBe('false');
		expect(await focused(page)).toMatchObject({ filter: 'filter-owner', expanded: 'false' });
	});

	test('a click outside an open filter menu closes it', async () => {
		const trigger = filterButton('owner');
		await page.focus(trigger);
		await openedWith(page, trigger, 'Enter');
		await page.click('h1');
		await page.waitForSelector('[data-testid="filter-owner"] [role="listbox"]', {
			state: 'detached'
		});
		expect(await page.getAttribute(trigger, 'aria-expanded')).toBe('false');
	});

	test('a stage moved with Alt+ArrowDown keeps the focus and its new place is announced', async () => {
		await page.focus('[data-testid="setup"] summary');
		await page.keyboard.press('Enter');
		await page.waitForSelector('[data-testid="stage-list"] li');
		const [first, second, third] = config.stages;
		const total = config.stages.length;
		// From the template picker just above the list: each stage's up, down and remove buttons.
		await page.focus('[data-testid="stage-template"]');
		expect(await tabUntil(page, (f) => f.label === `Move ${second} down`)).toBe(true);
		expect((await focused(page)).row).toBe(2);

		await page.keyboard.press('Alt+ArrowDown');
		// At once, before the figures are computed again: the row, the focus and the words.
		await page.waitForFunction(
			(name) =>
				document.querySelector('[data-testid="stage-list"] li:nth-child(3) .name')?.textContent ===
				name,
			second
		);
		expect(await focused(page)).toMatchObject({ label: `Move ${second} down`, row: 3 });
		expect(await page.textContent('[data-testid="stage-moved"]')).toBe(
			`${second} moved to position 3 of ${total}`
		);
		expect(await page.getAttribute('[data-testid="stage-moved"]', 'role')).toBe('status');

		// Enter on the focused button moves it once more; the focus follows it again.
		await page.keyboard.press('Enter');
		await page.waitForFunction(
			(name) =>
				document
					.querySelector('[data-testid="stage-moved"]')
					?.textContent?.includes(`${name} moved to position 4`),
			second
		);
		expect(await focused(page)).toMatchObject({ label: `Move ${second} down`, row: 4 });

		// When the figures are in, the funnel has the new order and the focus has not moved.
		await page.waitForFunction(
			(order) =>
				document.querySelector('main')?.getAttribute('data-ready') === 'true' &&
				[...document.querySelectorAll('.funnel g.row')]
					.map((r) => r.getAttribute('data-stage'))
					.slice(0, 4)
					.join('|') === order,
			[first, third, config.stages[3], second].join('|')
		);
		expect(await focused(page)).toMatchObject({ label: `Move ${second} down`, row: 4 });
	});

	test('the first stage moved up stays where it is, with the focus on its button', async () => {
		const top = (await page.textContent('[data-testid="stage-list"] li:first-child .name'))!;
		await page.focus(`button[aria-label="Move ${top} up"]`);
		expect(await page.getAttribute(`button[aria-label="Move ${top} up"]`, 'aria-disabled')).toBe(
			'true'
		);
		await page.keyboard.press('Alt+ArrowUp');
		expect(await focused(page)).toMatchObject({ label: `Move ${top} up`, row: 1 });
	});
});

/** Opens the menu whose button is `trigger` with `key`, the focus on the button. */
async function openedWith(page: Page, trigger: string, key: string) {
	if ((await page.getAttribute(trigger, 'aria-expanded')) !== 'true') {
		await page.focus(trigger);
		await page.keyboard.press(key);
	}
	await page.waitForSelector(`${trigger}[aria-expanded="true"]`);
}
