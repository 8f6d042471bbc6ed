import { expect } from 'vitest';

/** Deep comparison where numbers match within a relative tolerance (1e-6 by default). */
export function expectClose(
	actual: unknown,
	expected: unknown,
	path = '$',
	tolerance = 1e-6
): void {
	if (typeof expected === 'number') {
		const ok =
			typeof actual === 'number' &&
			Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected));
		if (!ok) expect.fail(`${path}: expected ${expected}, got ${String(actual)}`);
		return;
	}
	if (Array.isArray(expected)) {
		expect(Array.isArray(actual), path).toBe(true);
		expect((actual as unknown[]).length, `${path}.length`).toBe(expected.length);
		expected.forEach((e, i) =>
			expectClose((actual as unknown[])[i], e, `${path}[${i}]`, tolerance)
		);
		return;
	}
	if (expected !== null && typeof expected === 'object') {
		expect(actual !== null && typeof actual === 'object', path).toBe(true);
		for (const [k, v] of Object.entries(expected)) {
			expectClose((actual as Record<string, unknown>)[k], v, `${path}.${k}`, tolerance);
		}
		return;
	}
	expect(actual, path).toEqual(expected);
}
