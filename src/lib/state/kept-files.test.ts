import { describe, expect, it } from 'vitest';
import { fakeIndexedDb } from '../../../tests/unit/fake-idb';
import type { LoadQueue } from './load-queue.svelte';
import { KeptFiles } from './kept-files.svelte';
import { loadSaved } from './saved-files';

const settings = { config: {}, crmChoice: {}, encodings: {} };
const chosen = {
	config: { won: ['Closed Won'] },
	crmChoice: { 'deals.csv': 'hubspot' },
	encodings: { 'deals.csv': 'windows-1251' as const },
	dateOrder: 'dmy' as const,
	roles: { 'deals.csv': 'deals' as const }
};

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

	/** Kept files in a fresh browser store, and a page whose loads are recorded. */
	async function keptBefore(): Promise<{ idb: IDBFactory; loaded: unknown[][] }> {
		const idb = fakeIndexedDb();
		const before = new KeptFiles(dashboard(), () => idb);
		before.keep();
		await before.save(chosen);
		return { idb, loaded: [] };
	}
	const page = (loaded: unknown[][], loads: () => number = () => 1) =>
		({
			get loads() {
				return loads();
			},
			load: async (...args: unknown[]) => void loaded.push(args)
		}) as unknown as LoadQueue;

	it('restore() opens the kept files with the settings they were kept with', async () => {
		const { idb, loaded } = await keptBefore();
		const kept = new KeptFiles(page(loaded), () => idb);
		expect(await kept.restore()).toBe(true);
		expect(kept.restoring).toBe('restored');
		expect(kept.active).toBe(true);
		expect(loaded).toHaveLength(1);
		const [inputs, config, start] = loaded[0] as [{ name: string }[], unknown, unknown];
		expect(inputs.map((f) => f.name)).toEqual(['deals.csv']);
		expect(config).toEqual({ won: ['Closed Won'] });
		expect(start).toEqual({
			encodings: { 'deals.csv': 'windows-1251' },
			crm: { 'deals.csv': 'hubspot' },
			dateOrder: 'dmy',
			roles: { 'deals.csv': 'deals' }
		});
	});

	it('restore() leaves files dropped during the look-up on screen', async () => {
		const { idb, loaded } = await keptBefore();
		let loads = 0;
		// Each look at the count sees one more load: a drop came while the store was read.
		const kept = new KeptFiles(
			page(loaded, () => ++loads),
			() => idb
		);
		expect(await kept.restore()).toBe(false);
		expect(kept.restoring).toBe('none');
		expect(kept.active).toBe(false);
		expect(loaded).toEqual([]);
	});

	it('filesFor() hands the kept files back only when every named file is kept', async () => {
		const { idb, loaded } = await keptBefore();
		const kept = new KeptFiles(page(loaded), () => idb);
		expect(await kept.filesFor(['deals.csv', 'spend.csv'])).toBeNull();
		expect(kept.restoring).toBe('none');
		expect(await kept.filesFor([])).toBeNull();
		expect(kept.active).toBe(false);
		expect((await kept.filesFor(['deals.csv']))?.map((f) => f.name)).toEqual(['deals.csv']);
		expect(kept.restoring).toBe('restored');
		expect(kept.active).toBe(true);
		// Handed back, not loaded: the link's view opens them.
		expect(loaded).toEqual([]);
	});
});
