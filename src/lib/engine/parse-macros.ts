import type { Db } from '../db/types';
import { parseMacros } from '../model/parse';

/**
 * Engines whose catalog holds the parse macros, or is being given them, by catalog (`Db.catalog`:
 * the same through the wrappers each load puts around the engine; a restarted engine is a new
 * one). A definition under way is shared, not sent twice.
 */
const defined = new WeakMap<object, Promise<void>>();

/** Define the parse macros (`model/parse`) on an engine, once: every typing statement calls them. */
export function withParseMacros(db: Db): Promise<void> {
	const catalog = db.catalog ?? db;
	let done = defined.get(catalog);
	if (!done) {
		done = (async () => {
			for (const statements of parseMacros()) await db.query(statements);
		})();
		defined.set(catalog, done);
		// A failed definition (a load stopped under it, an engine that died) is tried again.
		done.catch(() => defined.delete(catalog));
	}
	return done;
}
