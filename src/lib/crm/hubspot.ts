import type { DealsMapping, Detection, FileSample, StageColumn } from '../model/mapping';
import { coverage, defined, findColumn } from './columns';

export const HUBSPOT_STAGES = [
	'Appointment Scheduled',
	'Qualified To Buy',
	'Presentation Scheduled',
	'Decision Maker Bought-In',
	'Contract Sent'
];
export const HUBSPOT_WON = ['Closed Won'];
export const HUBSPOT_LOST = ['Closed Lost'];

const SIGNATURE = [
	'Record ID',
	'Deal Name',
	'Deal Stage',
	'Pipeline',
	'Amount',
	'Close Date',
	'Create Date'
];

// `Date entered "Contract Sent (Sales Pipeline)"`; older exports quote with '…'.
const DATE_ENTERED = /^date entered\s*["'“](.+?)\s*\(([^()]*)\)\s*["'”]\s*$/i;

/** Per-stage `Date entered` columns in file order, with the stage label each one stands for. */
export function hubspotStageColumns(columns: readonly string[]): StageColumn[] {
	const out: StageColumn[] = [];
	for (const column of columns) {
		const m = DATE_ENTERED.exec(column.trim());
		if (m) out.push({ column, stage: m[1].trim() });
	}
	return out;
}

export function detectHubspot(sample: FileSample): Detection<DealsMapping> | null {
	const { columns } = sample;
	const stageColumns = hubspotStageColumns(columns);
	const score = coverage(columns, SIGNATURE) * 0.8 + (stageColumns.length > 0 ? 0.2 : 0);
	if (score < 0.5) return null;
	const wonLost = new Set([...HUBSPOT_WON, ...HUBSPOT_LOST].map((s) => s.toLowerCase()));
	const fromColumns = [...new Set(stageColumns.map((s) => s.stage))].filter(
		(s) => !wonLost.has(s.toLowerCase())
	);
	return {
		confidence: score,
		mapping: {
			role: 'deals',
			crm: 'hubspot',
			columns: defined({
				id: findColumn(columns, ['Record ID', 'Deal ID']),
				owner: findColumn(columns, ['Deal owner', 'Deal Owner']),
				source: findColumn(columns, ['Original Traffic Source', 'Original Source', 'Source']),
				pipeline: findColumn(columns, ['Pipeline']),
				segment: findColumn(columns, ['Deal Type', 'Segment']),
				amount: findColumn(columns, ['Amount']),
				probability: findColumn(columns, ['Deal probability', 'Deal Probability']),
				created: findColumn(columns, ['Create Date', 'Created Date']),
				closed: findColumn(columns, ['Close Date']),
				stage: findColumn(columns, ['Deal Stage']),
				currency: findColumn(columns, ['Currency', 'Deal currency code'])
			}),
			stages: fromColumns.length > 0 ? fromColumns : [...HUBSPOT_STAGES],
			won: [...HUBSPOT_WON],
			lost: [...HUBSPOT_LOST],
			outcomeWon: [],
			outcomeLost: [],
			stageColumns
		}
	};
}
