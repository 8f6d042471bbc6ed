import { ZOHO_STAGES } from '../../src/lib/crm/zoho';
import { DAY, simulateDeal, generatorClock, quoted, SPAN } from './simulate.mjs';

// Zoho CRM's standard deal stages (the list the detector knows) and the probability each one sets.
export const STAGES = ZOHO_STAGES;
const PROBABILITY = [10, 20, 40, 60, 75, 90];
const LOST = ['Closed Lost', 'Closed-Lost to Competition'];
const OWNERS = ['Priya Nair', 'Tom Becker', 'Lucía Romero', 'Kenji Sato'];
const SOURCES = ['Advertisement', 'Cold Call', 'Employee Referral', 'Web Download', 'Partner', ''];
const TYPES = ['New Business', 'Existing Business'];

/**
 * A date as a Zoho user's settings write it.
 * @param {number} ms @param {'dd/MM/yyyy' | 'MM/dd/yyyy'} format @param {boolean} time
 */
function zohoDate(ms, format, time) {
	const d = new Date(ms);
	const dd = String(d.getUTCDate()).padStart(2, '0');
	const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
	const date =
		format === 'dd/MM/yyyy'
			? `${dd}/${mm}/${d.getUTCFullYear()}`
			: `${mm}/${dd}/${d.getUTCFullYear()}`;
	return time ? `${date} ${d.toISOString().slice(11, 16)}` : date;
}

/** The columns of the export, every value quoted. */
const HEADER = [
	'Record Id',
	'Deal Owner',
	'Deal Owner.id',
	'Deal Name',
	'Amount',
	'Closing Date',
	'Account Name',
	'Account Name.id',
	'Stage',
	'Type',
	'Probability (%)',
	'Expected Revenue',
	'Lead Source',
	'Created By',
	'Created By.id',
	'Created Time',
	'Modified Time',
	'Pipeline',
	'Currency'
];

/**
 * A Zoho CRM Deals export: `Record Id` (`zcrm_…`), lookups as a name column and an `.id` column
 * (`Deal Owner` + `Deal Owner.id`), `Closing Date` (expected on open deals), `Created Time`,
 * `Probability (%)`, dates in the user's format (`dateFormat`), every field quoted.
 * @param {import('./simulate.mjs').GeneratorOptions & { dateFormat?: 'dd/MM/yyyy' | 'MM/dd/yyyy' }} [options]
 */
export function generateZoho({ deals = 400, seed = 3, dateFormat = 'dd/MM/yyyy', ...span } = {}) {
	const { rnd, t0, t1, now } = generatorClock(seed, { ...SPAN, ...span });
	const lines = [HEADER.map(quoted).join(',')];
	/** @type {import('./ground-truth.mjs').Deal[]} */
	const truth = [];
	for (let i = 0; i < deals; i++) {
		const owner = rnd.int(0, OWNERS.length - 1);
		const source = rnd.pick(SOURCES);
		const type = rnd.pick(TYPES);
		const amount = Math.round(rnd.lognormal(25000, 0.8) * 100) / 100;
		// Zoho shows the current stage only, so the walk has no skips or moves back.
		const deal = simulateDeal(rnd, {
			t0,
			t1,
			now,
			advance: STAGES.map(() => 0.65),
			skip: 0,
			back: 0
		});
		const { created, stage, outcome } = deal;
		const at = deal.closedAt ?? now;
		const label =
			outcome === 'won'
				? 'Closed Won'
				: outcome === 'lost'
					? rnd.next() < 0.3
						? LOST[1]
						: LOST[0]
					: STAGES[stage];
		const close = outcome === 'open' ? now + rnd.int(5, 100) * DAY : at;
		const probability = outcome === 'won' ? 100 : outcome === 'lost' ? 0 : PROBABILITY[stage];
		const id = `zcrm_5725767000000${String(491001 + i * 7)}`;
		const ownerId = `zcrm_57257670000000${String(32011 + owner)}`;
		const row = [
			id,
			OWNERS[owner],
			ownerId,
			`Deal ${i}`,
			amount.toFixed(2),
			zohoDate(close, dateFormat, false),
			`Account ${i % 61}`,
			`zcrm_5725767000000${String(610001 + (i % 61))}`,
			label,
			type,
			probability,
			((amount * probability) / 100).toFixed(2),
			source,
			OWNERS[owner],
			ownerId,
			zohoDate(created, dateFormat, true),
			zohoDate(Math.min(now, at), dateFormat, true),
			'Standard',
			'USD'
		];
		lines.push(row.map(quoted).join(','));
		truth.push({
			id,
			owner: OWNERS[owner],
			source: source || '(none)',
			pipeline: 'Standard',
			segment: type,
			amount,
			probability,
			created: new Date(created).toISOString().slice(0, 10),
			closed: outcome === 'open' ? null : new Date(close).toISOString().slice(0, 10),
			outcome: /** @type {'won' | 'lost' | 'open'} */ (outcome),
			stage: label
		});
	}
	return {
		deals: lines.join('\n') + '\n',
		truth: { deals: truth, stages: { stages: STAGES, won: ['Closed Won'], lost: LOST } }
	};
}
