import type { Sql } from '../sql/sql';

/**
 * Prepared statements kept by their text, so a view asked again (another period, other filter
 * values: the same texts, other bound values) is bound and run, not parsed and planned again.
 *
 * Only reads are kept (`isCachedRead`), and the one write that leaves every plan valid (a view's
 * values, `Sql.keepsPlans`). Anything else (DDL, an UPDATE, a SET) and every error closes them all
 * first: tables are rebuilt on each load, and a plan must never outlive the tables (or
 * registered files) it was made for. A statement in use when it is evicted or
 * invalidated is closed once its last run ends.
 */
export class StatementCache<S> {
	readonly #prepare: (text: string) => Promise<S>;
	readonly #close: (statement: S) => Promise<void>;
	readonly #capacity: number;
	/** Least recently used first (a Map keeps insertion order; a hit is moved to the end). */
	readonly #entries = new Map<string, Entry<S>>();
	#prepares = 0;

	constructor(options: {
		prepare: (text: string) => Promise<S>;
		close: (statement: S) => Promise<void>;
		capacity?: number;
	}) {
		this.#prepare = options.prepare;
		this.#close = options.close;
		this.#capacity = options.capacity ?? 64;
	}

	/** How many statements were prepared so far (a hit prepares nothing). */
	get prepares(): number {
		return this.#prepares;
	}

	/** How many prepared statements are kept now. */
	get size(): number {
		return this.#entries.size;
	}

	/** Run `use` with the prepared statement for `text`, preparing it on a miss. */
	async run<R>(text: string, use: (statement: S) => Promise<R>): Promise<R> {
		let entry = this.#entries.get(text);
		if (entry) this.#entries.delete(text);
		// A failed prepare is dropped by the catch below; never an unhandled rejection.
		else entry = this.#create(text);
		this.#entries.set(text, entry);
		entry.users += 1;
		this.#evict();
		try {
			return await use(await entry.statement);
		} catch (error) {
			await this.clear();
			throw error;
		} finally {
			entry.users -= 1;
			if (entry.gone && entry.users === 0) await this.#release(entry);
		}
	}

	/**
	 * Prepare the statement for `text` now and keep it, running nothing (kept already: nothing to
	 * do), so that its first run is bound and run only. A failure keeps nothing and closes nothing
	 * else: the statement is planned again when it is run, and fails there if it must.
	 */
	async prepare(text: string): Promise<void> {
		if (this.#entries.has(text)) return;
		const entry = this.#create(text);
		this.#entries.set(text, entry);
		this.#evict();
		try {
			await entry.statement;
		} catch {
			if (this.#entries.get(text) === entry) this.#entries.delete(text);
		}
	}

	/** Close every kept statement (those in use, when their run ends). */
	async clear(): Promise<void> {
		const entries = [...this.#entries.values()];
		this.#entries.clear();
		for (const entry of entries) {
			entry.gone = true;
			if (entry.users === 0) await this.#release(entry);
		}
	}

	/** A new entry preparing `text` (not yet kept); its failure is awaited by whoever uses it. */
	#create(text: string): Entry<S> {
		this.#prepares += 1;
		const entry: Entry<S> = { statement: this.#prepare(text), users: 0, gone: false };
		entry.statement.catch(() => {});
		return entry;
	}

	#evict(): void {
		for (const [text, entry] of this.#entries) {
			if (this.#entries.size <= this.#capacity) break;
			this.#entries.delete(text);
			entry.gone = true;
			if (entry.users === 0) void this.#release(entry);
		}
	}

	async #release(entry: Entry<S>): Promise<void> {
		try {
			await this.#close(await entry.statement);
		} catch {
			// A statement that never prepared, or whose engine is gone, has nothing to close.
		}
	}
}

interface Entry<S> {
	statement: Promise<S>;
	/** Runs in progress with it. */
	users: number;
	/** Evicted or invalidated: closed when no run uses it. */
	gone: boolean;
}

/**
 * Whether a statement only reads, so its prepared form may be kept: our reads start with SELECT
 * or WITH, and nothing of ours writes through a WITH. Every other statement invalidates, and so
 * does a text holding a `;` (a batch of statements, as a load sends, may write after a SELECT).
 */
export function isCachedRead(text: string): boolean {
	return /^\s*(SELECT|WITH)\b/i.test(text) && !text.includes(';');
}

/**
 * Whether a statement's prepared form is kept: a read (`isCachedRead`), or the one write that
 * leaves every plan valid (`Sql.keepsPlans`, a view's values).
 */
export function isKept(statement: Sql): boolean {
	return statement.keepsPlans === true || isCachedRead(statement.text);
}
