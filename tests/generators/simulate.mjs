// The deal life cycle shared by the Pipedrive, amoCRM and Bitrix24 generators: a deal is created,
// moves through the open stages (sometimes skipping one, sometimes moving back), and is won after
// the last one, lost at any, or still open when the export is taken.

import { seeded } from './random.mjs';

export const DAY = 86_400_000;

/**
 * What every generator takes: how many deals, the seed of its random numbers, and the span it
 * writes them in (created from `start` to `end`, the export taken on `today`; SPAN by default).
 * @typedef {{ deals?: number, seed?: number, start?: string, end?: string, today?: string }}
 *   GeneratorOptions
 */

/** The span most generators write deals in. */
export const SPAN = { start: '2024-01-01', end: '2025-06-30', today: '2025-07-01' };

/**
 * A generator's seeded random numbers and its span in ms: `t0` the first day's start, `t1` the
 * last day's end, `now` the export's day.
 * @param {number} seed
 * @param {{ start: string, end: string, today: string }} span
 */
export function generatorClock(seed, { start, end, today }) {
	return {
		rnd: seeded(seed),
		t0: Date.parse(`${start}T00:00:00Z`),
		t1: Date.parse(`${end}T23:59:59Z`),
		now: Date.parse(`${today}T00:00:00Z`)
	};
}

/**
 * @typedef {{ stage: number, at: number }} Step  the deal entered open stage `stage` (0-based) at `at` (ms)
 * @typedef {{ created: number, path: Step[], stage: number, outcome: 'won' | 'lost' | 'open',
 *   closedAt: number | null }} SimulatedDeal
 */

/**
 * @param {ReturnType<typeof import('./random.mjs').seeded>} rnd
 * @param {{ t0: number, t1: number, now: number, advance: readonly number[],
 *   skip?: number, back?: number }} options  `advance[i]`: chance to move on from stage i
 * @returns {SimulatedDeal}
 */
export function simulateDeal(rnd, { t0, t1, now, advance, skip = 0.12, back = 0.04 }) {
	const k = advance.length;
	const created = t0 + Math.floor((rnd.next() * (t1 - t0)) / 1000) * 1000;
	/** @type {Step[]} */
	const path = [{ stage: 0, at: created }];
	let at = created;
	let stage = 0;
	/** @type {'won' | 'lost' | 'open'} */
	let outcome = 'open';
	let closedAt = null;
	for (;;) {
		at += Math.round((rnd.exp(stage === 0 ? 9 : 12 + stage * 4) * DAY) / 1000) * 1000 + 60_000;
		if (at > now) break;
		const r = rnd.next();
		if (r < advance[stage]) {
			if (stage === k - 1) {
				outcome = 'won';
				closedAt = at;
				break;
			}
			stage += stage < k - 2 && rnd.next() < skip ? 2 : 1;
			path.push({ stage, at });
		} else if (stage > 0 && r < advance[stage] + back) {
			stage -= 1;
			path.push({ stage, at });
		} else {
			outcome = 'lost';
			closedAt = at;
			break;
		}
	}
	return { created, path, stage, outcome, closedAt };
}

/** @param {number} n @param {number} width */
const pad = (n, width = 2) => String(n).padStart(width, '0');

/** `YYYY-MM-DD HH:MM:SS` (UTC). @param {number} ms */
export function isoStamp(ms) {
	return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** `YYYY-MM-DD`. @param {number} ms */
export function isoDate(ms) {
	return new Date(ms).toISOString().slice(0, 10);
}

/** `DD.MM.YYYY`. @param {number} ms */
export function dotDate(ms) {
	const d = new Date(ms);
	return `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
}

/** `DD.MM.YYYY HH:MM:SS`. @param {number} ms */
export function dotStamp(ms) {
	return `${dotDate(ms)} ${new Date(ms).toISOString().slice(11, 19)}`;
}

/** RFC 4180 quoting when needed. @param {string | number} value @param {string} delimiter */
export function csvField(value, delimiter = ',') {
	const s = String(value);
	return s.includes(delimiter) || s.includes('"') || s.includes('\n')
		? `"${s.replaceAll('"', '""')}"`
		: s;
}

/** Always quoted. @param {string | number} value */
export function quoted(value) {
	return `"${String(value).replaceAll('"', '""')}"`;
}

/**
 * Monthly spend per channel, and its truth rows.
 * @param {ReturnType<typeof import('./random.mjs').seeded>} rnd
 * @param {number} t0 @param {number} t1 @param {readonly string[]} channels
 * @returns {{ month: string, channel: string, amount: number }[]}
 */
export function monthlySpend(rnd, t0, t1, channels) {
	const out = [];
	for (let m = new Date(t0); m.getTime() <= t1; m.setUTCMonth(m.getUTCMonth() + 1)) {
		const month = m.toISOString().slice(0, 7);
		for (const channel of channels) {
			out.push({ month, channel, amount: Math.round((1500 + rnd.next() * 9000) * 100) / 100 });
		}
	}
	return out;
}
