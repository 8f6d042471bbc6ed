import type { Page } from 'playwright-core';

/** The filter menu's button and one of its options, by dimension and value. */
export const filterButton = (dim: string) => `[data-testid="filter-${dim}"] .summary`;
export const filterOption = (dim: string, value: string) =>
	`[data-testid="filter-${dim}"] [role="option"][data-value="${value.replace(/"/g, '\\"')}"]`;

/** Opens the filter menu of `dim` unless it is open (a click elsewhere closes it). */
export async function openFilter(page: Page, dim: string): Promise<void> {
	const button = page.locator(filterButton(dim));
	if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
	await page.waitForSelector(`[data-testid="filter-${dim}"] [role="listbox"]`);
}

/** Picks (`on`) or drops a value in the filter menu of `dim`, by mouse, and waits until it shows. */
export async function setFilter(page: Page, dim: string, value: string, on = true): Promise<void> {
	await openFilter(page, dim);
	const option = filterOption(dim, value);
	if ((await page.getAttribute(option, 'aria-selected')) !== String(on)) await page.click(option);
	await page.waitForSelector(`${option}[aria-selected="${on}"]`);
}

/** The values the filter menu of `dim` offers, in order. */
export async function filterValues(page: Page, dim: string): Promise<string[]> {
	await openFilter(page, dim);
	return page.$$eval(`[data-testid="filter-${dim}"] [role="option"]`, (options) =>
		options.map((o) => o.getAttribute('data-value') ?? '')
	);
}
