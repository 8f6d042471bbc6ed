// Peak memory of the browser: the total PSS (proportional set size: shared pages split between
// the processes sharing them) of every process below this one whose name says Chromium, sampled.
import { readdirSync, readFileSync } from 'node:fs';

/** Parent of each process: pid → ppid. */
function parents() {
	/** @type {Map<number, { ppid: number, name: string }>} */
	const out = new Map();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			const close = stat.lastIndexOf(')');
			const name = stat.slice(stat.indexOf('(') + 1, close);
			const ppid = Number(stat.slice(close + 2).split(' ')[1]);
			out.set(Number(entry), { ppid, name });
		} catch {
			// The process ended while we looked.
		}
	}
	return out;
}

/** Processes descending from `root`. @param {number} root */
function descendants(root) {
	const all = parents();
	const below = new Set([root]);
	let grew = true;
	while (grew) {
		grew = false;
		for (const [pid, { ppid }] of all) {
			if (!below.has(pid) && below.has(ppid)) {
				below.add(pid);
				grew = true;
			}
		}
	}
	below.delete(root);
	return [...below].filter((pid) => /chrom/i.test(all.get(pid)?.name ?? ''));
}

/** PSS in kB of one process (0 when it is gone). @param {number} pid */
function pssKb(pid) {
	try {
		const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
		const match = /^Pss:\s+(\d+) kB/m.exec(text);
		return match ? Number(match[1]) : 0;
	} catch {
		return 0;
	}
}

/** The Chromium processes' total PSS now, in MB. */
export function browserPssMb() {
	return descendants(process.pid).reduce((sum, pid) => sum + pssKb(pid), 0) / 1024;
}

/**
 * Sample every `everyMs` until stopped; `stop()` returns the peak in MB. Each sample reads the
 * renderer's smaps_rollup (~30 ms, under its memory map lock); at 5 a second the page's load
 * stalled in some runs, at 1 a second none did.
 * @param {number} everyMs
 */
export function sampleMemory(everyMs = 1000) {
	let peak = browserPssMb();
	const timer = setInterval(() => (peak = Math.max(peak, browserPssMb())), everyMs);
	return {
		stop() {
			clearInterval(timer);
			return Math.max(peak, browserPssMb());
		}
	};
}
