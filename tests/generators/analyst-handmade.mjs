// An analyst's own pipeline tables (issue #17): a snake_case deals table with `NA` for missing
// values, the deal size beside the company's revenue, a review date beside the close date and an
// outcome column; a stage log with an order column and days in stage; a monthly spend sheet.
// Hand-written rows, so a test can work its expected figures out from them.

export const STAGES = ['Lead', 'Qualified', 'Proposal', 'Negotiation'];

/**
 * The deals: id, owner, source, stage now, deal size, company revenue, created, closed (NA while
 * open), reviewed, outcome (won / lost / open).
 * @type {{ id: string; owner: string; source: string; stage: string; size: number; revenue: number; created: string; closed: string; reviewed: string; outcome: string }[]}
 */
export const DEALS = [
	{
		id: 'D01',
		owner: 'Ann',
		source: 'Ads',
		stage: 'Won',
		size: 1200,
		revenue: 510000,
		created: '2024-01-03',
		closed: '2024-02-10',
		reviewed: '2024-01-20',
		outcome: 'won'
	},
	{
		id: 'D02',
		owner: 'Ann',
		source: 'Ads',
		stage: 'Lost',
		size: 800,
		revenue: 220000,
		created: '2024-01-05',
		closed: '2024-02-01',
		reviewed: '2024-01-22',
		outcome: 'lost'
	},
	{
		id: 'D03',
		owner: 'Bob',
		source: 'Referral',
		stage: 'Proposal',
		size: 1500,
		revenue: 930000,
		created: '2024-01-09',
		closed: 'NA',
		reviewed: '2024-01-25',
		outcome: 'open'
	},
	{
		id: 'D04',
		owner: 'Bob',
		source: 'Events',
		stage: 'Qualified',
		size: 600,
		revenue: 150000,
		created: '2024-01-12',
		closed: 'NA',
		reviewed: '2024-01-28',
		outcome: 'open'
	},
	{
		id: 'D05',
		owner: 'Cleo',
		source: 'Ads',
		stage: 'Won',
		size: 2000,
		revenue: 740000,
		created: '2024-01-15',
		closed: '2024-03-01',
		reviewed: '2024-02-02',
		outcome: 'won'
	},
	{
		id: 'D06',
		owner: 'Cleo',
		source: 'Referral',
		stage: 'Negotiation',
		size: 900,
		revenue: 380000,
		created: '2024-01-18',
		closed: 'NA',
		reviewed: '2024-02-05',
		outcome: 'open'
	},
	{
		id: 'D07',
		owner: 'Ann',
		source: 'Events',
		stage: 'Lost',
		size: 450,
		revenue: 90000,
		created: '2024-01-22',
		closed: '2024-02-20',
		reviewed: '2024-02-07',
		outcome: 'lost'
	},
	{
		id: 'D08',
		owner: 'Bob',
		source: 'Ads',
		stage: 'Lead',
		size: 300,
		revenue: 61000,
		created: '2024-01-26',
		closed: 'NA',
		reviewed: '2024-02-09',
		outcome: 'open'
	}
];

/** The stages each deal went through (the last is where it is now), in order. */
const PATHS = {
	D01: ['Lead', 'Qualified', 'Proposal', 'Negotiation', 'Won'],
	D02: ['Lead', 'Qualified', 'Lost'],
	D03: ['Lead', 'Qualified', 'Proposal'],
	D04: ['Lead', 'Qualified'],
	D05: ['Lead', 'Qualified', 'Proposal', 'Won'],
	D06: ['Lead', 'Qualified', 'Proposal', 'Negotiation'],
	D07: ['Lead', 'Lost'],
	D08: ['Lead']
};

/** Monthly spend per channel. */
export const SPEND = [
	{ month: '2024-01', channel: 'Ads', spend: 1500 },
	{ month: '2024-01', channel: 'Events', spend: 700 },
	{ month: '2024-02', channel: 'Ads', spend: 1300 },
	{ month: '2024-02', channel: 'Events', spend: 500 }
];

const DAY = 86_400_000;
const addDays = (/** @type {string} */ date, /** @type {number} */ days) =>
	new Date(Date.parse(date) + days * DAY).toISOString().slice(0, 10);

/** The three CSV files as an analyst writes them. */
export function generateAnalyst() {
	const deals = [
		'deal_id,company,owner,lead_source,deal_stage,deal_size_usd,revenue_usd,created_date,close_date,date_reviewed,deal_outcome',
		...DEALS.map((d, i) =>
			[
				d.id,
				`Company ${i + 1}`,
				d.owner,
				d.source,
				d.stage,
				d.size,
				d.revenue,
				d.created,
				d.closed,
				d.reviewed,
				d.outcome
			].join(',')
		)
	].join('\n');
	const history = ['deal_id,stage,stage_date,stage_order,days_in_stage'];
	for (const d of DEALS) {
		const path = PATHS[/** @type {keyof typeof PATHS} */ (d.id)];
		path.forEach((stage, i) => {
			// A step every 5 days from the created date; a closed deal's last step on its close date.
			const last = i === path.length - 1;
			const at = last && d.closed !== 'NA' ? d.closed : addDays(d.created, i * 5);
			const order = STAGES.indexOf(stage) + 1 || 'NA';
			history.push([d.id, stage, at, order, last ? 'NA' : 5].join(','));
		});
	}
	const spend = [
		'month,channel,spend_usd',
		...SPEND.map((s) => [s.month, s.channel, s.spend].join(','))
	].join('\n');
	return { deals, history: history.join('\n'), spend };
}
