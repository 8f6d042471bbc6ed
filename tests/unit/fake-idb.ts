/**
 * A small in-memory IndexedDB for unit tests: one database of object stores keyed by string,
 * requests that answer on a later task like a browser's, and read-write transactions that
 * commit in the order they were created (what the spec guarantees on one store).
 */
type Handler = (() => void) | null;

class Request<T> {
	result = undefined as T;
	error: DOMException | null = null;
	onsuccess: Handler = null;
	onerror: Handler = null;
	onupgradeneeded: Handler = null;
	onblocked: Handler = null;
}

const later = () => new Promise<void>((done) => setTimeout(done, 0));

export function fakeIndexedDb(): IDBFactory {
	const stores = new Map<string, Map<string, unknown>>();
	let commits: Promise<void> = Promise.resolve();
	const database = {
		objectStoreNames: { contains: (name: string) => stores.has(name) },
		createObjectStore(name: string) {
			stores.set(name, new Map());
		},
		close() {},
		transaction(name: string) {
			const store = stores.get(name)!;
			const work: (() => void)[] = [];
			const tx = {
				oncomplete: null as Handler,
				onerror: null as Handler,
				onabort: null as Handler,
				error: null,
				objectStore: () => ({
					transaction: tx,
					put(value: unknown, key: string) {
						const request = new Request<string>();
						work.push(() => {
							store.set(key, structuredClone(value));
							request.result = key;
							request.onsuccess?.();
						});
						return request;
					},
					get(key: string) {
						const request = new Request<unknown>();
						work.push(() => {
							request.result = structuredClone(store.get(key));
							request.onsuccess?.();
						});
						return request;
					},
					clear() {
						const request = new Request<undefined>();
						work.push(() => {
							store.clear();
							request.onsuccess?.();
						});
						return request;
					}
				})
			};
			commits = commits.then(async () => {
				await later();
				for (const w of work) w();
				tx.oncomplete?.();
			});
			return tx;
		}
	};
	return {
		open() {
			const request = new Request<typeof database>();
			void later().then(() => {
				request.result = database;
				if (stores.size === 0) request.onupgradeneeded?.();
				request.onsuccess?.();
			});
			return request;
		}
	} as unknown as IDBFactory;
}
