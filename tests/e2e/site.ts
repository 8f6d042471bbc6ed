import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { failOnPageErrors, launchBrowser } from './browser';
import { serve, type ServeOptions, type Served } from './server';

/** The production build the browser tests drive (`npm run build` makes it). */
export const BUILD = 'build';

/** Throws unless `dir` holds a built site. */
export function requireBuild(dir = BUILD): void {
	if (!existsSync(join(dir, 'index.html')))
		throw new Error(dir === BUILD ? 'Run `npm run build` first.' : `no build in ${dir}`);
}

/**
 * A production build (vitest's NODE_ENV would make a dev build) into `dir`, with `env` added to
 * the environment (a base path, allowed data origins, test hooks).
 */
export function buildSite(dir: string, env: Record<string, string>): void {
	execFileSync('npx', ['vite', 'build'], {
		env: { ...process.env, NODE_ENV: 'production', BUILD_DIR: dir, ...env },
		stdio: 'pipe'
	});
}

/** The headers build/_headers gives every path (names in lower case). */
export function builtHeaders(): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const line of readFileSync(join(BUILD, '_headers'), 'utf8').split('\n').slice(1)) {
		const m = /^\s+([\w-]+):\s*(.+)$/.exec(line);
		if (m) headers[m[1].toLowerCase()] = m[2];
	}
	return headers;
}

export interface ContextOptions extends BrowserContextOptions {
	/** Milliseconds any wait may take (the default 90 s). */
	timeout?: number;
}

export interface Site {
	readonly browser: Browser;
	/** The site's URL, ending with `/`. */
	readonly url: string;
	readonly origin: string;
	/**
	 * A browser profile of its own (1360×1000, English, downloads on unless `options` say
	 * otherwise), closed after the tests; every page opened in it is watched for errors.
	 */
	context(options?: ContextOptions): Promise<BrowserContext>;
	/** A page of a fresh `context(options)`, gone to `path` of the site. */
	open(path?: string, options?: ContextOptions): Promise<Page>;
	/** Errors the running test expects: those any of the patterns match fail nothing. */
	allowErrors(...patterns: RegExp[]): void;
	/** The errors of the watched pages since the running test began. */
	errors(): string[];
}

/**
 * The built site served, and a headless browser, for the tests of the file or describe this is
 * called in: started before them, closed after. Each test fails on a page error, console error
 * or failed request of a page of `context()` or `open()` that it did not allow.
 */
export function useSite(
	options: { build?: string; serve?: ServeOptions | (() => ServeOptions) } = {}
): Site {
	const errors = failOnPageErrors();
	const contexts: BrowserContext[] = [];
	let browser: Browser | undefined;
	let served: Served | undefined;

	beforeAll(async () => {
		requireBuild(options.build);
		browser = await launchBrowser();
		const serveOptions = typeof options.serve === 'function' ? options.serve() : options.serve;
		served = await serve(options.build ?? BUILD, serveOptions);
	});

	afterAll(async () => {
		for (const context of contexts) await context.close();
		await browser?.close();
		await served?.close();
	});

	const site: Site = {
		get browser() {
			return browser!;
		},
		get url() {
			return served!.url;
		},
		get origin() {
			return new URL(served!.url).origin;
		},
		async context({ timeout = 90_000, ...contextOptions } = {}) {
			const context = await browser!.newContext({
				viewport: { width: 1360, height: 1000 },
				acceptDownloads: true,
				locale: 'en-US',
				...contextOptions
			});
			// Loads are slower on a busy 2-core machine; no test waits on time, only on markers.
			context.setDefaultTimeout(timeout);
			contexts.push(context);
			return errors.watch(context);
		},
		async open(path = '', contextOptions) {
			const page = await (await site.context(contextOptions)).newPage();
			await page.goto(new URL(path, served!.url).href);
			return page;
		},
		allowErrors: (...patterns) => errors.allow(...patterns),
		errors: () => errors.errors()
	};
	return site;
}
