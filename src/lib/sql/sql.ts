/**
 * A piece of SQL with its bound values. `text` uses `?` placeholders, `params` holds
 * one value per placeholder, in order. Nothing from data is ever spliced into `text`.
 */
export interface Sql {
	readonly text: string;
	readonly params: readonly SqlValue[];
	/**
	 * A write that leaves every prepared plan valid (it changes rows of a table whose statistics
	 * no plan relies on: `view_values`), so the engine keeps its prepared statements.
	 */
	readonly keepsPlans?: boolean;
}

export type SqlValue = string | number | boolean | null;

const SQL_BRAND = Symbol('sql');

/** A fragment that `sql` splices as SQL (with its params) instead of binding it. */
export interface Fragment extends Sql {
	readonly [SQL_BRAND]: true;
}

function fragment(text: string, params: readonly SqlValue[]): Fragment {
	return { text, params, [SQL_BRAND]: true };
}

export function isFragment(value: unknown): value is Fragment {
	return typeof value === 'object' && value !== null && SQL_BRAND in value;
}

/**
 * Tagged template: interpolated fragments are spliced, every other value is bound as `?`.
 *
 *     sql`SELECT * FROM deals WHERE owner = ${owner}`
 */
export function sql(
	strings: TemplateStringsArray,
	...values: readonly (SqlValue | Fragment)[]
): Fragment {
	let text = strings[0];
	const params: SqlValue[] = [];
	values.forEach((value, i) => {
		if (isFragment(value)) {
			text += value.text;
			params.push(...value.params);
		} else {
			text += '?';
			params.push(value);
		}
		text += strings[i + 1];
	});
	return fragment(text, params);
}

/** Quote an identifier: wrap in `"` and double every inner `"`. */
export function ident(name: string): Fragment {
	if (name.includes('\0')) throw new Error('identifier contains a NUL character');
	return fragment(`"${name.replaceAll('"', '""')}"`, []);
}

/** A trusted SQL keyword or expression written in our own code (never data). */
export function raw(text: string): Fragment {
	return fragment(text, []);
}

/**
 * A whole number of our own (a stage count or position, never a value read from a file),
 * spliced: DuckDB plans a prepared statement again on every run when it binds a value anywhere
 * but its SELECT list, and `range()` cannot read one from a table.
 */
export function int(n: number): Fragment {
	if (!Number.isSafeInteger(n)) throw new Error(`not a whole number: ${n}`);
	return raw(String(n));
}

/** A text of our own (a name in our code, never a value read from a file), spliced as a literal. */
export function literal(text: string): Fragment {
	if (text.includes('\0')) throw new Error('text contains a NUL character');
	return raw(`'${text.replaceAll("'", "''")}'`);
}

/** Join fragments with a separator (itself trusted SQL text). */
export function join(parts: readonly (Fragment | SqlValue)[], separator = ', '): Fragment {
	const params: SqlValue[] = [];
	const texts = parts.map((part) => {
		if (isFragment(part)) {
			params.push(...part.params);
			return part.text;
		}
		params.push(part);
		return '?';
	});
	return fragment(texts.join(separator), params);
}

/**
 * A value list `(?, ?, ?)`: prepared statements take no arrays, so each value gets its own
 * placeholder. An empty list becomes `(NULL)`, which matches nothing in `IN`.
 */
export function list(values: readonly SqlValue[]): Fragment {
	if (values.length === 0) return raw('(NULL)');
	return sql`(${join(values)})`;
}
