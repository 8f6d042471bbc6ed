import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';

const MIME: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.csv': 'text/csv; charset=utf-8',
	'.wasm': 'application/wasm',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.ico': 'image/x-icon',
	'.txt': 'text/plain; charset=utf-8'
};

export interface ServeOptions {
	/** Serve the site under this path, like a project page (`/pipelens`). Default: the root. */
	base?: string;
	/** 0 (the default) picks a free port. */
	port?: number;
	/** Extra files by URL path below `base` (`/data/deals.csv` → its text), e.g. hosted data. */
	extraFiles?: Record<string, string>;
	/** Override the MIME type by extension, e.g. `{ '.wasm': 'application/octet-stream' }`. */
	mime?: Record<string, string>;
	/** Headers sent with every answer, e.g. a Content-Security-Policy. */
	headers?: Record<string, string>;
	/** Hand-written answers by URL path below `base` (a slow or cut-off response). */
	routes?: Record<string, RequestListener>;
}

export interface Served {
	/** The site's URL, ending with `/`. */
	url: string;
	close(): Promise<void>;
}

/** A static host for the built site, on 127.0.0.1 only: what GitHub Pages or S3 would do. */
export async function serve(dir: string, options: ServeOptions = {}): Promise<Served> {
	const root = resolve(dir);
	const base = (options.base ?? '').replace(/\/+$/, '');
	const mime = { ...MIME, ...options.mime };
	const extra = new Map(Object.entries(options.extraFiles ?? {}));
	const always = options.headers ?? {};
	const routes = new Map(Object.entries(options.routes ?? {}));

	const server = createServer((request, response) => {
		for (const [name, value] of Object.entries(always)) response.setHeader(name, value);
		void (async () => {
			const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
			if (request.method !== 'GET' && request.method !== 'HEAD') {
				response.writeHead(405).end();
				return;
			}
			if (!pathname.startsWith(base + '/')) {
				response.writeHead(404).end();
				return;
			}
			const local = pathname.slice(base.length);
			const type = (path: string) =>
				mime[extname(path).toLowerCase()] ?? 'application/octet-stream';
			const route = routes.get(local);
			if (route) {
				route(request, response);
				return;
			}
			const text = extra.get(local);
			if (text !== undefined) {
				response.writeHead(200, { 'content-type': type(local) });
				response.end(request.method === 'HEAD' ? undefined : text);
				return;
			}
			let file = normalize(join(root, local));
			if (file !== root && !file.startsWith(root + sep)) {
				response.writeHead(404).end();
				return;
			}
			let info = await stat(file).catch(() => null);
			if (info?.isDirectory()) {
				file = join(file, 'index.html');
				info = await stat(file).catch(() => null);
			}
			if (!info?.isFile()) {
				response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
				return;
			}
			response.writeHead(200, {
				'content-type': type(file),
				'content-length': info.size,
				'last-modified': info.mtime.toUTCString(),
				'cache-control': 'no-cache'
			});
			if (request.method === 'HEAD') response.end();
			else createReadStream(file).pipe(response);
		})().catch((error: unknown) => {
			if (!response.headersSent) response.writeHead(500);
			response.end(String(error));
		});
	});

	await new Promise<void>((done, fail) => {
		server.once('error', fail);
		server.listen(options.port ?? 0, '127.0.0.1', done);
	});
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}${base}/`,
		close: () =>
			new Promise<void>((done, fail) => {
				server.closeAllConnections();
				server.close((error) => (error ? fail(error) : done()));
			})
	};
}
