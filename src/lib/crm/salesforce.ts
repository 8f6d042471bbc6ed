import type {
	DealsMapping,
	Detection,
	FileSample,
	HistoryMapping,
	SpendMapping
} from '../model/mapping';
import { coverage, defined } from './columns';
import { columnValues, findLoose } from './labels';
import { defaultPipeline } from './stage-list';

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

/** Salesforce writes an empty lookup in a Data Export as this id. */
const NULL_ID = '000000000000000AAA';

const REPORT = [
	'Opportunity Name',
	'Stage',
	'Amount',
	'Close Date',
	'Created Date',
	'Opportunity Owner'
];
const HISTORY = ['Opportunity ID', 'From Stage', 'To Stage', 'Last Modified'];
// Columns only a history report has: a file with them is not one row per deal.
const HISTORY_ONLY = ['From Stage', 'To Stage', 'Field / Event', 'Old Value', 'New Value'];

function salesforceDeals(columns: DealsMapping['columns'], extra: Partial<DealsMapping> = {}) {
	const mapping: DealsMapping = {
		role: 'deals',
		crm: 'salesforce',
		columns,
		// Orgs rename and add stages: labels the default list lacks come from the data.
		...defaultPipeline(SALESFORCE_STAGES, SALESFORCE_WON, SALESFORCE_LOST),
		// Report exports and Excel-resaved files write US dates (`M/D/YYYY`, `MM/DD/YY`).
		dateOrder: 'mdy',
		...extra
	};
	return mapping;
}

/** The deal columns of a Salesforce report (labels), as many as the file has. */
function reportColumns(columns: readonly string[]): DealsMapping['columns'] {
	return defined({
		id: findLoose(columns, ['Opportunity ID', 'Opportunity Name']),
		owner: findLoose(columns, ['Opportunity Owner', 'Owner', 'Owner Name']),
		source: findLoose(columns, ['Lead Source', 'Source']),
		pipeline: findLoose(columns, ['Opportunity Record Type', 'Record Type', 'Pipeline']),
		segment: findLoose(columns, ['Type', 'Opportunity Type', 'Segment']),
		amount: findLoose(columns, ['Amount']),
		probability: findLoose(columns, ['Probability (%)', 'Probability']),
		created: findLoose(columns, ['Created Date', 'Create Date']),
		closed: findLoose(columns, ['Close Date']),
		// On an open opportunity, the close date is the date it is expected to close.
		expected_close: findLoose(columns, ['Close Date']),
		lost_reason: findLoose(columns, ['Loss Reason', 'Lost Reason', 'Closed Lost Reason']),
		stage: findLoose(columns, ['Stage']),
		currency: findLoose(columns, ['Opportunity Currency', 'Amount Currency', 'Currency'])
	});
}

/** A Salesforce opportunity report export (labels, `M/D/YYYY`, footer lines). */
export function detectSalesforceReport(sample: FileSample): Detection<DealsMapping> | null {
	const { columns } = sample;
	const score = coverage(columns, REPORT);
	if (score < 0.6 || coverage(columns, HISTORY_ONLY) > 0) return null;
	return { confidence: score * 0.95, mapping: salesforceDeals(reportColumns(columns)) };
}

/** A column whose sample values are all Salesforce's null id says nothing: left unmapped. */
function unlessNullIds(sample: FileSample, column: string | undefined): string | undefined {
	const values = columnValues(sample, column);
	return values.length > 0 && values.every((v) => v === NULL_ID) ? undefined : column;
}

/**
 * A Salesforce Data Export (Setup > Data Export, Data Loader, Workbench) of the Opportunity
 * object: API names (`Id, StageName, Amount, Probability, CloseDate, CreatedDate, IsClosed,
 * IsWon, LeadSource, OwnerId, Type`), `YYYY-MM-DD HH:MM:SS` datetimes, `0`/`1` booleans (or
 * `TRUE`/`FALSE` and `MM/DD/YY` dates once resaved by Excel), `000000000000000AAA` for empty
 * lookups. `IsWon` / `IsClosed` decide the outcome.
 */
export function detectSalesforceExport(sample: FileSample): Detection<DealsMapping> | null {
	const { columns } = sample;
	const api = (...names: string[]) => findLoose(columns, names);
	const stage = api('StageName');
	const created = api('CreatedDate');
	// OpportunityHistory and field history carry an OpportunityId: they are histories. Without a
	// created date, the load takes each deal's first history event (METRICS.md §1).
	if (!stage || api('OpportunityId')) return null;
	const known = ['Id', 'StageName', 'CloseDate', 'CreatedDate', 'Amount', 'IsWon', 'IsClosed'];
	const score = coverage(columns, known);
	if (score < 0.7) return null;
	const won = api('IsWon');
	const closed = api('IsClosed');
	return {
		confidence: Math.min(0.97, 0.6 + score * 0.37),
		mapping: salesforceDeals(
			defined({
				id: api('Id'),
				owner: unlessNullIds(sample, api('Owner.Name', 'OwnerName', 'OwnerId')),
				source: api('LeadSource'),
				pipeline: unlessNullIds(sample, api('RecordType.Name', 'RecordTypeName')),
				segment: api('Type'),
				amount: api('Amount'),
				probability: api('Probability'),
				created,
				closed: api('CloseDate'),
				expected_close: api('CloseDate'),
				lost_reason: api('Loss_Reason__c'),
				stage,
				currency: api('CurrencyIsoCode')
			}),
			won || closed ? { flags: defined({ won, closed }) } : {}
		)
	};
}

/** The deal columns a history report repeats on every row, when it has enough of them. */
function dealsPerRow(columns: readonly string[]): DealsMapping | undefined {
	const deal = reportColumns(columns);
	const id = findLoose(columns, ['Opportunity ID']);
	if (!id || !deal.stage || !deal.created) return undefined;
	return salesforceDeals({ ...deal, id });
}

/**
 * A Salesforce Opportunity History report: one row per change, `From Stage` → `To Stage` at
 * `Last Modified`; rows where only the amount changed have From = To and are skipped. Its
 * `Stage`, `Amount`, `Created Date`, `Close Date` columns describe the deal now, so without a
 * deals file the last row of each opportunity stands in for it.
 */
export function detectSalesforceHistory(sample: FileSample): Detection<HistoryMapping> | null {
	const { columns } = sample;
	const score = coverage(columns, HISTORY);
	if (score < 0.75) return null;
	const deals = dealsPerRow(columns);
	return {
		confidence: score,
		mapping: {
			role: 'history',
			crm: 'salesforce',
			columns: defined({
				id: findLoose(columns, ['Opportunity ID', 'Opportunity Id']),
				from: findLoose(columns, ['From Stage']),
				stage: findLoose(columns, ['To Stage']),
				at: findLoose(columns, ['Last Modified', 'Last Modified Date', 'Edit Date'])
			}),
			dateOrder: 'mdy',
			...(deals ? { dealsPerRow: deals } : {})
		}
	};
}

/**
 * The OpportunityHistory object (Data Export): `OpportunityId, StageName, CreatedDate, Amount,
 * CloseDate, …`, one row per change of stage, amount, probability or close date, each holding
 * the stage at that time. A row repeating the opportunity's previous stage is not a stage event;
 * `FromOpportunityStageName`, when present, says so directly.
 */
export function detectSalesforceHistoryObject(
	sample: FileSample
): Detection<HistoryMapping> | null {
	const { columns } = sample;
	const id = findLoose(columns, ['OpportunityId']);
	const stage = findLoose(columns, ['StageName']);
	const at = findLoose(columns, ['CreatedDate']);
	if (!id || !stage || !at || findLoose(columns, ['Field'])) return null;
	return {
		confidence: 0.9,
		mapping: {
			role: 'history',
			crm: 'salesforce',
			columns: defined({ id, stage, at, from: findLoose(columns, ['FromOpportunityStageName']) }),
			skipRepeats: true,
			dateOrder: 'mdy'
		}
	};
}

/**
 * Opportunity field history, as the "Opportunity Field History" report (`Field / Event`, `Old
 * Value`, `New Value`, `Edit Date`) or the OpportunityFieldHistory object (`Field`, `OldValue`,
 * `NewValue`, `CreatedDate`): rows of the stage field are stage changes. A `Created.` row
 * (object: `created`) is when the opportunity was created: it entered its first stage then,
 * the old value of its first stage change (or its current `Stage` when it never changed). In the
 * synthetic sample every opportunity has one `Created.` row dated its `Created Date`, and the
 * first stage change always starts from the first stage (Prospecting).
 */
export function detectSalesforceFieldHistory(sample: FileSample): Detection<HistoryMapping> | null {
	const { columns } = sample;
	const report = findLoose(columns, ['Field / Event']);
	const field = report ?? findLoose(columns, ['Field']);
	const id = findLoose(columns, ['Opportunity ID', 'OpportunityId']);
	const stage = findLoose(columns, ['New Value', 'NewValue']);
	const from = findLoose(columns, ['Old Value', 'OldValue']);
	const at = findLoose(columns, ['Edit Date', 'CreatedDate', 'Created Date']);
	if (!field || !id || !stage || !from || !at) return null;
	const current = report ? findLoose(columns, ['Stage']) : undefined;
	const deals = report ? dealsPerRow(columns) : undefined;
	return {
		confidence: 0.92,
		mapping: {
			role: 'history',
			crm: 'salesforce',
			columns: { id, stage, from, at },
			field: {
				column: field,
				values: ['Stage', 'StageName', 'Opportunity Stage'],
				created: {
					values: ['Created.', 'created', 'Opportunity Created.'],
					...(current ? { current } : {})
				}
			},
			dateOrder: 'mdy',
			...(deals ? { dealsPerRow: deals } : {})
		}
	};
}

/**
 * Campaigns as spend: a Campaign object export (`Type`, `ActualCost`, `StartDate`) or a campaign
 * report (`Campaign Type`, `Actual Cost in Campaign`, `Start Date`). Each campaign's actual cost
 * counts on its start date, under its type as the channel.
 */
export function detectSalesforceCampaigns(sample: FileSample): Detection<SpendMapping> | null {
	const { columns } = sample;
	const amount = findLoose(columns, ['ActualCost', 'Actual Cost in Campaign', 'Actual Cost']);
	const date = findLoose(columns, ['StartDate', 'Start Date']);
	const channel = findLoose(columns, ['Type', 'Campaign Type']);
	if (!amount || !date || !channel) return null;
	return {
		confidence: 0.7,
		mapping: {
			role: 'spend',
			crm: 'salesforce',
			columns: { date, channel, amount },
			dateOrder: 'mdy'
		}
	};
}
