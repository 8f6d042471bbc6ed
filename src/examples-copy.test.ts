import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The tests read the worked examples from tests/fixtures/examples (a fresh clone has no
// ../shared); this holds that copy byte for byte equal to the examples it was taken from.
const copy = path.join(import.meta.dirname, '..', 'tests', 'fixtures', 'examples');
const shared = path.join(import.meta.dirname, '..', '..', 'shared', 'examples');

function files(dir: string, under = ''): string[] {
	return readdirSync(path.join(dir, under))
		.sort()
		.flatMap((name) => {
			const rel = path.join(under, name);
			return statSync(path.join(dir, rel)).isDirectory() ? files(dir, rel) : [rel];
		});
}

describe('tests/fixtures/examples', () => {
	it('holds every file of ../shared/examples, byte for byte, and nothing else', () => {
		let present = true;
		try {
			statSync(shared);
		} catch {
			present = false;
		}
		if (!present && !process.env.CI) {
			console.warn(`skipped: ${shared} is missing (CI fails without it)`);
			return;
		}
		expect(present, `${shared} is missing`).toBe(true);
		const expected = files(shared);
		expect(files(copy)).toEqual(expected);
		for (const rel of expected) {
			expect(
				readFileSync(path.join(copy, rel)).equals(readFileSync(path.join(shared, rel))),
				rel
			).toBe(true);
		}
	});
});
