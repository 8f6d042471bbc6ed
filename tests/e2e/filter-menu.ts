import type { Page } from 'playwright-core';

/** The filter menu's button and one of its options, by dimension and value. */
export const filterButton = (dim: string) => `[data-testid="filter-${dim}"] .summary`;
export const filterOption = (dim: string, value: string) =>
	`[data-testid="filter-${dim}"] [role="option"][data-value="${value.replace(/"/g, '\\"')}"]`;
const listbox = (dim: string) => `[data-testid="filter-${dim}"] [role="listbox"]`;

/**
 * Opens the filter menu of `dim`. The helpers below close it again when done (Escape), so a menu
 * is never left open to be closed by the next click elsewhere: Bits UI closes on an outside click
 * after a short debounce, and a menu still closing would look open here and vanish under a click.
 */
export async function openFilter(page: Page, dim: string): Promise<void> {
	await page.waitForSelector(listbox(dim), { state: 'detached' });
	await page.click(filterButton(dim));
	await page.waitForSelector(listbox(dim));
}

/** Closes the filter menu of `dim` by Escape and waits until it is gone. */
export async function closeFilter(page: Page, dim: string): Promise<void> {
	await page.keyboard.press('Escape');
	await page.waitForSelector(listbox(dim), { state: 'detached' });
	await page.waitForSelector(`${filterButton(dim)}[aria-expanded="false"]`);
}

/** Picks (`on`) or drops a value in the filter menu of `dim`, by mouse, and waits until it shows. */
export async function setFilter(page: Page, dim: string, value: string, on = true): Promise<void> {
	await openFilter(page, dim);
	const option = filterOption(dim, value);
	if ((await page.getAttribute(option, 'aria-selected')) !== String(on)) await page.click(option);
	await page.waitForSelector(`${option}[aria-selected="${on}"]`);
	await closeFilter(page, dim);
}

/** The values the filter menu of `dim` offers, in order. */
export async function filterValues(page: Page, dim: string): Promise<string[]> {
	await openFilter(page, dim);
	const values = await page.$$eval(`[data-testid="filter-${dim}"] [role="option"]`, (options) =>
		options.map((o) => o.getAttribute('data-value') ?? '')
	);
	await closeFilter(page, dim);
	return values;
}
