import { SALESFORCE_STAGES } from '../../src/lib/crm/salesforce';
import { generatorClock, SPAN } from './simulate.mjs';

// Salesforce's default opportunity stages (the list the detector knows) and the probability each
// one sets.
export const STAGES = SALESFORCE_STAGES;
const PROBABILITY = [10, 10, 20, 50, 60, 70, 75, 90];
const OWNERS = ['Alice Moreau', 'Bob Ito', 'Carla Díaz', 'Dmitri Volkov', 'Eve Okafor'];
const SOURCES = ['Web', 'Partner', 'Trade Show', 'Phone Inquiry', 'Purchased List', ''];
const TYPES = ['New Customer', 'Existing Customer - Upgrade', 'Existing Customer - Replacement'];
// A lost opportunity mostly goes to `Closed Lost`; some orgs add their own closed-lost stage.
const CUSTOM_LOST = 'Closed Lost - No Budget';
const NULL_ID = '000000000000000AAA';

/** The columns of an Opportunities report export. */
export const REPORT_HEADER = [
	'Opportunity Name',
	'Account Name',
	'Opportunity Owner',
	'Stage',
	'Amount',
	'Probability (%)',
	'Close Date',
	'Created Date',
	'Lead Source',
	'Opportunity ID'
];
/** The columns of an Opportunity History report export. */
export const HISTORY_HEADER = [
	'Opportunity ID',
	'Opportunity Name',
	'From Stage',
	'To Stage',
	'Stage Duration',
	'Last Modified',
	'Amount',
	'Close Date',
	'Stage',
	'Created Date'
];
/** The columns of an Opportunity Field History report export. */
export const FIELD_HISTORY_HEADER = [
	'Opportunity ID',
	'Opportunity Name',
	'Stage',
	'Amount',
	'Created Date',
	'Close Date',
	'Field / Event',
	'Old Value',
	'New Value',
	'Edit Date'
];
const DAY = 86_400_000;

/** @param {number} ms  `M/D/YYYY`, as a US-locale report writes a date. */
function usDate(ms) {
	const d = new Date(ms);
	return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}`;
}

/** @param {number} ms */
function isoDay(ms) {
	return new Date(ms).toISOString().slice(0, 10);
}

/** @param {number} ms  `YYYY-MM-DD HH:MM:SS`, as a Data Export writes a datetime (UTC). */
function apiTime(ms) {
	return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * A row of the Opportunity Field History report: the deal's current fields, then the change.
 * @param {string} id @param {string} name @param {string} stage @param {number} amount
 * @param {number} created @param {number} closeAt @param {string} field @param {string} from
 * @param {string} to @param {number} when
 */
function fieldRow(id, name, stage, amount, created, closeAt, field, from, to, when) {
	return [
		id,
		name,
		stage,
		amount.toFixed(2),
		usDate(created),
		usDate(closeAt),
		field,
		from,
		to,
		usDate(when)
	]
		.map(quote)
		.join(',');
}

/** @param {string | number} value */
function quote(value) {
	return `"${String(value).replaceAll('"', '""')}"`;
}

/** An 18-character Salesforce-looking id. @param {string} prefix @param {number} n */
function sfId(prefix, n) {
	return `${prefix}Hp0000${n.toString(36).toUpperCase().padStart(6, '0')}IAC`;
}

/**
 * One seeded set of Salesforce opportunities written in the shapes Salesforce exports them:
 * - `report` + `history`: an opportunity report and an Opportunity History report (labels,
 *   `M/D/YYYY` dates, footer lines; amount-only history rows with From Stage = To Stage);
 * - `fieldHistory`: the Opportunity Field History report of the same deals (`Created.`, `Stage`
 *   and `Amount` rows, the deal's current fields on each);
 * - `opportunity` + `opportunityHistory`: a Data Export of the Opportunity and OpportunityHistory
 *   objects (API names, `YYYY-MM-DD HH:MM:SS`, `0`/`1`, null ids; a history row per change of
 *   stage or amount, each holding the stage at that time, `FromOpportunityStageName` only when
 *   `fromColumn`).
 * `truth.report` and `truth.export` are the canonical records each pair was written from (the
 * report pair knows dates only, the export pair times too).
 * @param {import('./simulate.mjs').GeneratorOptions & { fromColumn?: boolean }} [options]
 */
export function generateSalesforce({ deals = 500, seed = 5, fromColumn = false, ...span } = {}) {
	const { rnd, t0, t1, now } = generatorClock(seed, { ...SPAN, ...span });
	const ownerIds = OWNERS.map((_, i) => sfId('005', 900 + i));

	const reportRows = [];
	/** @type {string[]} */
	const fieldRows = [];
	const historyRows = [];
	const oppRows = [];
	const oppHistoryRows = [];
	/** @type {{ report: import('./ground-truth.mjs').Deal[], export: import('./ground-truth.mjs').Deal[] }} */
	const truthDeals = { report: [], export: [] };
	/** @type {{ report: import('./ground-truth.mjs').StageEvent[], export: import('./ground-truth.mjs').StageEvent[] }} */
	const truthEvents = { report: [], export: [] };
	let historyId = 0;

	for (let i = 0; i < deals; i++) {
		const created = t0 + Math.floor(rnd.next() * (t1 - t0));
		const ownerIndex = rnd.int(0, OWNERS.length - 1);
		const source = rnd.pick(SOURCES);
		const type = rnd.pick(TYPES);
		const firstAmount = Math.round(rnd.lognormal(40000, 0.7) * 100) / 100;
		// Stage path: [stage label, time, amount then]; an amount-only change has no label.
		/** @type {[string | null, number, number][]} */
		const path = [];
		let stage = rnd.next() < 0.85 ? 0 : 1;
		let at = created;
		let amount = firstAmount;
		path.push([STAGES[stage], at, amount]);
		let outcome = 'open';
		for (;;) {
			at += Math.max(1, Math.round(rnd.exp(6 + stage * 2))) * DAY + rnd.int(0, 8 * 3600) * 1000;
			if (at > now) break;
			const r = rnd.next();
			if (r < 0.12) {
				amount = Math.round(amount * (0.8 + rnd.next() * 0.4) * 100) / 100;
				path.push([null, at, amount]);
				continue;
			}
			if (r < 0.62) {
				const step = rnd.next() < 0.1 ? 2 : 1;
				if (stage + step >= STAGES.length) {
					outcome = 'won';
					path.push(['Closed Won', at, amount]);
					break;
				}
				stage += step;
				path.push([STAGES[stage], at, amount]);
			} else if (r < 0.82) {
				outcome = 'lost';
				path.push([rnd.next() < 0.2 ? CUSTOM_LOST : 'Closed Lost', at, amount]);
				break;
			}
		}
		const stageLabel = /** @type {string} */ (path.filter(([s]) => s !== null).at(-1)?.[0]);
		const closeAt = outcome === 'open' ? now + rnd.int(10, 120) * DAY : at;
		const probability = outcome === 'won' ? 100 : outcome === 'lost' ? 0 : PROBABILITY[stage];
		const name = `Opp ${String(i).padStart(5, '0')}`;
		const reportId = `0066A00${String(800000 + i)}`;
		const exportId = sfId('006', i);
		const ownerName = OWNERS[ownerIndex];

		// The report pair: dates only.
		reportRows.push(
			[
				name,
				`Account ${i % 97}`,
				ownerName,
				stageLabel,
				amount.toFixed(2),
				probability,
				usDate(closeAt),
				usDate(created),
				source,
				reportId
			]
				.map(quote)
				.join(',')
		);
		const base = {
			pipeline: '(none)',
			amount,
			probability,
			created: isoDay(created),
			closed: outcome === 'open' ? null : isoDay(closeAt),
			outcome: /** @type {'won' | 'lost' | 'open'} */ (outcome),
			stage: stageLabel
		};
		truthDeals.report.push({
			...base,
			id: reportId,
			owner: ownerName,
			source: source || '(none)',
			segment: '(none)'
		});
		truthDeals.export.push({
			...base,
			id: exportId,
			owner: ownerIds[ownerIndex],
			source: source || '(none)',
			segment: type
		});

		/**
		 * A Field History row of this opportunity.
		 * @param {string} field @param {string} before @param {string} after @param {number} when
		 */
		const fieldChange = (field, before, after, when) =>
			fieldRows.push(
				fieldRow(reportId, name, stageLabel, amount, created, closeAt, field, before, after, when)
			);
		fieldChange('Created.', '', '', created);
		let current = /** @type {string | null} */ (null);
		let amountBefore = firstAmount;
		for (const [label, when, amountThen] of path) {
			if (current !== null && label !== null) {
				fieldChange('Stage', current, label, when);
			} else if (label === null) {
				fieldChange('Amount', amountBefore.toFixed(2), amountThen.toFixed(2), when);
				amountBefore = amountThen;
			}
			const to = label ?? current ?? '';
			historyRows.push(
				[
					reportId,
					name,
					current ?? '',
					to,
					'',
					usDate(when),
					amountThen.toFixed(2),
					usDate(closeAt),
					stageLabel,
					usDate(created)
				]
					.map(quote)
					.join(',')
			);
			oppHistoryRows.push(
				[
					sfId('008', historyId++),
					exportId,
					ownerIds[ownerIndex],
					apiTime(when),
					to,
					amountThen.toFixed(2),
					`${isoDay(closeAt)} 00:00:00`,
					probability,
					...(fromColumn ? [current ?? ''] : []),
					'0'
				]
					.map(quote)
					.join(',')
			);
			if (label !== null) {
				truthEvents.report.push({ id: reportId, stage: label, at: `${isoDay(when)}T00:00:00` });
				truthEvents.export.push({
					id: exportId,
					stage: label,
					at: apiTime(when).replace(' ', 'T')
				});
				current = label;
			}
		}
		oppRows.push(
			[
				exportId,
				'0',
				sfId('001', i % 97),
				name,
				stageLabel,
				amount.toFixed(2),
				probability,
				`${isoDay(closeAt)} 00:00:00`,
				type,
				source,
				outcome === 'open' ? '0' : '1',
				outcome === 'won' ? '1' : '0',
				ownerIds[ownerIndex],
				apiTime(created),
				NULL_ID
			]
				.map(quote)
				.join(',')
		);
	}
	const footer = (/** @type {number} */ n) => [
		'',
		`"Grand Totals (${n} records)"`,
		'',
		'"Confidential Information - Do Not Distribute"',
		'"Copyright (c) 2000-2025 salesforce.com, inc. All rights reserved."'
	];
	const csv = (/** @type {string[]} */ header, /** @type {string[]} */ rows, withFooter = false) =>
		[header.map(quote).join(','), ...rows, ...(withFooter ? footer(rows.length) : [])].join('\n') +
		'\n';
	const stages = { stages: STAGES, won: ['Closed Won'], lost: ['Closed Lost', CUSTOM_LOST] };
	return {
		report: csv(REPORT_HEADER, reportRows, true),
		history: csv(HISTORY_HEADER, historyRows, true),
		fieldHistory: csv(FIELD_HISTORY_HEADER, fieldRows, true),
		opportunity: csv(
			[
				'Id',
				'IsDeleted',
				'AccountId',
				'Name',
				'StageName',
				'Amount',
				'Probability',
				'CloseDate',
				'Type',
				'LeadSource',
				'IsClosed',
				'IsWon',
				'OwnerId',
				'CreatedDate',
				'CampaignId'
			],
			oppRows
		),
		opportunityHistory: csv(
			[
				'Id',
				'OpportunityId',
				'CreatedById',
				'CreatedDate',
				'StageName',
				'Amount',
				'CloseDate',
				'Probability',
				...(fromColumn ? ['FromOpportunityStageName'] : []),
				'IsDeleted'
			],
			oppHistoryRows
		),
		truth: {
			report: { deals: truthDeals.report, events: truthEvents.report, stages },
			export: { deals: truthDeals.export, events: truthEvents.export, stages }
		}
	};
}
