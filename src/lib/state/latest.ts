/**
 * Tickets for asynchronous steps where only the latest counts (a drop, a read, a view): a step
 * checks its ticket before it shows anything, and leaves the screen to a later one when the
 * ticket went stale.
 */
export class Latest {
	#count = 0;

	/** A new ticket; every earlier one goes stale. */
	next(): () => boolean {
		const mine = ++this.#count;
		return () => mine === this.#count;
	}

	/** A ticket for the step now running: stale once a new ticket is handed out. */
	current(): () => boolean {
		const mine = this.#count;
		return () => mine === this.#count;
	}

	/** Tickets handed out so far. */
	get count(): number {
		return this.#count;
	}
}
