import { describe, expect, it } from 'vitest';
import { LoadJournal } from './load-journal.svelte';

/** One tab's sessionStorage: the pages of a tab share it, one after another. */
function tabStorage(): Storage {
	const items = new Map<string, string>();
	return {
		get length() {
			return items.size;
		},
		clear: () => items.clear(),
		getItem: (k) => items.get(k) ?? null,
		key: (i) => [...items.keys()][i] ?? null,
		removeItem: (k) => void items.delete(k),
		setItem: (k, v) => void items.set(k, String(v))
	};
}

describe('LoadJournal', () => {
	it('a load still running when the page goes is named by the next page, once', () => {
		const storage = tabStorage();
		new LoadJournal(() => storage).begin(['deals.csv', 'spend.csv']);
		// Reload: the first page never ended its load.
		const next = new LoadJournal(() => storage);
		expect(next.interrupted).toEqual(['deals.csv', 'spend.csv']);
		// A second reload says nothing: the note was shown.
		expect(new LoadJournal(() => storage).interrupted).toBeNull();
	});

	it('a load that ended (finished, failed or superseded) leaves no note', () => {
		const storage = tabStorage();
		const end = new LoadJournal(() => storage).begin(['deals.csv']);
		end();
		expect(new LoadJournal(() => storage).interrupted).toBeNull();
		expect(storage.length).toBe(0);
	});

	it('an earlier load ending never clears the note of a later one still running', () => {
		const storage = tabStorage();
		const journal = new LoadJournal(() => storage);
		const endFirst = journal.begin(['old.csv']);
		const endSecond = journal.begin(['new.csv']);
		endFirst();
		expect(new LoadJournal(() => storage).interrupted).toEqual(['new.csv']);

		const again = new LoadJournal(() => storage);
		const first = again.begin(['a.csv']);
		const second = again.begin(['b.csv']);
		second();
		first();
		expect(new LoadJournal(() => storage).interrupted).toBeNull();
		endSecond();
	});

	it('dropping files again, dismissing or forgetting takes the note away', () => {
		const storage = tabStorage();
		const lost = () => {
			new LoadJournal(() => storage).begin(['deals.csv']);
			const page = new LoadJournal(() => storage);
			expect(page.interrupted).toEqual(['deals.csv']);
			return page;
		};
		const dropped = lost();
		const end = dropped.begin(['deals.csv']);
		expect(dropped.interrupted).toBeNull();
		end();
		const dismissed = lost();
		dismissed.dismiss();
		expect(dismissed.interrupted).toBeNull();
		expect(lost().interrupted).toEqual(['deals.csv']);
	});

	it('"Forget data" during a load leaves no name in the tab for the next page', () => {
		const storage = tabStorage();
		const page = new LoadJournal(() => storage);
		const end = page.begin(['deals.csv']);
		page.forget();
		expect(page.interrupted).toBeNull();
		expect(storage.length).toBe(0);
		// The load ends after Forget: nothing to clear, nothing written back.
		end();
		expect(new LoadJournal(() => storage).interrupted).toBeNull();
	});

	it('a damaged note, or storage that is missing or refuses, costs the note and nothing else', () => {
		for (const text of ['{', 'null', '[]', '{"id":1,"files":[]}', '{"id":1,"files":[3]}']) {
			const storage = tabStorage();
			storage.setItem('pipelens.loading', text);
			expect(new LoadJournal(() => storage).interrupted, text).toBeNull();
			expect(storage.length, text).toBe(0);
		}
		expect(new LoadJournal(() => undefined).begin(['a.csv'])).not.toThrow();
		const refusing = tabStorage();
		refusing.setItem = () => {
			throw new DOMException('full', 'QuotaExceededError');
		};
		refusing.getItem = () => {
			throw new DOMException('denied', 'SecurityError');
		};
		const journal = new LoadJournal(() => refusing);
		expect(journal.interrupted).toBeNull();
		expect(journal.begin(['a.csv'])).not.toThrow();
	});
});
