import type { DealsMapping, Detection, FileSample, HistoryMapping } from '../model/mapping';
import { coverage, defined, findColumn } from './columns';

export const SALESFORCE_STAGES = [
	'Prospecting',
	'Qualification',
	'Needs Analysis',
	'Value Proposition',
	'Id. Decision Makers',
	'Perception Analysis',
	'Proposal/Price Quote',
	'Negotiation/Review'
];
export const SALESFORCE_WON = ['Closed Won'];
export const SALESFORCE_LOST = ['Closed Lost'];

const REPORT = [
	'Opportunity Name',
	'Stage',
	'Amount',
	'Close Date',
	'Created Date',
	'Opportunity Owner'
];
const HISTORY = ['Opportunity ID', 'From Stage', 'To Stage', 'Last Modified'];

/** A Salesforce opportunity report export (labels, `M/D/YYYY`, footer lines). */
export function detectSalesforceReport(sample: FileSample): Detection<DealsMapping> | null {
	const { columns } = sample;
	const score = coverage(columns, REPORT);
	if (score < 0.6 || coverage(columns, ['From Stage', 'To Stage']) > 0) return null;
	return {
		confidence: score * 0.95,
		mapping: {
			role: 'deals',
			crm: 'salesforce',
			columns: defined({
				id: findColumn(columns, ['Opportunity ID', 'Opportunity Id', 'Opportunity Name']),
				owner: findColumn(columns, ['Opportunity Owner', 'Owner']),
				source: findColumn(columns, ['Lead Source', 'Source']),
				pipeline: findColumn(columns, ['Record Type', 'Pipeline']),
				segment: findColumn(columns, ['Type', 'Segment']),
				amount: findColumn(columns, ['Amount']),
				probability: findColumn(columns, ['Probability (%)', 'Probability']),
				created: findColumn(columns, ['Created Date', 'Create Date']),
				closed: findColumn(columns, ['Close Date']),
				stage: findColumn(columns, ['Stage']),
				currency: findColumn(columns, ['Opportunity Currency', 'Currency'])
			}),
			stages: [...SALESFORCE_STAGES],
			won: [...SALESFORCE_WON],
			lost: [...SALESFORCE_LOST],
			outcomeWon: [],
			outcomeLost: [],
			stageColumns: [],
			dateOrder: 'mdy'
		}
	};
}

/** A Salesforce Opportunity History report: one row per change, `From Stage` → `To Stage`. */
export function detectSalesforceHistory(sample: FileSample): Detection<HistoryMapping> | null {
	const { columns } = sample;
	const score = coverage(columns, HISTORY);
	if (score < 0.75) return null;
	return {
		confidence: score,
		mapping: {
			role: 'history',
			crm: 'salesforce',
			columns: defined({
				id: findColumn(columns, ['Opportunity ID', 'Opportunity Id']),
				from: findColumn(columns, ['From Stage']),
				stage: findColumn(columns, ['To Stage']),
				at: findColumn(columns, ['Last Modified', 'Last Modified Date', 'Edit Date'])
			}),
			dateOrder: 'mdy'
		}
	};
}
