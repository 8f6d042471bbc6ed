import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fetchData, FetchError, looksLikePage, nameOf } from './fetch-data';

let server: Server;
let site: string;
/** Bytes the lying servers below got out before the client hung up. */
const sent = { huge: 0, endless: 0 };

/** Write 64 kB chunks until the client hangs up, or 200 MB (far past any limit under test). */
function flood(res: import('node:http').ServerResponse, counter: 'huge' | 'endless') {
	const chunk = Buffer.alloc(64 * 1024, 'a');
	const more = () => {
		while (!res.destroyed && sent[counter] < 200 * 1024 ** 2) {
			sent[counter] += chunk.length;
			if (!res.write(chunk)) return void res.once('drain', more);
		}
		res.end();
	};
	more();
}
const CSV = 'id,stage\n' + '1,Won\n'.repeat(20_000);

beforeAll(async () => {
	server = createServer((req, res) => {
		switch (req.url) {
			case '/deals.csv':
				res.writeHead(200, { 'content-type': 'text/csv', 'content-length': CSV.length });
				res.end(CSV);
				return;
			case '/page.csv':
				res.writeHead(200, { 'content-type': 'text/html' });
				res.end('<!doctype html><html><body>Sign in</body></html>');
				return;
			case '/cut.csv':
				res.writeHead(200, { 'content-type': 'text/csv', 'content-length': 100_000 });
				res.write('id,stage\n1,Won\n');
				setTimeout(() => res.destroy(), 50);
				return;
			case '/huge.csv':
				// Says 3 GB (and would send it).
				res.writeHead(200, { 'content-type': 'text/csv', 'content-length': 3 * 1024 ** 3 });
				flood(res, 'huge');
				return;
			case '/endless.csv':
				// No length: chunked, and never ends.
				res.writeHead(200, { 'content-type': 'text/csv' });
				flood(res, 'endless');
				return;
			case '/broken.csv':
				res.writeHead(500, 'Boom');
				res.end();
				return;
			default:
				res.writeHead(404).end('no');
		}
	});
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	site = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
	server.closeAllConnections();
	server.close();
});

async function failure(path: string, origin = site, fetch?: typeof globalThis.fetch) {
	try {
		await fetchData(new URL(path, site), { origin, fetch });
	} catch (e) {
		if (e instanceof FetchError) return e;
		throw e;
	}
	throw new Error('expected a failure');
}

/**
 * A fetch that answers `/stall.csv` with headers and a first line, then nothing (`headers`
 * false: not even headers), until the request is aborted, as the network does.
 */
function stallingFetch(headers: boolean): typeof globalThis.fetch {
	return (_url, init) =>
		new Promise((resolve, reject) => {
			const signal = init!.signal!;
			if (!headers) return void signal.addEventListener('abort', () => reject(signal.reason));
			const body = new ReadableStream<Uint8Array>({
				start(controller) {
					controller.enqueue(new TextEncoder().encode('id,stage\n'));
					signal.addEventListener('abort', () => controller.error(signal.reason));
				}
			});
			resolve(new Response(body, { headers: { 'content-type': 'text/csv' } }));
		});
}

describe('fetching hosted data', () => {
	it('streams the bytes with progress counts', async () => {
		const seen: [number, number | null][] = [];
		const bytes = await fetchData(new URL('/deals.csv', site), {
			origin: site,
			onProgress: (d, t) => seen.push([d, t])
		});
		expect(new TextDecoder().decode(bytes)).toBe(CSV);
		expect(seen[0]).toEqual([0, CSV.length]);
		expect(seen.at(-1)).toEqual([CSV.length, CSV.length]);
	});

	it('names each failure', async () => {
		expect((await failure('/missing.csv')).issue.key).toBe('fetch.not-found');
		expect((await failure('/broken.csv')).issue).toMatchObject({
			key: 'fetch.status',
			vars: { status: '500 Boom' }
		});
		expect((await failure('/page.csv')).issue.key).toBe('fetch.html');
		expect((await failure('/cut.csv')).issue).toMatchObject({
			key: 'fetch.truncated',
			vars: { expected: 100_000 }
		});
	});

	it.each([
		['no headers', false],
		['a body that stops', true]
	])('gives up after the timeout of silence: %s', async (_name, headers) => {
		vi.useFakeTimers();
		try {
			const settled = fetchData(new URL('/stall.csv', site), {
				origin: site,
				timeoutS: 5,
				fetch: stallingFetch(headers)
			}).catch((e: unknown) => e);
			let done = false;
			void settled.then(() => (done = true));
			await vi.advanceTimersByTimeAsync(4_999);
			expect(done).toBe(false);
			await vi.advanceTimersByTimeAsync(1);
			const e = await settled;
			expect(e).toBeInstanceOf(FetchError);
			expect((e as FetchError).issue).toEqual({
				key: 'fetch.timeout',
				vars: { url: `${site}/stall.csv`, seconds: 5 }
			});
		} finally {
			vi.useRealTimers();
		}
	});

	it('refuses a file whose Content-Length passes maxBytes before reading its body', async () => {
		const e = await fetchData(new URL('/huge.csv', site), {
			origin: site,
			maxBytes: 1024 ** 2
		}).catch((error: unknown) => error);
		expect(e).toBeInstanceOf(FetchError);
		expect((e as FetchError).issue).toMatchObject({
			key: 'fetch.too-large',
			vars: { size: '3,072 MB', max: '1 MB' }
		});
		// Only what was in flight when the body was cancelled (socket buffers), not 3 GB.
		expect(sent.huge).toBeLessThan(64 * 1024 ** 2);
	});

	it('stops a body without a length at maxBytes, in bounded bytes and memory', async () => {
		const before = process.resourceUsage().maxRSS / 1024;
		const e = await fetchData(new URL('/endless.csv', site), {
			origin: site,
			maxBytes: 8 * 1024 ** 2
		}).catch((error: unknown) => error);
		expect((e as FetchError).issue).toMatchObject({
			key: 'fetch.too-large-stream',
			vars: { max: '8 MB' }
		});
		// Generous bounds that prove "stopped": the server would send 200 MB.
		expect(process.resourceUsage().maxRSS / 1024 - before).toBeLessThan(256);
		expect(sent.endless).toBeLessThan(64 * 1024 ** 2);
	});

	it('calls an unreachable foreign URL a likely CORS block and says how to fix it', async () => {
		const e = await failure('http://127.0.0.1:1/deals.csv', 'http://site.example');
		expect(e.issue).toMatchObject({
			key: 'fetch.cors',
			vars: { origin: 'http://127.0.0.1:1', site: 'http://site.example' }
		});
		expect((await failure('http://127.0.0.1:1/deals.csv', 'http://127.0.0.1:1')).issue.key).toBe(
			'fetch.network'
		);
	});

	it('tells a web page from an HTML-table export', () => {
		const enc = (s: string) => new TextEncoder().encode(s);
		expect(looksLikePage(enc('<!DOCTYPE html><p>404</p>'), '')).toBe(true);
		expect(looksLikePage(enc('<html><table><tr><td>1</td></tr></table>'), 'text/html')).toBe(false);
		expect(looksLikePage(enc('id,name\n1,<b>'), 'text/csv')).toBe(false);
	});

	it('names a file by its last path segment', () => {
		expect(nameOf(new URL('https://x.org/exports/deals%202025.csv?x=1'))).toBe('deals 2025.csv');
		expect(nameOf(new URL('https://x.org/'))).toBe('x.org');
	});
});
