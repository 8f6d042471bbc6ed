import { ident, sql, type Fragment } from '../sql/sql';
import type { Dimension } from '../model/config';

export interface DimensionValue {
	value: string;
	deals: number;
}

/** The values of one dimension with their deal counts, most deals first (for filter menus). */
export function dimensionValuesQuery(dimension: Dimension): Fragment {
	return sql`SELECT ${ident(dimension)} AS value, count(*)::DOUBLE AS deals FROM deal_facts
		GROUP BY 1 ORDER BY deals DESC, value`;
}
