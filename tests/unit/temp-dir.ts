import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/** A fresh folder under the system's temporary folder, its name starting with `prefix`. */
export function makeTempDir(prefix: string): string {
	return mkdtempSync(join(tmpdir(), prefix));
}

/** `run(dir)` in a fresh temporary folder, removed after it, whether it passes or throws. */
export async function withTempDir<T>(prefix: string, run: (dir: string) => Promise<T>): Promise<T> {
	const dir = makeTempDir(prefix);
	try {
		return await run(dir);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/**
 * A temporary folder for the tests of the file or describe this is called in: made before them,
 * removed after. The function returned gives its path.
 */
export function useTempDir(prefix: string): () => string {
	let dir: string | undefined;
	beforeAll(() => {
		dir = makeTempDir(prefix);
	});
	afterAll(() => {
		if (dir) rmSync(dir, { recursive: true, force: true });
	});
	return () => {
		if (!dir) throw new Error('the folder is made before the first test');
		return dir;
	};
}
