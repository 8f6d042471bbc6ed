import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { literalTexts } from './literal-strings';

/** Every Svelte component of the page: what it shows must come from the catalogue. */
function components(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return components(path);
		return entry.name.endsWith('.svelte') ? [path] : [];
	});
}

describe('literal strings in components', () => {
	it('finds text nodes and user-visible attributes, and skips expressions, scripts and styles', () => {
		const markup = [
			'<script lang="ts">const x = "Hello";</script>',
			'<p>{t("a")} Field</p>',
			'<button aria-label="Close" title={t("b")}>×</button>',
			'<input placeholder="Search…" value="plain" />',
			'<img alt="chart {}" src="a.png" />',
			'<span>{#if a}{t("c")}{:else}{n} — {m}{/if}</span>',
			'<!-- a comment with words -->',
			'<style>p { color: red; }</style>'
		].join('\n');
		expect(literalTexts(markup)).toEqual([
			'Field',
			'aria-label="Close"',
			'placeholder="Search…"',
			'alt="chart {}"'
		]);
	});

	it('no component shows a literal word', () => {
		const found = ['src/lib/components', 'src/routes']
			.flatMap(components)
			.flatMap((file) =>
				literalTexts(readFileSync(file, 'utf8')).map((text) => `${file}: ${text}`)
			);
		expect(found).toEqual([]);
	});
});
