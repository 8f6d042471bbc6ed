import type { Sql } from '../sql/sql';
import type { Db } from './types';

/** Told of every statement a logged `Db` is asked to run, as it is sent (before its result). */
export type StatementSink = (statement: Sql) => void;

/**
 * `Db` methods that run no statement: passed through as they are. `prepare` plans a statement
 * ahead and runs nothing: what runs is counted when it runs.
 */
const NOT_STATEMENTS = new Set<PropertyKey>(['registerFile', 'dropFile', 'close', 'prepare']);

/**
 * The same `Db` (every method, getter and result unchanged) that tells `sink` of each statement
 * before running it. Every statement costs a parse, a plan and a worker round trip, so their
 * number and size are what the structural budget (engine/statement-budget.test.ts) and the
 * benchmark count. A statement that fails is counted too: it was parsed all the same.
 */
export function logStatements<D extends Db>(db: D, sink: StatementSink): D {
	const query: Db['query'] = (statement) => {
		sink(statement);
		return db.query(statement);
	};
	// A proxy rather than a copy, so a getter (`BrowserDb.dead`) is read live. A method it does
	// not know may run statements it cannot see: it refuses that method rather than let a budget
	// pass uncounted (teach it here when `Db` grows one).
	return new Proxy(db, {
		get(target, key) {
			if (key === 'query') return query;
			const value: unknown = Reflect.get(target, key, target);
			if (typeof value !== 'function') return value;
			if (NOT_STATEMENTS.has(key)) return value.bind(target);
			throw new Error(`logStatements cannot count what Db.${String(key)} runs (statement-log.ts)`);
		}
	});
}

/** How many statements ran and how large they were. */
export interface StatementCount {
	statements: number;
	/** The longest statement text, in characters (UTF-16 code units). */
	largestChars: number;
	/** Every statement's text, in the order sent. */
	texts: string[];
}

/**
 * A counter to give `logStatements`: `take()` returns what ran since the last `take()` and starts
 * again, so one counter measures a load and then each view in turn.
 */
export function statementCounter(): { sink: StatementSink; take(): StatementCount } {
	let texts: string[] = [];
	return {
		sink: (statement) => void texts.push(statement.text),
		take() {
			const taken = texts;
			texts = [];
			return {
				statements: taken.length,
				largestChars: taken.reduce((most, text) => Math.max(most, text.length), 0),
				texts: taken
			};
		}
	};
}
