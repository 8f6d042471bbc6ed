import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The layers of src/lib and what each may import (docs/ARCHITECTURE.md): a layer imports only
// layers below it. Type-only imports count too: a layer that names a type knows the layer.
const BELOW_STATE = [
	'i18n',
	'sql',
	'db',
	'model',
	'ingest',
	'crm',
	'metrics',
	'engine',
	'charts',
	'share',
	'export',
	'offline'
] as const;
const ALLOWED: Record<string, readonly string[]> = {
	i18n: [],
	sql: [],
	db: ['i18n', 'sql'],
	model: ['i18n', 'sql'],
	ingest: ['i18n', 'sql', 'db'],
	crm: ['model'],
	metrics: ['sql', 'model'],
	engine: ['i18n', 'sql', 'db', 'model', 'ingest', 'crm', 'metrics'],
	charts: ['i18n', 'metrics'],
	share: ['i18n', 'model', 'ingest', 'metrics'],
	export: ['i18n', 'model', 'metrics', 'engine', 'charts'],
	offline: ['db', 'engine'],
	cli: ['i18n', 'sql', 'db', 'model', 'ingest', 'metrics', 'engine'],
	// The page's state and its components: every layer listed before them except cli.
	state: BELOW_STATE,
	components: [...BELOW_STATE, 'state']
};

const LIB = dirname(fileURLToPath(import.meta.url));

function sources(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const path = join(dir, e.name);
		if (e.isDirectory()) return sources(path);
		const code = /\.(ts|svelte)$/.test(e.name) && !/\.test\.ts$/.test(e.name);
		return code ? [path] : [];
	});
}

/** The layers of src/lib that `text`, the code of `file`, imports (static, dynamic, type-only). */
function importedLayers(file: string, text: string): string[] {
	const layers: string[] = [];
	for (const m of text.matchAll(/\b(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
		const spec = m[1];
		let target: string | null = null;
		if (spec.startsWith('$lib/')) target = spec.slice('$lib/'.length);
		else if (spec.startsWith('.')) target = relative(LIB, normalize(join(dirname(file), spec)));
		if (target === null || target.startsWith('..')) continue;
		layers.push(target.split(/[\\/]/)[0]);
	}
	return layers;
}

describe('layers', () => {
	const files = sources(LIB).filter((f) => relative(LIB, f).includes('/'));

	it('every folder of src/lib is a layer with its rule', () => {
		const folders = new Set(files.map((f) => relative(LIB, f).split(/[\\/]/)[0]));
		expect([...folders].sort()).toEqual(Object.keys(ALLOWED).sort());
	});

	it('each file imports only its own layer and the layers below it', () => {
		const wrong: string[] = [];
		for (const file of files) {
			const path = relative(LIB, file).split('\\').join('/');
			const layer = path.split('/')[0];
			const allowed = [layer, ...ALLOWED[layer]];
			for (const target of importedLayers(file, readFileSync(file, 'utf8'))) {
				if (!allowed.includes(target)) wrong.push(`${path} imports ${target}/`);
			}
		}
		expect(wrong).toEqual([]);
	});

	it('reads imports of every form: relative, $lib, dynamic, type-only; packages are not layers', () => {
		const here = join(LIB, 'export', 'x.ts');
		const text = [
			"import { a } from '../charts/a';",
			"import type { B } from '$lib/state/b';",
			"const c = await import('../db/browser');",
			"import d from 'd3';"
		].join('\n');
		const layers = importedLayers(here, text);
		expect(layers).toEqual(['charts', 'state', 'db']);
	});
});
