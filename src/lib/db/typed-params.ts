import type { Sql, SqlValue } from '../sql/sql';

/**
 * The statement with each `?` typed as the engine will receive its value: `CAST(? AS VARCHAR)`
 * for a string, `CAST(? AS DOUBLE)` for a number (duckdb-wasm passes every number as a DOUBLE),
 * `CAST(? AS BOOLEAN)` for a boolean, and `NULL` in place of a null (no value bound).
 *
 * Why: DuckDB re-binds and re-plans a prepared statement on every run when a bound value's type
 * differs from the type it inferred for that parameter at prepare time (`CAST(? AS DATE)` infers
 * DATE, a bare `? AS kind` infers nothing, a null is never of the inferred type). With each
 * placeholder typed as its value is, a kept statement runs without being planned again. The
 * result is what the re-bind gave: DuckDB re-binds a parameter with its value's type.
 *
 * `?` inside a string literal, a quoted identifier or a comment is left alone.
 */
export function typedParams(statement: Sql): Sql {
	const { text, params } = statement;
	if (params.length === 0) return statement;
	let out = '';
	const kept: SqlValue[] = [];
	let next = 0;
	let i = 0;
	while (i < text.length) {
		const c = text[i];
		if (c === "'" || c === '"') {
			const end = closing(text, i, c);
			out += text.slice(i, end);
			i = end;
		} else if (c === '-' && text[i + 1] === '-') {
			const end = text.indexOf('\n', i);
			const stop = end < 0 ? text.length : end;
			out += text.slice(i, stop);
			i = stop;
		} else if (c === '?') {
			if (next >= params.length) throw new Error('more placeholders than bound values');
			const value = params[next++];
			if (value === null) out += 'NULL';
			else {
				out += `CAST(? AS ${typeName(value)})`;
				kept.push(value);
			}
			i += 1;
		} else {
			out += c;
			i += 1;
		}
	}
	if (next !== params.length) throw new Error('more bound values than placeholders');
	return { ...statement, text: out, params: kept };
}

function typeName(value: string | number | boolean): string {
	if (typeof value === 'string') return 'VARCHAR';
	if (typeof value === 'number') return 'DOUBLE';
	return 'BOOLEAN';
}

/** The index just past the quote closing the one at `start` (a doubled quote is inside). */
function closing(text: string, start: number, quote: string): number {
	let i = start + 1;
	while (i < text.length) {
		if (text[i] === quote) {
			if (text[i + 1] === quote) i += 2;
			else return i + 1;
		} else i += 1;
	}
	return text.length;
}
