/** Thrown by a stoppable Db's next call once its load was cancelled or superseded. */
export class LoadStopped extends Error {
	constructor() {
		super('the load was stopped');
		this.name = 'LoadStopped';
	}
}

/**
 * `db` for one load: each call checks `going` first and fails with `LoadStopped` once it is
 * false, so a cancelled load stops at its next statement instead of running to the end (the
 * statement under way finishes).
 */
export function stoppable<T extends object>(db: T, going: () => boolean): T {
	return new Proxy(db, {
		get(target, prop) {
			const value: unknown = Reflect.get(target, prop, target);
			if (typeof value !== 'function') return value;
			return (...args: unknown[]) =>
				going() ? value.apply(target, args) : Promise.reject(new LoadStopped());
		}
	});
}
