import type { DealsMapping, Detection, FileSample } from '../model/mapping';
import { defined } from './columns';
import { findLoose } from './labels';

/** The first number in a formatted value (`$1,234.50 monthly` → 1234.5). */
function formattedNumber(text: string): number | null {
	const m = /-?\d[\d,]*(\.\d+)?/.exec(text);
	return m ? Number(m[0].replaceAll(',', '')) : null;
}

/**
 * How `value` relates to currency units. Close's API, and so its opportunity export, writes
 * `value` in cents beside a `value_formatted` in units (`300000` and `$3,000`): when the export
 * has `value_formatted`, the rows tell (value ≈ 100 × formatted → cents, value ≈ formatted →
 * units); without it, cents as the API documents.
 */
export function closeValueScale(sample: FileSample, value: string, formatted?: string): number {
	if (!formatted) return 0.01;
	const vi = sample.columns.indexOf(value);
	const fi = sample.columns.indexOf(formatted);
	let cents = 0;
	let units = 0;
	for (const row of sample.rows) {
		const v = Number((row[vi] ?? '').trim());
		const f = formattedNumber(row[fi] ?? '');
		if (!Number.isFinite(v) || v === 0 || f === null) continue;
		// `value_formatted` may be rounded to whole units.
		const near = (x: number) => Math.abs(x - f) <= Math.max(0.5, 0.01 * Math.abs(f));
		if (near(v / 100)) cents += 1;
		else if (near(v)) units += 1;
	}
	return units > cents ? 1 : 0.01;
}

/**
 * A Close (close.com) opportunities export: `status_type` (active / won / lost) decides the
 * outcome and `status_label` is the status, the stage here; `value` in cents (see
 * `closeValueScale`); `confidence` 0–100; `date_created`; `date_won` is the close date (an
 * expected one on active opportunities, ignored there) and `date_lost`, when the export has it,
 * the date a lost one was lost. Close has no default pipeline: the active statuses of the data are
 * the stages, ordered by the mean confidence of their opportunities.
 */
export function detectClose(sample: FileSample): Detection<DealsMapping> | null {
	const { columns } = sample;
	const find = (...names: string[]) => findLoose(columns, names);
	const statusType = find('status_type');
	const created = find('date_created');
	if (!statusType || !created) return null;
	const known = ['id', 'lead_name', 'status_label', 'value', 'confidence', 'date_won', 'user_name'];
	const score = known.filter((k) => find(k)).length / known.length;
	if (score < 0.5) return null;
	const value = find('value');
	const won = find('date_won');
	const lost = find('date_lost');
	return {
		confidence: Math.min(0.97, 0.6 + score * 0.35),
		mapping: {
			role: 'deals',
			crm: 'close',
			columns: defined({
				id: find('id'),
				owner: find('user_name'),
				pipeline: find('pipeline_name'),
				amount: value,
				probability: find('confidence'),
				created,
				closed: won,
				outcome: statusType,
				stage: find('status_label'),
				currency: find('value_currency')
			}),
			stages: [],
			won: [],
			lost: [],
			outcomeWon: ['won'],
			outcomeLost: ['lost'],
			stageColumns: [],
			...(lost ? { closedBy: defined({ won, lost }) } : {}),
			...(value ? { amountScale: closeValueScale(sample, value, find('value_formatted')) } : {}),
			stagesFromData: true
		}
	};
}
