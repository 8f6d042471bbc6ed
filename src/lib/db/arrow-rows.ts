import { DataType, type Table } from 'apache-arrow';
import type { Row } from './types';

type Value = Row[string];

const MS_PER_DAY = 86_400_000;

function isoDate(ms: number): string {
	return new Date(ms).toISOString().slice(0, 10);
}

/** A converter per Arrow type, so callers never see BigInt, Decimal objects or epoch numbers. */
function converter(type: DataType): (v: unknown) => Value {
	if (DataType.isDate(type)) {
		return (v) => (v == null ? null : isoDate(v instanceof Date ? v.getTime() : Number(v)));
	}
	if (DataType.isTimestamp(type)) {
		return (v) => {
			if (v == null) return null;
			const ms = v instanceof Date ? v.getTime() : Number(v);
			return new Date(ms).toISOString().replace('Z', '');
		};
	}
	if (DataType.isInt(type) || DataType.isFloat(type)) {
		return (v) => (v == null ? null : Number(v));
	}
	if (DataType.isDecimal(type)) {
		const scale = type.scale;
		return (v) => (v == null ? null : Number(String(v)) / 10 ** scale);
	}
	if (DataType.isBool(type)) return (v) => (v == null ? null : Boolean(v));
	if (DataType.isUtf8(type) || DataType.isLargeUtf8(type))
		return (v) => (v == null ? null : String(v));
	return (v) => (v == null ? null : typeof v === 'bigint' ? Number(v) : (String(v) as Value));
}

/** Arrow table → plain rows, converting every column by its type once. */
export function arrowToRows<T extends Row = Row>(table: Table): T[] {
	const fields = table.schema.fields;
	const columns = fields.map((f, i) => ({
		name: f.name,
		vector: table.getChildAt(i),
		convert: converter(f.type)
	}));
	const rows: T[] = new Array(table.numRows);
	for (let r = 0; r < table.numRows; r++) {
		const row: Row = {};
		for (const c of columns) row[c.name] = c.convert(c.vector?.get(r));
		rows[r] = row as T;
	}
	return rows;
}

export { MS_PER_DAY };
