/**
 * The last few views of one dataset, by request: a view asked for again (a filter toggled back
 * off, a period chosen again) is shown at once instead of being queried again. A view only reads
 * tables that do not change until the next build, and a build makes a new dataset (so a new
 * cache), so a kept view is never stale.
 */
export class ViewCache<V> {
	readonly #views = new Map<string, V>();

	constructor(readonly capacity = 16) {}

	get(key: string): V | undefined {
		const view = this.#views.get(key);
		if (view !== undefined) {
			// Most recently used last: the first entry is the one to drop.
			this.#views.delete(key);
			this.#views.set(key, view);
		}
		return view;
	}

	set(key: string, view: V): void {
		this.#views.delete(key);
		this.#views.set(key, view);
		for (const oldest of this.#views.keys()) {
			if (this.#views.size <= this.capacity) break;
			this.#views.delete(oldest);
		}
	}
}
