/** HubSpot's internal names of its default pipeline's open stages, in order. */
export const HUBSPOT_STAGE_IDS = [
	'appointmentscheduled',
	'qualifiedtobuy',
	'presentationscheduled',
	'decisionmakerboughtin',
	'contractsent'
];

/**
 * A HubSpot deals extract from a data warehouse: internal property names (`hs_object_id`,
 * `createdate`, `closedate`, `is_closed`, `is_closed_won` as true/false) and a
 * `date_entered_<stage id>` column per stage of the default pipeline, won and lost included; no
 * column holds the stage. Each entry of `deals` is `[outcome, entered]`: the deal entered the
 * first `entered` open stages, one every two days from its creation, and a closed one then
 * entered `closedwon` or `closedlost` two days after its last open stage, its close date. Deal i
 * (from 1, at most 28) is created on 2024-02-i at 00:00 with an amount of 1000 × i.
 * @param {[('open' | 'won' | 'lost'), number][]} deals
 * @returns {string}
 */
export function generateHubspotWarehouse(deals) {
	const stages = [...HUBSPOT_STAGE_IDS, 'closedwon', 'closedlost'];
	const header = [
		'hs_object_id',
		'dealname',
		'amount',
		'pipeline',
		'createdate',
		'closedate',
		'is_closed',
		'is_closed_won',
		...stages.map((s) => `date_entered_${s}`)
	];
	const at = (/** @type {number} */ i, /** @type {number} */ days) =>
		new Date(Date.UTC(2024, 1, i, 0, 0, 0) + days * 86_400_000).toISOString();
	const lines = [header.join(',')];
	deals.forEach(([outcome, entered], k) => {
		const i = k + 1;
		const closedAt = outcome === 'open' ? '' : at(i, 2 * entered);
		const dates = stages.map((s, j) => {
			if (j < HUBSPOT_STAGE_IDS.length) return j < entered ? at(i, 2 * j) : '';
			return s === `closed${outcome}` ? closedAt : '';
		});
		lines.push(
			[
				String(100000000000 + i),
				`Deal ${i}`,
				String(1000 * i),
				'default',
				at(i, 0),
				closedAt,
				String(outcome !== 'open'),
				String(outcome === 'won'),
				...dates
			].join(',')
		);
	});
	return `${lines.join('\n')}\n`;
}
