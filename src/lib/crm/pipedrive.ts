import type { DealsMapping, Detection, FileSample, HistoryMapping } from '../model/mapping';
import { headerKey } from '../model/header-key';
import { defined, findColumn } from './columns';
import { defaultOrSampleStages, sampleValues } from './stage-list';

/** The stages of Pipedrive's default pipeline. Won and lost are statuses, not stages. */
export const PIPEDRIVE_STAGES = [
	'Qualified',
	'Contact Made',
	'Demo Scheduled',
	'Proposal Made',
	'Negotiations Started'
];

const PREFIX = 'deal - ';

/**
 * A Pipedrive deals export: every deal header prefixed `Deal - ` (other entities' columns, such
 * as `Organization - Name`, may follow). `Deal - Status` (open/won/lost) decides the outcome and
 * `Deal - Stage` keeps the stage a lost deal was lost at; the close date is `Deal - Won time` for
 * a won deal and `Deal - Lost time` for a lost one (`Deal - Deal closed on` when those are empty).
 * `Deal - Expected close date` is an expectation and is not mapped.
 */
export function detectPipedriveDeals(sample: FileSample): Detection<DealsMapping> | null {
	const { columns } = sample;
	const dealColumns = columns.filter((c) => headerKey(c).startsWith(PREFIX)).length;
	const deal = (...names: string[]) =>
		findColumn(
			columns,
			names.map((n) => `Deal - ${n}`)
		);
	const stage = deal('Stage');
	const status = deal('Status');
	if (dealColumns < 3 || (!stage && !status)) return null;
	const won = deal('Won time');
	const lost = deal('Lost time');
	return {
		confidence: Math.min(0.97, 0.7 + 0.03 * dealColumns),
		mapping: {
			role: 'deals',
			crm: 'pipedrive',
			columns: defined({
				id: deal('ID'),
				owner: deal('Owner'),
				source: deal('Source channel', 'Lead source', 'Source', 'Source origin'),
				pipeline: deal('Pipeline'),
				amount: deal('Value'),
				probability: deal('Probability'),
				created: deal('Deal created', 'Add time', 'Created'),
				closed: deal('Deal closed on', 'Close time', 'Closed on'),
				expected_close: deal('Expected close date'),
				lost_reason: deal('Lost reason'),
				outcome: status,
				stage,
				currency: deal('Currency', 'Currency of Value')
			}),
			stages: defaultOrSampleStages(PIPEDRIVE_STAGES, [], sampleValues(sample, stage)),
			won: [],
			lost: [],
			outcomeWon: ['won'],
			outcomeLost: ['lost'],
			stageColumns: [],
			// A default pipeline or the sample's stages: completed from all rows at load.
			stagesFromData: true,
			...(won || lost ? { closedBy: defined({ won, lost }) } : {})
		}
	};
}

/**
 * A Pipedrive deal change log (the deal flow / changelog, or a warehouse copy of it):
 * `deal_id, change_time, changed_field_key, new_value`. Rows whose field is `stage_id` are stage
 * events; the stage id is looked up through a stage list (`stages.csv`). With no deals file, the
 * log describes the deals too (see `HistoryMapping.deals`): created from the `add_time` row,
 * owner from the last `user_id` row, stage from the last `stage_id` row, outcome from the last
 * `status` row when the log has one.
 *
 * `lost_reason` rows do not mean lost: in the Enpal sample every deal has one, after its last
 * stage change, including deals that went on to Implementation/Onboarding and Renewal (stages
 * after the sale), so reading them as lost would make every deal lost. A lost reason is a field
 * that can be filled in on any deal; only the `status` field says won or lost.
 */
export function detectPipedriveChanges(sample: FileSample): Detection<HistoryMapping> | null {
	const { columns } = sample;
	const id = findColumn(columns, ['deal_id', 'deal id', 'item_id']);
	const field = findColumn(columns, ['changed_field_key', 'field_key', 'field key']);
	const value = findColumn(columns, ['new_value', 'new value']);
	const at = findColumn(columns, ['change_time', 'log_time', 'time', 'timestamp', 'change time']);
	if (!id || !field || !value || !at) return null;
	return {
		confidence: 0.9,
		mapping: {
			role: 'history',
			crm: 'pipedrive',
			columns: defined({
				id,
				stage: value,
				at,
				from: findColumn(columns, ['old_value', 'old value'])
			}),
			field: { column: field, values: ['stage_id'] },
			deals: { created: 'add_time', owner: 'user_id', outcome: 'status', amount: 'value' }
		}
	};
}
