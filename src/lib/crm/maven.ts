import type { DealsMapping, Detection, FileSample } from '../model/mapping';
import { coverage, defined } from './columns';
import { findLoose } from './labels';

const COLUMNS = [
	'opportunity_id',
	'sales_agent',
	'product',
	'account',
	'deal_stage',
	'engage_date',
	'close_date',
	'close_value'
];

/**
 * The Maven Analytics "CRM + Sales Opportunities" sample (`sales_pipeline.csv`): one row per
 * opportunity, `deal_stage` Prospecting → Engaging → Won / Lost, `engage_date` (entered Engaging),
 * `close_date` (won or lost), `close_value`; `product` is the segment, `sales_agent` the owner.
 *
 * The file has no create date. A deal is taken as created when it was engaged (`engage_date`),
 * and entering Engaging then is its one stage event: the only dates the data has. Prospecting
 * deals have no date at all and cannot be placed in any period: they are left out, and the
 * loader's warning counts them ("… deals without a readable created date left out"). So the
 * funnel's Prospecting → Engaging step is 100% by construction; the data cannot say more.
 */
export function detectMaven(sample: FileSample): Detection<DealsMapping> | null {
	const { columns } = sample;
	const find = (name: string) => findLoose(columns, [name]);
	const stage = find('deal_stage');
	const engaged = find('engage_date');
	if (!stage || !engaged || !find('close_value')) return null;
	const score = coverage(columns, COLUMNS);
	if (score < 0.75) return null;
	return {
		confidence: 0.6 + score * 0.35,
		mapping: {
			role: 'deals',
			crm: 'maven',
			columns: defined({
				id: find('opportunity_id'),
				owner: find('sales_agent'),
				segment: find('product'),
				amount: find('close_value'),
				created: engaged,
				closed: find('close_date'),
				stage
			}),
			stages: ['Prospecting', 'Engaging'],
			won: ['Won'],
			lost: ['Lost'],
			outcomeWon: [],
			outcomeLost: [],
			stageColumns: [{ column: engaged, stage: 'Engaging' }]
		}
	};
}
