import { describe, expect, it } from 'vitest';
import { fakeIndexedDb } from '../../../tests/unit/fake-idb';
import type { LoadQueue } from './load-queue.svelte';
import { KeptFiles } from './kept-files.svelte';
import { loadSaved } from './saved-files';

const settings = { config: {}, crmChoice: {}, encodings: {} };

/** A dashboard showing one dropped file (only what KeptFiles reads of it). */
const dashboard = () =>
	({
		inputs: [{ name: 'deals.csv', source: new Blob(['id,stage\n1,Won\n']) }],
		loads: 1
	}) as unknown as LoadQueue;

describe('KeptFiles', () => {
	it('keeps the dropped files, and forget() erases them', async () => {
		const idb = fakeIndexedDb();
		const kept = new KeptFiles(dashboard(), () => idb);
		kept.keep();
		await kept.save(settings);
		expect((await loadSaved(idb))?.files.map((f) => f.name)).toEqual(['deals.csv']);
		await kept.forget();
		expect(await loadSaved(idb)).toBeNull();
	});

	it('forget() clicked while the files are still being stored wins: nothing comes back on reload', async () => {
		const idb = fakeIndexedDb();
		const kept = new KeptFiles(dashboard(), () => idb);
		kept.keep();
		const saving = kept.save(settings);
		await kept.forget();
		await saving;
		expect(await loadSaved(idb)).toBeNull();
		expect(kept.status).toBe('forgotten');
		// A later settings change stores nothing either.
		await kept.save(settings);
		expect(await loadSaved(idb)).toBeNull();
	});
});
