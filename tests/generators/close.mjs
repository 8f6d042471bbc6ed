import { generatorClock, quoted, SPAN } from './simulate.mjs';

// A Close pipeline with custom active statuses (Close has no stage probabilities: each
// opportunity's `confidence` is set by its owner, here near a typical value for its status).
export const STATUSES = ['Qualified', 'Demo Completed', 'Proposal Sent', 'Contract Sent'];
const CONFIDENCE = [20, 40, 60, 80];
const LOST = ['Lost', 'Lost - No Budget'];
const USERS = ['Ana Costa', 'Ben Walsh', 'Chen Wei'];
const DAY = 86_400_000;

/** @param {number} ms  Close's "original" date-time format: microseconds and a zone. */
function closeTime(ms) {
	return `${new Date(ms).toISOString().slice(0, 19)}.${String(ms % 1000).padStart(3, '0')}000+00:00`;
}

/** @param {number} ms */
function day(ms) {
	return new Date(ms).toISOString().slice(0, 10);
}

/** @param {number} cents  `$1,234` or `$1,234.50`, as Close formats a value. */
function formatted(cents) {
	const units = Math.floor(cents / 100);
	const rest = cents % 100;
	return `$${units.toLocaleString('en-US')}${rest ? `.${String(rest).padStart(2, '0')}` : ''}`;
}

/** The columns of the export, every value quoted. */
const HEADER = [
	'id',
	'lead_id',
	'lead_name',
	'status_id',
	'status_label',
	'status_type',
	'pipeline_id',
	'pipeline_name',
	'value',
	'value_period',
	'value_formatted',
	'value_currency',
	'expected_value',
	'confidence',
	'date_won',
	'date_lost',
	'note',
	'user_id',
	'user_name',
	'date_created',
	'date_updated'
];

/**
 * A Close opportunities export (the API's field names): `status_type` active/won/lost decides the
 * outcome, `status_label` is the status, `value` is in cents with `value_formatted` beside it,
 * `date_won` is the (expected, for active ones) close date and `date_lost` the date a lost one
 * was lost (its `date_won` may keep an old expected date), `date_created` in Close's original
 * format (`2024-05-06T13:45:12.123000+00:00`).
 * @param {import('./simulate.mjs').GeneratorOptions} [options]
 */
export function generateClose({ deals = 400, seed = 4, ...span } = {}) {
	const { rnd, t0, t1, now } = generatorClock(seed, { ...SPAN, ...span });
	const lines = [HEADER.map(quoted).join(',')];
	/** @type {import('./ground-truth.mjs').Deal[]} */
	const truth = [];
	for (let i = 0; i < deals; i++) {
		const created = t0 + Math.floor(rnd.next() * (t1 - t0));
		const user = rnd.int(0, USERS.length - 1);
		// Whole dollars mostly, cents sometimes.
		const cents =
			Math.round(rnd.lognormal(8000, 0.9)) * 100 + (rnd.next() < 0.2 ? rnd.int(1, 99) : 0);
		let status = 0;
		let at = created;
		let type = 'active';
		let label = STATUSES[0];
		for (;;) {
			at += Math.max(1, Math.round(rnd.exp(8 + status * 3))) * DAY + rnd.int(0, 36000) * 1000;
			if (at > now) break;
			const r = rnd.next();
			if (r < 0.6) {
				if (status === STATUSES.length - 1) {
					type = 'won';
					label = 'Won';
					break;
				}
				status += 1;
				label = STATUSES[status];
			} else {
				type = 'lost';
				label = rnd.next() < 0.3 ? LOST[1] : LOST[0];
				break;
			}
		}
		const expected = now + rnd.int(5, 90) * DAY;
		const confidence =
			type === 'won' ? 100 : type === 'lost' ? 0 : CONFIDENCE[status] + rnd.int(-5, 5);
		const dateWon =
			type === 'won'
				? day(at)
				: type === 'active'
					? day(expected)
					: rnd.next() < 0.5
						? day(created + 30 * DAY)
						: '';
		const id = `oppo_${(1_000_000 + i * 7919).toString(36)}Xq${i}`;
		const row = [
			id,
			`lead_${i}`,
			`Company ${i % 83}`,
			`stat_${label.replaceAll(' ', '')}`,
			label,
			type,
			'pipe_main',
			'Sales',
			cents,
			'one_time',
			formatted(cents),
			'USD',
			Math.round((cents * confidence) / 100),
			confidence,
			dateWon,
			type === 'lost' ? day(at) : '',
			'',
			`user_${user}`,
			USERS[user],
			closeTime(created),
			closeTime(Math.min(at, now))
		];
		lines.push(row.map(quoted).join(','));
		truth.push({
			id,
			owner: USERS[user],
			source: '(none)',
			pipeline: 'Sales',
			segment: '(none)',
			amount: cents / 100,
			probability: confidence,
			created: day(created),
			closed: type === 'active' ? null : day(at),
			outcome: type === 'active' ? 'open' : /** @type {'won' | 'lost'} */ (type),
			stage: label
		});
	}
	return {
		deals: lines.join('\n') + '\n',
		truth: { deals: truth, stages: { stages: STATUSES, won: ['Won'], lost: LOST } }
	};
}
