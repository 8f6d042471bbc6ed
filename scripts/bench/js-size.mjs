// The JavaScript a visit downloads, gzip-compressed: what the page loads before any file is
// dropped (index.html's scripts and everything they import statically), and the whole build
// (the engine's chunk and DuckDB's worker script, fetched when the engine starts, included).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const gzipKb = (/** @type {string} */ path) => gzipSync(readFileSync(path)).length / 1024;

/** Static imports of a built module (`from"./x.js"`, `import"../chunks/y.js"`). @param {string} path */
function staticImports(path) {
	const text = readFileSync(path, 'utf8');
	return [...text.matchAll(/(?:from|import)\s*"(\.{1,2}\/[^"]+\.js)"/g)].map((m) =>
		join(dirname(path), m[1])
	);
}

/** @param {string} dir the build folder @returns {{ page: number, total: number, files: string[] }} kB */
export function jsGzipKb(dir) {
	const html = readFileSync(join(dir, 'index.html'), 'utf8');
	const queue = [...html.matchAll(/["'(]\.?\/?(_app\/immutable\/[^"')]+\.js)/g)].map((m) =>
		join(dir, m[1])
	);
	const seen = new Set();
	while (queue.length) {
		const path = /** @type {string} */ (queue.pop());
		if (seen.has(path)) continue;
		seen.add(path);
		queue.push(...staticImports(path));
	}
	let total = 0;
	const walk = (/** @type {string} */ d) => {
		for (const entry of readdirSync(d)) {
			const path = join(d, entry);
			if (statSync(path).isDirectory()) walk(path);
			else if (/\.m?js$/.test(entry)) total += gzipKb(path);
		}
	};
	walk(join(dir, '_app'));
	const page = [...seen].reduce((sum, path) => sum + gzipKb(path), 0);
	return { page, total, files: [...seen].map((p) => relative(dir, p)) };
}
