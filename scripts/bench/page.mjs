// One benchmark run in headless Chromium: open the built site, wait 2 s, set the files on the
// file input, wait for the dashboard's ready marker, then change filters and time each redraw;
// count the statements the load and each filter change sent.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../tests/e2e/chromium.mjs';
import { engineCached } from '../../tests/e2e/engine-cache.mjs';
import { OWNERS, SOURCES } from '../../tests/generators/hubspot.mjs';
import { sampleMemory } from './memory.mjs';
import { countBetween, pageNow, statementMarks } from './statements.mjs';

/** How long the page is open before the files are set: the engine may start meanwhile. */
const OPEN_BEFORE_DROP_MS = 2000;

/** The browser the e2e tests drive (tests/e2e/chromium.mjs). */
export function launch() {
	return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

// Runs in the page before its own scripts: note when a file input changes and when the
// dashboard is next ready (the `main[data-ready]` marker).
function probe() {
	const state = { changeAt: 0, readyAt: 0 };
	Object.defineProperty(window, '__bench', { value: state });
	document.addEventListener(
		'change',
		(event) => {
			const target = event.target;
			if (target instanceof HTMLInputElement && target.type === 'file') {
				state.changeAt = performance.now();
				state.readyAt = 0;
			}
		},
		true
	);
	new MutationObserver(() => {
		const main = document.querySelector('main');
		if (state.changeAt && !state.readyAt && main?.dataset.ready === 'true')
			state.readyAt = performance.now();
	}).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });
}

/**
 * Change one filter in the page and resolve with the milliseconds until the ready marker shows
 * the new view. `step` is { kind: 'owner' | 'source', value } (toggle that value) or
 * { kind: 'period', value: preset }.
 * @param {{ kind: string, value: string }} step
 */
function changeFilter(step) {
	const main = /** @type {HTMLElement} */ (document.querySelector('main'));
	const before = main.dataset.view;
	return new Promise((resolve, reject) => {
		let started = 0;
		// A step that leaves the view as it was would wait for ever: say which one it was.
		const stuck = setTimeout(() => {
			observer.disconnect();
			reject(
				new Error(
					`${step.kind} ${step.value}: no new view after 120 s (view ${before}, now ${main.dataset.view}, ready ${main.dataset.ready})`
				)
			);
		}, 120_000);
		const observer = new MutationObserver(() => {
			if (main.dataset.ready === 'true' && main.dataset.view !== before) {
				observer.disconnect();
				clearTimeout(stuck);
				resolve(performance.now() - started);
			}
		});
		observer.observe(main, { attributes: true });
		if (step.kind === 'period') {
			const select = /** @type {HTMLSelectElement} */ (
				document.querySelector('[data-testid="period-preset"]')
			);
			started = performance.now();
			select.value = step.value;
			select.dispatchEvent(new Event('change', { bubbles: true }));
			return;
		}
		const box = [
			...document.querySelectorAll(`[data-testid="filter-${step.kind}"] [role="option"]`)
		].find((b) => b.getAttribute('data-value') === step.value);
		if (!box) {
			observer.disconnect();
			clearTimeout(stuck);
			reject(new Error(`no ${step.kind} filter value ${step.value}`));
			return;
		}
		started = performance.now();
		// Bits UI picks an option on the pointer's release, as a mouse does it.
		const pointer = {
			bubbles: true,
			cancelable: true,
			pointerType: 'mouse',
			button: 0,
			isPrimary: true
		};
		box.dispatchEvent(new PointerEvent('pointerdown', pointer));
		box.dispatchEvent(new PointerEvent('pointerup', pointer));
		/** @type {HTMLElement} */ (box).click();
	});
}

const PRESETS = ['this-year', 'last-quarter', 'last-year', 'all', 'last-90', 'this-quarter'];

/** Owner, source and period changes in turn; every step changes the view. @param {number} n */
export function filterSteps(n) {
	const steps = [];
	for (let i = 0; i < n; i++) {
		const round = Math.floor(i / 3);
		if (i % 3 === 0) steps.push({ kind: 'owner', value: OWNERS[round % OWNERS.length] });
		else if (i % 3 === 1) steps.push({ kind: 'source', value: SOURCES[round % SOURCES.length] });
		else steps.push({ kind: 'period', value: PRESETS[round % PRESETS.length] });
	}
	return steps;
}

/**
 * Open the filter menu of `kind` unless it is open (opening another closes it).
 * @param {import('playwright-core').Page} page @param {string} kind
 */
async function openMenu(page, kind) {
	const button = page.locator(`[data-testid="filter-${kind}"] .summary`);
	if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
	await page.waitForSelector(`[data-testid="filter-${kind}"] [role="listbox"]`);
}

/**
 * @param {import('playwright-core').Browser} browser
 * @param {{ url: string, files: string[], filters: number, timeoutMs: number, log?: (text: string) => void }} options
 */
export async function runOnce(browser, { url, files, filters, timeoutMs, log = () => {} }) {
	const context = await browser.newContext({ viewport: { width: 1360, height: 1000 } });
	context.setDefaultTimeout(120_000);
	const memory = sampleMemory();
	try {
		const page = await context.newPage();
		// A renderer that dies (out of memory) ends the run at once, not at the timeout.
		const crashed = new Promise((_, reject) =>
			page.on('crash', () => reject(new Error('the page crashed (its renderer died)')))
		);
		crashed.catch(() => {});
		const orCrash = (/** @type {Promise<any>} */ work) => Promise.race([work, crashed]);
		await page.addInitScript(probe);
		await page.goto(url, { waitUntil: 'load' });
		// The page is interactive once hydrated (it then marks the body with the engine state).
		await page.waitForSelector('body[data-engine]', { state: 'attached' });
		// A visitor looks at the page before dropping a file; the targets assume 2 s.
		await new Promise((resolve) => setTimeout(resolve, OPEN_BEFORE_DROP_MS));
		await page.setInputFiles('[data-testid="file-input"]', files);
		log('files dropped; waiting for the dashboard');
		// Polled from here: one long waitForFunction (a 15 min timeout) saw the page die under it.
		const deadline = Date.now() + timeoutMs;
		let said = '';
		for (;;) {
			const { done, step } = await orCrash(
				page.evaluate(() => {
					const probe = /** @type {{ readyAt: number } | undefined} */ (
						Reflect.get(window, '__bench')
					);
					const main = document.querySelector('main');
					const text = document.querySelector('progress')?.parentElement?.textContent ?? '';
					return {
						done: Boolean(
							document.querySelector('[data-testid="error"]') ||
							(probe?.readyAt && main?.dataset.view === 'all')
						),
						step: `${text.trim()} (engine ${document.body.dataset.engine}, ready ${main?.dataset.ready}, view ${main?.dataset.view})`
					};
				})
			);
			if (done) break;
			if (step !== said) log((said = step));
			if (Date.now() > deadline) {
				const spans = await page.evaluate(() =>
					performance
						.getEntriesByType('measure')
						.map((m) => `${m.name} ${Math.round(m.duration)} ms`)
						.join(', ')
				);
				throw new Error(`no dashboard after ${timeoutMs} ms (${said}; spans: ${spans})`);
			}
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		// Looked up, not waited for: a wait for an element that is not there lasts the whole
		// default timeout (this was the "stall" of two minutes after most loads).
		const error = await (await page.$('[data-testid="error"]'))?.textContent();
		if (error) throw new Error(`the page says: ${error}`);
		const { changeAt, readyAt } = await page.evaluate(() => {
			const probe = /** @type {any} */ (window).__bench;
			return { changeAt: probe.changeAt, readyAt: probe.readyAt };
		});
		const dropMs = readyAt - changeAt;
		// DuckDB's threads (1: the single-threaded build; more: the threaded build ran).
		const engineThreads = Number(await page.getAttribute('body', 'data-engine-threads'));
		log(`dashboard drawn in ${Math.round(dropMs)} ms; changing filters`);
		/** @type {number[]} */
		const filterMs = [];
		/** @type {{ from: number, to: number }[]} each filter change's span on the page's clock */
		const viewWindows = [];
		for (const step of filterSteps(filters)) {
			// The filter menu (a listbox shown while open) is opened first, outside the timing.
			if (step.kind !== 'period') await openMenu(page, step.kind);
			const from = await pageNow(page);
			filterMs.push(await orCrash(page.evaluate(changeFilter, step)));
			viewWindows.push({ from, to: await pageNow(page) });
		}
		const marks = await statementMarks(page, changeAt);
		const measures = await page.evaluate(() =>
			performance
				.getEntriesByType('measure')
				.filter((m) => m.name.startsWith('pipelens:'))
				.map((m) => ({ name: m.name.slice('pipelens:'.length), ms: m.duration }))
		);
		const one = (/** @type {string} */ name) => measures.find((m) => m.name === name)?.ms ?? NaN;
		// The queries' share of each filter change (the rest is moving results and drawing).
		const queryMs = measures.filter((m) => m.name === 'dashboard').slice(-filterMs.length);
		const deals = files[0].split('/').pop();
		return {
			engineStartMs: one('engine start'),
			engineThreads,
			ingestMs: one(`read ${deals}`),
			buildMs: one('build'),
			dropMs,
			filterMs,
			queryMs: queryMs.map((m) => m.ms),
			peakMemoryMb: memory.stop(),
			// From the file input's change to the first ready marker: reading, building and the
			// first view.
			loadStatements: countBetween(marks, changeAt, readyAt),
			viewStatements: viewWindows.map((w) => countBetween(marks, w.from, w.to)),
			largestStatementChars: Math.max(0, ...marks.map((m) => m.chars))
		};
	} finally {
		memory.stop();
		// A crashed page's context may be gone already: the run's own error is the one to see.
		await context.close().catch(() => {});
	}
}

// Runs in the page before its own scripts: the time since the page opened (navigation start)
// when the engine marker first says `ready`.
function engineProbe() {
	const state = { readyAt: 0 };
	Object.defineProperty(window, '__engineBench', { value: state });
	new MutationObserver(() => {
		if (!state.readyAt && document.body?.dataset.engine === 'ready')
			state.readyAt = performance.now();
	}).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-engine'] });
}

/** @param {import('playwright-core').Page} page @param {string} url */
async function openUntilEngineReady(page, url) {
	await page.goto(url, { waitUntil: 'load' });
	await page.waitForSelector('body[data-engine="ready"]', { state: 'attached' });
	return page.evaluate(() => /** @type {any} */ (window).__engineBench.readyAt);
}

/**
 * The engine's start on a first visit (an empty browser profile) and on a repeat visit (the same
 * profile, once the service worker holds the engine): milliseconds from the page opening to
 * `body[data-engine="ready"]`, no file dropped before it. A profile on disk, not a fresh context:
 * Chromium keeps no compiled code for an off-the-record one. The first visit drops `files` and
 * waits for the dashboard, as a user's would: V8 only caches the code that ran hot.
 * @param {string} url
 * @param {string[]} files
 */
export async function engineStartVisits(url, files) {
	const profile = await mkdtemp(join(tmpdir(), 'pipelens-bench-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM_PATH,
		args: CHROMIUM_ARGS
	});
	context.setDefaultTimeout(240_000);
	try {
		await context.addInitScript(engineProbe);
		const page = await context.newPage();
		const firstMs = await openUntilEngineReady(page, url);
		await page.setInputFiles('[data-testid="file-input"]', files);
		await page.waitForSelector('main[data-ready="true"], [data-testid="error"]');
		await engineCached(page);
		await page.close();
		const again = await context.newPage();
		const repeatMs = await openUntilEngineReady(again, url);
		return { firstMs, repeatMs };
	} finally {
		await context.close().catch(() => {});
		await rm(profile, { recursive: true, force: true });
	}
}
