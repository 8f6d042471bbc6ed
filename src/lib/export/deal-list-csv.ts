import type { DrillDeal } from '../metrics/drill';
import { toCsv } from './csv';

/** The CSV columns of a list of deals: every field of a listed deal, as the engine gives it. */
const COLUMNS = [
	'id',
	'name',
	'owner',
	'stage',
	'amount',
	'created',
	'closed',
	'expected_close',
	'outcome'
] as const;

/** A list of deals as CSV (cells escaped against formula injection by `toCsv`). */
export function dealListCsv(deals: readonly DrillDeal[]): string {
	return toCsv(
		COLUMNS,
		deals.map((d) => COLUMNS.map((c) => d[c]))
	);
}
