import { InputError, type RawTable } from '../ingest/raw-table';
import type { Config } from '../model/config';
import type { DealsMapping, SpendMapping } from '../model/mapping';
import { withMeddic } from '../model/meddic';

/** Mapped fields whose column the file does not have (`owner → "Deal owner"`). */
function missing(raw: RawTable, names: Record<string, string | undefined>): string[] {
	return Object.entries(names)
		.filter(([, name]) => name !== undefined && !raw.columns.includes(name))
		.map(([field, name]) => `${field} → "${name}"`);
}

/**
 * The deals mapping checked against its file, with the MEDDIC columns it has: the mapped columns
 * must exist, and a deal needs a created date and a stage or outcome.
 */
export function checkDealsColumns(
	raw: RawTable,
	mapping: DealsMapping,
	meddic: Config['meddic']
): DealsMapping {
	const absent = missing(raw, {
		...mapping.columns,
		is_closed: mapping.flags?.closed,
		is_won: mapping.flags?.won,
		...Object.fromEntries(mapping.stageColumns.map((s) => [`stage date "${s.stage}"`, s.column]))
	});
	if (absent.length)
		throw new InputError(raw.file, `mapped columns are not in the file: ${absent.join(', ')}`);
	if (!mapping.columns.created && !mapping.createdFromHistory)
		throw new InputError(
			raw.file,
			'no column holds the date a deal was created (map "created", or give the stage history with --history: each deal\'s first event is then its created date)'
		);
	// Yes/no flags decide the outcome as well as an outcome column does.
	const flagged = Boolean(mapping.flags?.closed || mapping.flags?.won);
	if (!mapping.columns.stage && !mapping.columns.outcome && !flagged) {
		throw new InputError(
			raw.file,
			'no column holds the deal stage or status (map "stage", "outcome", or the yes/no "is_closed" and "is_won")'
		);
	}
	const withElements = withMeddic(mapping, raw.columns, meddic);
	const absentMeddic = missing(raw, withElements.meddic ?? {});
	if (absentMeddic.length)
		throw new InputError(
			raw.file,
			`mapped MEDDIC columns are not in the file: ${absentMeddic.join(', ')}`
		);
	return withElements;
}

/** The mapped spend columns must exist. */
export function checkSpendColumns(raw: RawTable, mapping: SpendMapping): void {
	const absent = missing(raw, mapping.columns);
	if (absent.length)
		throw new InputError(
			raw.file,
			`mapped spend columns are not in the file: ${absent.join(', ')}`
		);
}
