import { describe, expect, it } from 'vitest';
import {
	engineMemoryLimitMb,
	WASM_HEAP_LIMIT,
	largestFitting,
	memoryBudget,
	memoryNeeded,
	tooLarge
} from './memory-budget';

const MB = 1024 ** 2;
const GB = 1024 ** 3;

describe('the memory budget', () => {
	it('is the 4 GB wasm heap on a device with plenty of memory', () => {
		expect(memoryBudget({ deviceMemoryGb: 8 })).toBe(WASM_HEAP_LIMIT);
		expect(memoryBudget({})).toBe(WASM_HEAP_LIMIT);
	});

	it('is less on a device with little memory, and an override wins', () => {
		expect(memoryBudget({ deviceMemoryGb: 2 })).toBe(1.5 * GB);
		expect(memoryBudget({ deviceMemoryGb: 8, overrideBytes: 50 * MB })).toBe(50 * MB);
	});

	it('an override (?memory-mb=) can lower the budget, never raise it past the default', () => {
		expect(memoryBudget({ overrideBytes: 64 * GB })).toBe(WASM_HEAP_LIMIT);
		expect(memoryBudget({ deviceMemoryGb: 2, overrideBytes: 3 * GB })).toBe(1.5 * GB);
	});

	it('lets a 1 M-deal export (217 MB, measured peak 2.9 GB) load on a desktop, not a 1 GB one', () => {
		const desktop = memoryBudget({ deviceMemoryGb: 8 });
		expect(tooLarge([{ name: 'deals.csv', size: 217 * MB }], desktop)).toBeNull();
		expect(memoryNeeded([217 * MB]) / GB).toBeCloseTo(2.9, 0);
		expect(tooLarge([{ name: 'deals.csv', size: GB }], desktop)).toMatch(/^deals\.csv is 1,024 MB/);
	});

	it('refuses what cannot fit, naming the file, its size and what fits', () => {
		const message = tooLarge([{ name: 'deals.csv', size: 2 * GB }], WASM_HEAP_LIMIT);
		expect(message).toMatch(/^deals\.csv is 2,048 MB: too large to analyse in this browser/);
		expect(message).toContain(
			`about ${Math.round(largestFitting(WASM_HEAP_LIMIT) / MB).toLocaleString('en-US')} MB`
		);
		expect(message).toContain('--engine native');
	});

	it('adds up several files and names the biggest', () => {
		const files = [
			{ name: 'spend.csv', size: 10 * MB },
			{ name: 'history.csv', size: 900 * MB },
			{ name: 'deals.csv', size: 700 * MB }
		];
		expect(tooLarge(files, WASM_HEAP_LIMIT)).toMatch(
			/^these files are 1,610 MB together \(history\.csv: 900 MB\)/
		);
		expect(tooLarge(files.slice(0, 1), WASM_HEAP_LIMIT)).toBeNull();
	});

	it('puts the line where needed equals the budget', () => {
		const budget = 1000 * MB;
		const fits = largestFitting(budget);
		expect(tooLarge([{ name: 'a.csv', size: fits }], budget)).toBeNull();
		expect(tooLarge([{ name: 'a.csv', size: fits + 1024 }], budget)).not.toBeNull();
	});
});

describe('the engine memory limit from the address', () => {
	it('engineMemoryLimitMb(search) takes a whole number of MB, and nothing else', () => {
		expect(engineMemoryLimitMb('?engine-memory-mb=8')).toBe(8);
		expect(engineMemoryLimitMb('?x=1&engine-memory-mb=2048')).toBe(2048);
		for (const bad of [
			'',
			'?engine-memory-mb=',
			'?engine-memory-mb=0',
			'?engine-memory-mb=-5',
			'?engine-memory-mb=1.5',
			"?engine-memory-mb=8MB'",
			'?engine-memory-mb=9999999'
		])
			expect(engineMemoryLimitMb(bad)).toBeUndefined();
	});

	it('engineMemoryLimitMb(search) can lower the default limit (3072 MB), never raise it', () => {
		expect(engineMemoryLimitMb('?engine-memory-mb=3071')).toBe(3071);
		expect(engineMemoryLimitMb('?engine-memory-mb=3072')).toBeUndefined();
		expect(engineMemoryLimitMb('?engine-memory-mb=100000')).toBeUndefined();
	});
});
