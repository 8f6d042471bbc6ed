import type { Db } from '../db/types';
import { parseMacros } from '../model/parse';

/** Engines whose catalog holds the parse macros (a restarted engine is a new `Db`). */
const defined = new WeakSet<Db>();

/** Define the parse macros (`model/parse`) on an engine, once: every typing statement calls them. */
export async function withParseMacros(db: Db): Promise<void> {
	if (defined.has(db)) return;
	for (const statements of parseMacros()) await db.query(statements);
	defined.add(db);
}
