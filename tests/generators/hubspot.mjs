import { seeded } from './random.mjs';

export const STAGES = [
	'Appointment Scheduled',
	'Qualified To Buy',
	'Presentation Scheduled',
	'Decision Maker Bought-In',
	'Contract Sent'
];
const OWNERS = [
	'Alice Moreau',
	'Bob Ito',
	'Carla Díaz',
	'Dmitri Volkov',
	"Eve O'Neil",
	'Farid Haddad'
];
const SOURCES = ['PAID_SEARCH', 'ORGANIC', 'REFERRAL', 'EVENTS', 'OUTBOUND'];
const PIPELINE = 'Sales Pipeline';
const DAY = 86_400_000;
// Chance to move on from each open stage, and the close probability HubSpot shows per stage.
const ADVANCE = [0.68, 0.7, 0.8, 0.62, 0.7];
const PROBABILITY = ['0.2', '0.4', '0.6', '0.8', '0.9'];

/** @param {number} ms */
function stamp(ms) {
	return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

/** @param {string | number} value */
function quote(value) {
	return `"${String(value).replaceAll('"', '""')}"`;
}

/**
 * A HubSpot "all deals" export with `Date entered '…'` columns, and a monthly spend file.
 * Deterministic for a seed; `today` is when the export was taken (later events do not exist yet).
 */
export function generateHubspot({
	deals = 1200,
	seed = 7,
	start = '2024-01-01',
	end = '2025-06-30',
	today = '2025-07-01'
} = {}) {
	const rnd = seeded(seed);
	const t0 = Date.parse(`${start}T00:00:00Z`);
	const t1 = Date.parse(`${end}T23:59:59Z`);
	const now = Date.parse(`${today}T00:00:00Z`);
	const header = [
		'Record ID',
		'Deal Name',
		'Deal Stage',
		'Pipeline',
		'Amount',
		'Close Date',
		'Create Date',
		'Deal owner',
		'Original Traffic Source',
		'Deal probability',
		...[...STAGES, 'Closed Won', 'Closed Lost'].map((s) => `Date entered '${s} (${PIPELINE})'`)
	];
	const lines = [header.map(quote).join(',')];
	/** @type {import('./ground-truth.mjs').Deal[]} */
	const truthDeals = [];
	/** @type {import('./ground-truth.mjs').StageEvent[]} */
	const truthEvents = [];
	/** @type {import('./ground-truth.mjs').SpendRow[]} */
	const truthSpend = [];
	const allStages = [...STAGES, 'Closed Won', 'Closed Lost'];
	for (let i = 0; i < deals; i++) {
		const created = t0 + Math.floor(rnd.next() * (t1 - t0));
		const owner = rnd.pick(OWNERS);
		const source = rnd.pick(SOURCES);
		const amount = Math.round(rnd.lognormal(11000, 0.8) * 100) / 100;
		const entered = new Array(STAGES.length + 2).fill('');
		let at = created;
		let stage = 0;
		/** @type {'open' | 'won' | 'lost'} */
		let outcome = 'open';
		entered[0] = stamp(at);
		for (;;) {
			at += Math.round(rnd.exp(stage === 0 ? 9 : 14 + stage * 4) * DAY);
			if (at > now) break;
			if (rnd.next() < ADVANCE[stage]) {
				if (stage === STAGES.length - 1) {
					outcome = 'won';
					entered[STAGES.length] = stamp(at);
					break;
				}
				stage += 1;
				entered[stage] = stamp(at);
			} else {
				outcome = 'lost';
				entered[STAGES.length + 1] = stamp(at);
				break;
			}
		}
		const stageLabel =
			outcome === 'won' ? 'Closed Won' : outcome === 'lost' ? 'Closed Lost' : STAGES[stage];
		// Open deals carry an expected close date in the future; closed ones the real one.
		const close = outcome === 'open' ? now + rnd.int(10, 90) * DAY : at;
		const row = [
			String(189_164_770_000 + i),
			`Deal ${String(i).padStart(5, '0')}`,
			stageLabel,
			PIPELINE,
			amount.toFixed(2),
			`${new Date(close).toISOString().slice(0, 10)} 00:00`,
			stamp(created),
			owner,
			source,
			outcome === 'open' ? PROBABILITY[stage] : '',
			...entered
		];
		lines.push(row.map(quote).join(','));
		const id = row[0];
		truthDeals.push({
			id,
			owner,
			source,
			pipeline: PIPELINE,
			amount,
			probability: outcome === 'open' ? Number(PROBABILITY[stage]) * 100 : null,
			created: stamp(created).slice(0, 10),
			closed: outcome === 'open' ? null : stamp(close).slice(0, 10),
			outcome,
			stage: stageLabel
		});
		entered.forEach((at, s) => {
			if (at) truthEvents.push({ id, stage: allStages[s], at: `${at.replace(' ', 'T')}:00` });
		});
	}
	const spend = ['Month,Channel,Spend'];
	for (let m = new Date(t0); m.getTime() <= t1; m.setUTCMonth(m.getUTCMonth() + 1)) {
		const month = m.toISOString().slice(0, 7);
		for (const channel of SOURCES.filter((s) => s !== 'ORGANIC')) {
			const value = (2000 + rnd.next() * 12000).toFixed(2);
			spend.push(`${month},${channel},${value}`);
			truthSpend.push({ date: `${month}-01`, channel, amount: Number(value) });
		}
	}
	return {
		deals: lines.join('\n') + '\n',
		spend: spend.join('\n') + '\n',
		truth: {
			deals: truthDeals,
			events: truthEvents,
			spend: truthSpend,
			stages: { stages: STAGES, won: ['Closed Won'], lost: ['Closed Lost'] }
		}
	};
}
