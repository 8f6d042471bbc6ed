import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

// axe-core run in the page against WCAG 2.2 A and AA. It is added as a script tag: the page's
// context needs `bypassCSP: true`, as the site's policy allows no inline script.
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface Found {
	id: string;
	targets: string[];
}

/** Each violation on the page now, as `rule: element`. */
export async function violations(page: Page): Promise<string[]> {
	if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
	const found: Found[] = await page.evaluate(async (tags) => {
		const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
		const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
		return result.violations.map((v) => ({
			id: v.id,
			targets: v.nodes.map((n) => n.target.join(' '))
		}));
	}, TAGS);
	return found.flatMap((v) => v.targets.map((target) => `${v.id}: ${target}`));
}
