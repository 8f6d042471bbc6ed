// A static host for build/ on 127.0.0.1 (the benchmark's copy of tests/e2e/server.ts, which Node
// cannot import as TypeScript).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

/** @type {Record<string, string>} */
const MIME = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.csv': 'text/csv; charset=utf-8',
	'.wasm': 'application/wasm',
	'.svg': 'image/svg+xml',
	'.png': 'image/png'
};

/** The headers that make a page cross-origin isolated (what DuckDB's threaded build needs). */
const ISOLATION = {
	'cross-origin-opener-policy': 'same-origin',
	'cross-origin-embedder-policy': 'require-corp'
};

/**
 * @param {string} dir
 * @param {{ isolated?: boolean }} [options] send the isolation headers with every file
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function serve(dir, { isolated = false } = {}) {
	const root = resolve(dir);
	const server = createServer((request, response) => {
		void (async () => {
			const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
			let file = normalize(join(root, pathname));
			if (file !== root && !file.startsWith(root + sep)) return response.writeHead(404).end();
			let info = await stat(file).catch(() => null);
			if (info?.isDirectory()) {
				file = join(file, 'index.html');
				info = await stat(file).catch(() => null);
			}
			if (!info?.isFile()) return response.writeHead(404).end();
			response.writeHead(200, {
				'content-type': MIME[extname(file)] ?? 'application/octet-stream',
				'content-length': info.size,
				'cache-control': 'no-cache',
				...(isolated ? ISOLATION : {})
			});
			createReadStream(file).pipe(response);
		})().catch((error) => response.writeHead(500).end(String(error)));
	});
	await new Promise((done) => server.listen(0, '127.0.0.1', () => done(undefined)));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return {
		url: `http://127.0.0.1:${port}/`,
		close: () =>
			new Promise((done) => {
				server.closeAllConnections();
				server.close(() => done(undefined));
			})
	};
}
