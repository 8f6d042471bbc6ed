import type { Db } from '../db/types';
import { join, type Fragment } from '../sql/sql';

/**
 * Run statements in order, sending each run of statements that bind no values as one text (one
 * call to the engine); a statement with bound values is prepared on its own.
 */
export async function runStatements(db: Db, statements: readonly Fragment[]): Promise<void> {
	let batch: Fragment[] = [];
	const flush = async () => {
		if (batch.length > 0) await db.query(join(batch, ';\n'));
		batch = [];
	};
	for (const statement of statements) {
		if (statement.params.length > 0) {
			await flush();
			await db.query(statement);
		} else batch.push(statement);
	}
	await flush();
}
