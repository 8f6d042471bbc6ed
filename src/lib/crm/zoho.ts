import type { DealsMapping, Detection, FileSample } from '../model/mapping';
import { defined } from './columns';
import { findLoose } from './labels';
import { defaultPipeline } from './stage-list';

/** Zoho CRM's standard deal stages (open), then its won and lost stages. */
export const ZOHO_STAGES = [
	'Qualification',
	'Needs Analysis',
	'Value Proposition',
	'Identify Decision Makers',
	'Proposal/Price Quote',
	'Negotiation/Review'
];
export const ZOHO_WON = ['Closed Won'];
export const ZOHO_LOST = [
	'Closed Lost',
	'Closed-Lost to Competition',
	'Closed Lost to Competition'
];

const SIGNATURE = [
	'Record Id',
	'Deal Name',
	'Stage',
	'Closing Date',
	'Created Time',
	'Deal Owner',
	'Amount'
];

/**
 * A Zoho CRM Deals export: `Record Id` (often `zcrm_…`), `Deal Name`, `Stage`, `Closing Date`
 * (an expectation on open deals, ignored there), `Created Time`, `Probability (%)`, and lookups
 * written as a name column and an `.id` column (`Deal Owner`, `Deal Owner.id`). Dates follow the
 * exporting user's settings (`dd/MM/yyyy HH:mm`, `MM/dd/yyyy hh:mm a`, …): the day/month order is
 * decided per column from the values, with no locale assumed.
 */
export function detectZoho(sample: FileSample): Detection<DealsMapping> | null {
	const { columns } = sample;
	const find = (...names: string[]) => findLoose(columns, names);
	const found = SIGNATURE.filter((name) => find(name)).length;
	const lookups = columns.some((c) => /\.id$/i.test(c.trim()));
	const score = found / SIGNATURE.length;
	if (score < 0.7 || !find('Created Time')) return null;
	return {
		confidence: Math.min(0.97, 0.55 + score * 0.35 + (lookups ? 0.07 : 0)),
		mapping: {
			role: 'deals',
			crm: 'zoho',
			columns: defined({
				id: find('Record Id', 'Id'),
				owner: find('Deal Owner', 'Owner'),
				source: find('Lead Source'),
				pipeline: find('Pipeline', 'Layout'),
				segment: find('Type'),
				amount: find('Amount'),
				probability: find('Probability (%)', 'Probability'),
				created: find('Created Time'),
				closed: find('Closing Date'),
				// On an open deal, Zoho's closing date is the date it is expected to close.
				expected_close: find('Closing Date'),
				lost_reason: find('Reason For Loss'),
				stage: find('Stage'),
				currency: find('Currency')
			}),
			...defaultPipeline(ZOHO_STAGES, ZOHO_WON, ZOHO_LOST)
		}
	};
}
