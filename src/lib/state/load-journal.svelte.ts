/**
 * Dropped files being loaded, noted in this tab's sessionStorage (names only, never bytes or
 * anything about their content; never in the address) so the page that comes after a reload or a
 * dead tab can say what was lost. Dropped files are kept in IndexedDB only once they have loaded,
 * so there are no bytes to resume from: the next page names them and asks for them again.
 * Links (`?src=`, `#d=`, dashboard.json) keep their source in the address and reopen by themselves.
 */
const KEY = 'pipelens.loading';

interface Entry {
	id: number;
	files: string[];
}

function parse(text: string | null): Entry | null {
	if (text === null) return null;
	try {
		const v: unknown = JSON.parse(text);
		if (typeof v !== 'object' || v === null) return null;
		const { id, files } = v as Record<string, unknown>;
		if (typeof id !== 'number' || !Array.isArray(files) || files.length === 0) return null;
		if (!files.every((f): f is string => typeof f === 'string')) return null;
		return { id, files };
	} catch {
		return null;
	}
}

export class LoadJournal {
	#interrupted = $state.raw<readonly string[] | null>(null);
	#storage: () => Storage | undefined;
	#seq = 0;

	/** Reads (and clears) what the page before left: each note is shown once. */
	constructor(storage: () => Storage | undefined = () => globalThis.sessionStorage) {
		this.#storage = storage;
		this.#interrupted = this.#read()?.files ?? null;
		this.#remove();
	}

	/** Files an earlier page of this tab began to load and never finished (reload, closed tab). */
	get interrupted(): readonly string[] | null {
		return this.#interrupted;
	}

	/**
	 * A load of dropped files begins: noted until the returned function is called (when the load
	 * finished, failed or was superseded). A later load's note is left alone by an earlier end.
	 */
	begin(files: readonly string[]): () => void {
		const id = ++this.#seq;
		// The user dropped files again: the note about the lost ones has done its work.
		this.#interrupted = null;
		this.#write({ id, files: [...files] });
		return () => {
			if (this.#read()?.id === id) this.#remove();
		};
	}

	/** The user closed the note. */
	dismiss(): void {
		this.#interrupted = null;
	}

	/** "Forget data": no note of any file is left, shown or stored. */
	forget(): void {
		this.#interrupted = null;
		this.#remove();
	}

	// Storage can be missing or refuse (disabled, sandboxed, full): the note is then lost, no more.
	#read(): Entry | null {
		try {
			return parse(this.#storage()?.getItem(KEY) ?? null);
		} catch {
			return null;
		}
	}

	#write(entry: Entry): void {
		try {
			this.#storage()?.setItem(KEY, JSON.stringify(entry));
		} catch {
			// As above.
		}
	}

	#remove(): void {
		try {
			this.#storage()?.removeItem(KEY);
		} catch {
			// As above.
		}
	}
}
