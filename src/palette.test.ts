import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The palettes of src/app.css against WCAG 2.2 AA: text at 4.5:1 (1.4.3), a control's edge at
// 3:1 (1.4.11), on the page's background and on a panel, in the light and the dark theme.
const css = readFileSync(join(import.meta.dirname, 'app.css'), 'utf8');

/** The custom properties set in the first block that `selector` opens. */
function palette(selector: string): Record<string, string> {
	const start = css.indexOf(`${selector} {`);
	const body = css.slice(start, css.indexOf('}', start));
	return Object.fromEntries(
		[...body.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6});/gi)].map((m) => [m[1], m[2]])
	);
}

/** Relative luminance of an sRGB colour (WCAG 2.2, "relative luminance"). */
function luminance(hex: string): number {
	const [r, g, b] = [1, 3, 5].map((i) => {
		const c = parseInt(hex.slice(i, i + 2), 16) / 255;
		return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	});
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
	const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
	return (hi + 0.05) / (lo + 0.05);
}

const light = palette(':root');
const themes = { light, dark: { ...light, ...palette(":root[data-theme='dark']") } };

describe.each(Object.entries(themes))('the %s palette', (_, p) => {
	it.each(['text', 'muted', 'accent', 'danger'])(
		'--%s text reads at 4.5:1 on the page and panels',
		(name) => {
			expect(contrast(p[name], p.bg)).toBeGreaterThanOrEqual(4.5);
			expect(contrast(p[name], p.panel)).toBeGreaterThanOrEqual(4.5);
		}
	);

	it("a control's edge stands out at 3:1 on the page and panels", () => {
		expect(contrast(p['control-border'], p.bg)).toBeGreaterThanOrEqual(3);
		expect(contrast(p['control-border'], p.panel)).toBeGreaterThanOrEqual(3);
	});

	it('the primary button’s text reads at 4.5:1 on the accent', () => {
		expect(contrast(p['on-accent'], p.accent)).toBeGreaterThanOrEqual(4.5);
	});
});

it('the formula: black on white is 21:1, a colour on itself 1:1', () => {
	expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
	expect(contrast('#5aa9f5', '#5aa9f5')).toBe(1);
});
