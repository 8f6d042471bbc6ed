import type { Db } from '../db/types';
import { join, raw, sql, type Fragment } from '../sql/sql';
import type { LoadedFile, RowCount } from './dataset';
import { rejectedLines } from './warnings';

/** The deals file's rows left out of `deals`: no id, no created date, a left-out label, or a repeated id. */
export interface LeftOut {
	no_id: number;
	no_created: number;
	/** Rows with an id and a created date left out by a label (config `left_out`). */
	labels: number;
	repeated: number;
}

/**
 * The deals file's rows left out for no id, no created date, a left-out label or a repeated id
 * (see `rowCounts`),
 * with any other counts over `deals_all` asked in the same scan (`also`, named `confirm_…`).
 */
export async function dealRowsLeftOut(
	db: Db,
	also: readonly Fragment[] = []
): Promise<LeftOut & Record<string, number | null>> {
	// Counted from `deals_all` alone, so the row audit checks `deals` against it (and `deals` is
	// built without picking first rows when none repeats): of the rows with an id and a created
	// date whose label is not left out, all but one per id repeat it.
	const [left] = await db.query<LeftOut & Record<string, number | null>>(sql`
		SELECT count(*) FILTER (WHERE id IS NULL)::DOUBLE AS no_id,
			count(*) FILTER (WHERE id IS NOT NULL AND created IS NULL)::DOUBLE AS no_created,
			count(*) FILTER (WHERE id IS NOT NULL AND created IS NOT NULL AND left_out)::DOUBLE AS labels,
			(count(*) FILTER (WHERE id IS NOT NULL AND created IS NOT NULL AND NOT left_out)
				- count(DISTINCT id) FILTER (WHERE created IS NOT NULL AND NOT left_out))::DOUBLE AS repeated
			${also.length ? sql`, ${join(also)}` : raw('')}
		FROM deals_all`);
	return left;
}

/**
 * Rows read, loaded and rejected per file. Read counts the data lines of the file (rows of the raw
 * table, rejected lines, footer lines); for the deals file, loaded is the deals kept and rejected
 * adds the rows left out for no id, no created date, a left-out label or a repeated id, each counted
 * on its own so
 * that a row lost any other way shows as a gap.
 */
export function rowCounts(
	files: readonly LoadedFile[],
	dealsFile: LoadedFile,
	deals: number,
	left: LeftOut
): RowCount[] {
	const all = files.includes(dealsFile) ? files : [dealsFile, ...files];
	return all.map((f) => {
		const unread = rejectedLines(f.raw) + f.raw.footer.length;
		const read = f.raw.rowsLoaded + unread;
		if (f === dealsFile) {
			const leftOut = left.no_id + left.no_created + left.labels + left.repeated;
			const row: RowCount = {
				file: f.raw.file,
				role: 'deals',
				read,
				loaded: deals,
				rejected: unread + leftOut
			};
			if (left.labels > 0) row.leftOut = left.labels;
			return row;
		}
		return { file: f.raw.file, role: f.role, read, loaded: f.raw.rowsLoaded, rejected: unread };
	});
}

/** A warning for each file with rows read that are neither loaded nor rejected (none expected). */
export function rowGaps(rows: readonly RowCount[]): string[] {
	return rows
		.filter((r) => r.read !== r.loaded + r.rejected)
		.map(
			(r) =>
				`${r.file}: ${r.read - r.loaded - r.rejected} of ${r.read} rows read are neither loaded nor rejected`
		);
}
