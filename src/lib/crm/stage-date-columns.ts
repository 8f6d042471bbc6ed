import type { Config } from '../model/config';
import type { FileSample, StageColumn } from '../model/mapping';
import { MISSING_TEXTS } from '../model/parse';
import { hubspotStageColumns } from './hubspot';
import { looseKey } from './labels';

/** `date_entered_<stage id>`, HubSpot's internal name (`hs_date_entered_…`, `hs_v2_date_entered_…`). */
const ENTERED_ID = /^(?:hs_(?:v2_)?)?date_entered_(.+)$/i;

/** `<stage>_date`, `<stage> date`, `date_<stage>`: a stage's date, when `<stage>` is a stage label. */
const LABEL_DATE = /^(?:(.+?)[\s_-]+date|date[\s_-]+(.+))$/i;

const MISSING = new Set<string>(MISSING_TEXTS);
const DATE = /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}([ T].*)?$|^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}([ ,T].*)?$/;

/** Whether a column's sampled values are dates (or it has none to judge by). */
function holdsDates(sample: FileSample, i: number): boolean {
	const values = sample.rows
		.map((r) => (r[i] ?? '').trim())
		.filter((v) => v !== '' && !MISSING.has(v.toLowerCase()));
	return values.every((v) => DATE.test(v));
}

/**
 * A deals file's per-stage date columns in any naming, in file order, with the stage each stands
 * for: HubSpot's `Date entered "<stage> (<pipeline>)"` (and its translations), the internal
 * `date_entered_<stage id>`, and `<stage>_date` / `date_<stage>` where `<stage>` is one of
 * `labels` (the stage labels the file's stage and lost-stage columns hold; case, spacing and
 * punctuation ignored), so that `created_date` or `close_date` never is. Columns whose values are
 * not dates are left out.
 */
export function stageDateColumns(sample: FileSample, labels: readonly string[]): StageColumn[] {
	const entered = new Map(hubspotStageColumns(sample.columns).map((s) => [s.column, s.stage]));
	const known = new Map(labels.map((l) => [looseKey(l), l.trim()]));
	const out: StageColumn[] = [];
	sample.columns.forEach((column, i) => {
		const stage = entered.get(column) ?? ENTERED_ID.exec(column.trim())?.[1] ?? labelled(column);
		if (stage && holdsDates(sample, i)) out.push({ column, stage });
	});
	return out;

	function labelled(column: string): string | undefined {
		const m = LABEL_DATE.exec(column.trim());
		const name = m ? (m[1] ?? m[2]).trim() : '';
		if (name === '') return undefined;
		return known.get(looseKey(name));
	}
}

/** The config's per-stage date columns (`stage_dates`), in its order; undefined without them. */
export function configStageColumns(config: Config): StageColumn[] | undefined {
	if (!config.stage_dates) return undefined;
	return Object.entries(config.stage_dates).map(([stage, column]) => ({ column, stage }));
}
