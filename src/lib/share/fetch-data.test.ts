import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchData, FetchError, looksLikePage, nameOf } from './fetch-data';

let server: Server;
let site: string;
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
			case '/slow.csv':
				res.writeHead(200, { 'content-type': 'text/csv' });
				res.write('id,stage\n');
				return; // never ends
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

async function failure(path: string, origin = site, timeoutS = 1): Promise<FetchError> {
	try {
		await fetchData(new URL(path, site), { origin, timeoutS });
	} catch (e) {
		if (e instanceof FetchError) return e;
		throw e;
	}
	throw new Error('expected a failure');
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
		expect((await failure('/slow.csv', site, 0.3)).issue).toMatchObject({
			key: 'fetch.timeout',
			vars: { seconds: 0.3 }
		});
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
