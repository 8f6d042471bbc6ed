import type { LinkIssue } from './view';
import { megabytes } from '../i18n/bytes';

/** Seconds a hosted file may send nothing before its download is given up. */
export const DEFAULT_TIMEOUT_S = 30;

/** A download that failed, with the message to show (what went wrong and how to fix it). */
export class FetchError extends Error {
	constructor(readonly issue: LinkIssue) {
		super(`${issue.key} ${JSON.stringify(issue.vars ?? {})}`);
	}
}

export interface FetchOptions {
	/** The page's own origin: a failing URL elsewhere is most likely a CORS block. */
	origin: string;
	/** Give up after this many seconds without a byte. */
	timeoutS?: number;
	onProgress?: (done: number, total: number | null) => void;
	fetch?: typeof globalThis.fetch;
	/**
	 * The most bytes to take: a larger `Content-Length` is refused before the body is read,
	 * and a body without one (or one that lies) is stopped once it passes this.
	 */
	maxBytes?: number;
}

/** A web page rather than data: HTML without any table (a Bitrix24 "Excel" export is a table). */
export function looksLikePage(head: Uint8Array, contentType: string): boolean {
	const text = new TextDecoder('utf-8').decode(head).toLowerCase();
	const html =
		/text\/html|application\/xhtml/.test(contentType) || /^\s*<(!doctype html|html)/.test(text);
	return html && !text.includes('<table');
}

/**
 * Download a data file in our own JS (DuckDB never touches the network), streamed with byte
 * counts, and say clearly what went wrong: a CORS block, an HTTP error, silence past the
 * timeout, a body cut short, a web page instead of data.
 */
export async function fetchData(url: URL, options: FetchOptions): Promise<Uint8Array> {
	const get = options.fetch ?? globalThis.fetch.bind(globalThis);
	const seconds = options.timeoutS ?? DEFAULT_TIMEOUT_S;
	const shown = url.href;
	const controller = new AbortController();
	let timedOut = false;
	let timer: ReturnType<typeof setTimeout> | undefined;
	const arm = () => {
		clearTimeout(timer);
		timer = setTimeout(() => {
			timedOut = true;
			controller.abort();
		}, seconds * 1000);
	};
	const timeout = () => new FetchError({ key: 'fetch.timeout', vars: { url: shown, seconds } });
	arm();
	try {
		let response: Response;
		try {
			response = await get(url.href, {
				signal: controller.signal,
				credentials: 'same-origin',
				cache: 'no-cache',
				redirect: 'follow'
			});
		} catch {
			if (timedOut) throw timeout();
			if (url.origin !== options.origin)
				throw new FetchError({
					key: 'fetch.cors',
					vars: { url: shown, origin: url.origin, site: options.origin }
				});
			throw new FetchError({ key: 'fetch.network', vars: { url: shown } });
		}
		if (!response.ok) {
			await response.body?.cancel().catch(() => {});
			if (response.status === 404)
				throw new FetchError({ key: 'fetch.not-found', vars: { url: shown } });
			throw new FetchError({
				key: 'fetch.status',
				vars: { url: shown, status: `${response.status} ${response.statusText}`.trim() }
			});
		}
		const header = response.headers.get('content-length');
		const expected = header !== null && /^\d+$/.test(header) ? Number(header) : null;
		const max = options.maxBytes ?? Infinity;
		const tooLarge = (size: number | null) => {
			void response.body?.cancel().catch(() => {});
			return new FetchError({
				key: size === null ? 'fetch.too-large-stream' : 'fetch.too-large',
				vars: { url: shown, size: size === null ? '' : megabytes(size), max: megabytes(max) }
			});
		};
		if (expected !== null && expected > max) throw tooLarge(expected);
		const chunks: Uint8Array[] = [];
		let got = 0;
		options.onProgress?.(0, expected);
		const cut = () =>
			new FetchError({
				key: 'fetch.truncated',
				vars: { url: shown, got, expected: expected ?? '?' }
			});
		if (response.body) {
			const reader = response.body.getReader();
			for (;;) {
				arm();
				let step: ReadableStreamReadResult<Uint8Array>;
				try {
					step = await reader.read();
				} catch {
					if (timedOut) throw timeout();
					throw cut();
				}
				if (step.done) break;
				got += step.value.length;
				if (got > max) {
					await reader.cancel().catch(() => {});
					throw tooLarge(null);
				}
				chunks.push(step.value);
				options.onProgress?.(got, expected);
			}
		}
		// Compressed transfers report the compressed length: only fewer bytes means a cut.
		if (expected !== null && got < expected) throw cut();
		const bytes = new Uint8Array(got);
		let at = 0;
		for (const c of chunks) {
			bytes.set(c, at);
			at += c.length;
		}
		if (looksLikePage(bytes.subarray(0, 65_536), response.headers.get('content-type') ?? ''))
			throw new FetchError({ key: 'fetch.html', vars: { url: shown } });
		return bytes;
	} finally {
		clearTimeout(timer);
	}
}

/** A file name for a URL: its last path segment (`deals.csv`), else its host. */
export function nameOf(url: URL): string {
	const last = url.pathname.split('/').filter(Boolean).pop();
	try {
		return last ? decodeURIComponent(last) : url.host;
	} catch {
		return last ?? url.host;
	}
}
