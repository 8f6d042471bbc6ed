import {
	csvField,
	isoDate,
	isoStamp,
	monthlySpend,
	simulateDeal,
	DAY,
	generatorClock,
	SPAN
} from './simulate.mjs';

// Pipedrive's default pipeline; stage ids as a new account numbers them.
export const STAGES = [
	'Qualified',
	'Contact Made',
	'Demo Scheduled',
	'Proposal Made',
	'Negotiations Started'
];
const OWNERS = ['Maria Kask', 'Jaan Tamm', 'Liis Mets', 'Tom Becker', 'Ana Souza'];
const OWNER_IDS = [11, 12, 13, 14, 15];
const SOURCES = ['Paid search', 'Organic search', 'Referral', 'Events', 'Cold outreach'];
const ORGS = ['Acme, Inc.', 'Globex', 'Initech', 'Umbrella "UK"', 'Hooli', 'Vehement Capital'];
const ADVANCE = [0.72, 0.7, 0.74, 0.66, 0.7];

const HEADER = [
	'Deal - ID',
	'Deal - Title',
	'Deal - Value',
	'Deal - Currency',
	'Deal - Status',
	'Deal - Stage',
	'Deal - Pipeline',
	'Deal - Owner',
	'Deal - Deal created',
	'Deal - Won time',
	'Deal - Lost time',
	'Deal - Expected close date',
	'Deal - Probability',
	'Deal - Lead source',
	'Deal - Lost reason',
	'Organization - Name'
];

/** @param {(string | number)[]} row */
const line = (row) => row.map((v) => csvField(v)).join(',');

/**
 * A Pipedrive deals export (`Deal - ` headers, status apart from stage, won/lost times), the
 * deal change log beside it (`deal_id,change_time,changed_field_key,new_value`: add_time, user_id,
 * value, stage_id and status rows), the stage list (`stage_id,stage_name`) and monthly spend.
 * `truth` is what the deals file and the log say; `truthLogOnly` what the log alone says (no
 * source, pipeline or probability: the log does not carry them).
 * @param {import('./simulate.mjs').GeneratorOptions} [options]
 */
export function generatePipedrive({ deals = 600, seed = 3, ...span } = {}) {
	const { rnd, t0, t1, now } = generatorClock(seed, { ...SPAN, ...span });
	const lines = [line(HEADER)];
	const changes = ['deal_id,change_time,changed_field_key,new_value'];
	/** @type {import('./ground-truth.mjs').Deal[]} */
	const truthDeals = [];
	/** @type {import('./ground-truth.mjs').Deal[]} */
	const logDeals = [];
	/** @type {import('./ground-truth.mjs').StageEvent[]} */
	const events = [];
	for (let i = 0; i < deals; i++) {
		const d = simulateDeal(rnd, { t0, t1, now, advance: ADVANCE });
		const id = String(1001 + i);
		const o = rnd.int(0, OWNERS.length - 1);
		const source = rnd.pick(SOURCES);
		const amount = Math.round(rnd.lognormal(8000, 0.9) * 100) / 100;
		const probability = d.outcome === 'open' && rnd.next() < 0.7 ? rnd.int(1, 9) * 10 : null;
		const expected = d.outcome === 'open' ? now + rnd.int(5, 120) * DAY : d.created + 30 * DAY;
		const stage = STAGES[d.stage];
		lines.push(
			line([
				id,
				`${rnd.pick(ORGS)} deal`,
				amount.toFixed(2),
				'EUR',
				d.outcome,
				stage,
				'Pipeline',
				OWNERS[o],
				isoStamp(d.created),
				d.outcome === 'won' && d.closedAt ? isoStamp(d.closedAt) : '',
				d.outcome === 'lost' && d.closedAt ? isoStamp(d.closedAt) : '',
				isoDate(expected),
				probability ?? '',
				source,
				d.outcome === 'lost' ? rnd.pick(['Price', 'No budget', 'Went silent']) : '',
				rnd.pick(ORGS)
			])
		);
		// The log: created, owner (sometimes handed over), value, every stage entered, the status.
		const log = [
			[d.created, 'add_time', isoStamp(d.created).replace(' ', 'T')],
			[d.created + 1000, 'user_id', OWNER_IDS[(o + 1) % OWNER_IDS.length]],
			[d.created + 2000, 'value', amount.toFixed(2)],
			...d.path.map((s) => [s.at + 3000, 'stage_id', s.stage + 1])
		];
		// Hand-over to the final owner on the second day.
		log.push([d.created + DAY, 'user_id', OWNER_IDS[o]]);
		if (d.closedAt) log.push([d.closedAt, 'status', d.outcome]);
		log.sort((a, b) => Number(a[0]) - Number(b[0]));
		for (const [at, field, value] of log) {
			changes.push(`${id},${isoStamp(Number(at))},${field},${value}`);
		}
		const closed = d.closedAt ? isoDate(d.closedAt) : null;
		const base = {
			id,
			amount,
			created: isoDate(d.created),
			closed,
			outcome: d.outcome,
			stage
		};
		truthDeals.push({
			...base,
			owner: OWNERS[o],
			source,
			pipeline: 'Pipeline',
			probability
		});
		logDeals.push({ ...base, owner: String(OWNER_IDS[o]), probability: null });
		for (const s of d.path) {
			events.push({
				id,
				stage: STAGES[s.stage],
				at: isoStamp(s.at + 3000).replace(' ', 'T')
			});
		}
	}
	const spendRows = monthlySpend(rnd, t0, t1, SOURCES.slice(0, 4));
	const stages = { stages: STAGES, won: [], lost: [] };
	const spendTruth = spendRows.map((r) => ({
		date: `${r.month}-01`,
		channel: r.channel,
		amount: r.amount
	}));
	return {
		deals: lines.join('\n') + '\n',
		changes: changes.join('\n') + '\n',
		stages: ['stage_id,stage_name', ...STAGES.map((s, i) => `${i + 1},${s}`)].join('\n') + '\n',
		spend:
			['Month,Channel,Spend', ...spendRows.map((r) => `${r.month},${r.channel},${r.amount}`)].join(
				'\n'
			) + '\n',
		truth: { deals: truthDeals, events, spend: spendTruth, stages },
		truthLogOnly: { deals: logDeals, events, spend: spendTruth, stages }
	};
}

/**
 * A change log alone, shaped like the Enpal sample: `add_time`, `user_id`, `stage_id` and a
 * `lost_reason` row for every deal (no status, no value), stage ids looked up in `stages`. One
 * deal id is created twice (two `add_time` rows), as in the sample. Every deal is open; its stage
 * is the last one entered.
 * @param {import('./simulate.mjs').GeneratorOptions} [options]
 */
export function generatePipedriveLog({ deals = 400, seed = 5, ...span } = {}) {
	const { rnd, t0, t1, now } = generatorClock(seed, {
		...SPAN,
		end: '2025-02-28',
		today: '2025-03-12',
		...span
	});
	const names = ['Lead Generation', 'Qualified lead', 'Needs Assessment', 'Proposal', 'Closing'];
	const rows = ['deal_id,change_time,changed_field_key,new_value'];
	/** @type {import('./ground-truth.mjs').Deal[]} */
	const truthDeals = [];
	/** @type {import('./ground-truth.mjs').StageEvent[]} */
	const events = [];
	for (let i = 0; i < deals; i++) {
		const id = String(500_000 + i * 37);
		const d = simulateDeal(rnd, { t0, t1, now, advance: [0.8, 0.75, 0.7, 0.7, 0.9], back: 0.06 });
		/** @type {[number, string, string | number][]} */
		const log = [[d.created, 'add_time', isoStamp(d.created).replace(' ', 'T')]];
		const owner = rnd.int(1, 40);
		log.push([d.created + 3 * DAY, 'user_id', owner]);
		for (const s of d.path) log.push([s.at + DAY, 'stage_id', s.stage + 1]);
		const last = d.path.at(-1)?.at ?? d.created;
		log.push([last + 2 * DAY, 'lost_reason', rnd.int(1, 5)]);
		if (i === 7) {
			// The same id created again later (a merged or re-imported deal): created at the earliest.
			log.push([
				d.created + 40 * DAY,
				'add_time',
				isoStamp(d.created + 40 * DAY).replace(' ', 'T')
			]);
		}
		log.sort((a, b) => a[0] - b[0]);
		for (const [at, field, value] of log) rows.push(`${id},${isoStamp(at)},${field},${value}`);
		const lastStage = [...log].reverse().find((r) => r[1] === 'stage_id');
		truthDeals.push({
			id,
			owner: String(owner),
			amount: null,
			probability: null,
			created: isoDate(d.created),
			closed: null,
			outcome: 'open',
			stage: names[Number(lastStage?.[2] ?? 1) - 1]
		});
		for (const s of d.path) {
			events.push({ id, stage: names[s.stage], at: isoStamp(s.at + DAY).replace(' ', 'T') });
		}
	}
	return {
		changes: rows.join('\n'),
		stages: ['stage_id,stage_name', ...names.map((s, i) => `${i + 1},${s}`)].join('\n'),
		truth: { deals: truthDeals, events, stages: { stages: names, won: [], lost: [] } }
	};
}
