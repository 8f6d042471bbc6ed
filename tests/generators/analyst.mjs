import { DAY, generatorClock, SPAN } from './simulate.mjs';

// Tables that people make themselves rather than export from a CRM: an analyst's snake_case
// deals table with `NA` for missing values, its stage log and a monthly spend sheet; a Bitrix24
// user's spend sheet with Russian headers; a flat opportunities table with True/False flags.

/** The open stages of the analyst's pipeline, in order. */
export const ANALYST_STAGES = ['Prospecting', 'Qualification', 'Proposal', 'Negotiation'];
const REPS = ['Ana Costa', 'Ben Walsh', 'Chen Wei', 'Dara Nolan'];
const SOURCES = ['Inbound', 'Outbound', 'Referral', 'Partner'];

/** @param {number} ms */
function day(ms) {
	return new Date(ms).toISOString().slice(0, 10);
}

/**
 * An analyst's deals table (one row per deal, `NA` where a value is missing: the close date of an
 * open deal, some lead sources and company revenues), its stage log (a row per stage a deal
 * entered, with the stage's position and the days spent in it) and a spend sheet by month and
 * channel. `revenue_usd` is the company's annual revenue (larger than any deal) and
 * `date_reviewed` a later review of the record: neither is the deal's size or close date.
 * @param {import('./simulate.mjs').GeneratorOptions} [options]
 */
export function generateAnalyst({ deals = 60, seed = 11, ...span } = {}) {
	const { rnd, t0, t1, now } = generatorClock(seed, { ...SPAN, ...span });
	const dealRows = [
		'deal_id,company,sales_rep,lead_source,deal_size_usd,revenue_usd,created_date,date_reviewed,close_date,stage,deal_outcome,is_won,is_closed'
	];
	const historyRows = ['deal_id,stage,stage_date,stage_order,days_in_stage'];
	/** @type {{ id: string, outcome: 'won' | 'lost' | 'open', amount: number }[]} */
	const truth = [];
	for (let i = 0; i < deals; i++) {
		const id = `DL-${1000 + i}`;
		const created = t0 + Math.floor((rnd.next() * (t1 - t0)) / DAY) * DAY;
		/** @type {[number, number][]} stage index and the day entered */
		const path = [[0, created]];
		let at = created;
		let stage = 0;
		/** @type {'won' | 'lost' | 'open'} */
		let outcome = 'open';
		for (;;) {
			at += (1 + Math.round(rnd.exp(12))) * DAY;
			if (at > now) break;
			const r = rnd.next();
			if (r < 0.6) {
				if (stage === ANALYST_STAGES.length - 1) {
					outcome = 'won';
					break;
				}
				stage += 1;
				path.push([stage, at]);
			} else {
				outcome = 'lost';
				break;
			}
		}
		const closed = outcome === 'open' ? null : at;
		const amount = Math.round(rnd.lognormal(24000, 0.6));
		const label =
			outcome === 'won' ? 'Closed Won' : outcome === 'lost' ? 'Closed Lost' : ANALYST_STAGES[stage];
		const reviewed = (closed ?? created) + rnd.int(3, 40) * DAY;
		dealRows.push(
			[
				id,
				`Company ${i % 37}`,
				REPS[i % REPS.length],
				i % 9 === 4 ? 'NA' : SOURCES[rnd.int(0, SOURCES.length - 1)],
				amount,
				i % 7 === 3 ? 'NA' : Math.round(rnd.lognormal(40, 0.8) * 1_000_000),
				day(created),
				day(reviewed),
				closed === null ? 'NA' : day(closed),
				label,
				outcome === 'won' ? 'Won' : outcome === 'lost' ? 'Lost' : 'NA',
				outcome === 'won' ? 'TRUE' : 'FALSE',
				outcome === 'open' ? 'FALSE' : 'TRUE'
			].join(',')
		);
		const stops = [...path];
		if (closed !== null) stops.push([-1, closed]);
		for (const [k, [s, entered]] of stops.entries()) {
			const next = stops[k + 1]?.[1] ?? now;
			const name = s >= 0 ? ANALYST_STAGES[s] : label;
			const days = s >= 0 ? String(Math.round((next - entered) / DAY)) : 'NA';
			historyRows.push([id, name, day(entered), k + 1, days].join(','));
		}
		truth.push({ id, outcome, amount });
	}
	const spendRows = ['month,channel,spend_usd'];
	for (let m = new Date(t0); m.getTime() <= t1; m.setUTCMonth(m.getUTCMonth() + 1)) {
		for (const channel of SOURCES) {
			const spend = channel === 'Referral' ? 'NA' : rnd.lognormal(9000, 0.3).toFixed(2);
			spendRows.push([m.toISOString().slice(0, 7), channel, spend].join(','));
		}
	}
	return {
		deals: dealRows.join('\n') + '\n',
		history: historyRows.join('\n') + '\n',
		spend: spendRows.join('\n') + '\n',
		truth
	};
}

/**
 * A Bitrix24 user's spend sheet: `Месяц;Источник;Расход, руб.`, months as `MM.YYYY`, amounts
 * with a space between thousands and a decimal comma, as a Russian Excel saves them.
 * @param {{ months?: number, seed?: number }} [options]
 */
export function generateBitrixSpendRu({ months = 6, seed = 12 } = {}) {
	const { rnd } = generatorClock(seed, SPAN);
	const channels = ['Яндекс.Директ', 'Авито', 'Сайт', 'Рекомендация'];
	const rows = ['Месяц;Источник;Расход, руб.'];
	/** @type {{ month: string, channel: string, amount: number }[]} */
	const truth = [];
	for (let m = 1; m <= months; m++) {
		for (const channel of channels) {
			const amount = rnd.int(5_000, 90_000) + rnd.int(0, 99) / 100;
			const [whole, cents] = amount.toFixed(2).split('.');
			const spaced = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
			rows.push(`${String(m).padStart(2, '0')}.2024;${channel};${spaced},${cents}`);
			truth.push({ month: `2024-${String(m).padStart(2, '0')}`, channel, amount });
		}
	}
	return { spend: rows.join('\n') + '\n', truth };
}

const OPPORTUNITY_HEADER =
	'opportunity_id,account_name,industry,owner_name,created_at,closed_at,stage,amount,is_won,is_closed,lost_at_stage';

/**
 * The flat opportunities table of `generateOpportunities` with the deals given, so that a test
 * can work its figures out by hand: each entry is `[outcome, stage]`, the stage an open deal is
 * at or a lost one was lost at (`lost_at_stage`; its `stage` is `Closed Lost`), none for a won
 * one (`Closed Won`). Deal i (from 1, at most 28) is created on 2024-01-i with an amount of
 * 1000 × i, and a closed one closes on 2024-03-i.
 * @param {[('open' | 'won' | 'lost'), string?][]} deals
 */
export function opportunityTable(deals) {
	const rows = deals.map(([outcome, stage], k) => {
		const day = String(k + 1).padStart(2, '0');
		return [
			`OPP${day}`,
			`Account ${k + 1}`,
			'Retail',
			REPS[k % REPS.length],
			`2024-01-${day}`,
			outcome === 'open' ? '' : `2024-03-${day}`,
			outcome === 'won' ? 'Closed Won' : outcome === 'lost' ? 'Closed Lost' : stage,
			(1000 * (k + 1)).toFixed(2),
			outcome === 'won' ? 'True' : 'False',
			outcome === 'open' ? 'False' : 'True',
			outcome === 'lost' ? stage : ''
		].join(',');
	});
	return [OPPORTUNITY_HEADER, ...rows].join('\n') + '\n';
}

/**
 * A flat opportunities table: one row per opportunity with `is_won` / `is_closed` as True/False
 * and `lost_at_stage`, the stage a lost one was lost at (empty otherwise).
 * @param {import('./simulate.mjs').GeneratorOptions} [options]
 */
export function generateOpportunities({ deals = 40, seed = 13, ...span } = {}) {
	const { rnd, t0, t1, now } = generatorClock(seed, { ...SPAN, ...span });
	const rows = [OPPORTUNITY_HEADER];
	for (let i = 0; i < deals; i++) {
		const created = t0 + Math.floor((rnd.next() * (t1 - t0)) / DAY) * DAY;
		const stage = rnd.int(0, ANALYST_STAGES.length - 1);
		const closedAt = created + rnd.int(5, 120) * DAY;
		const r = rnd.next();
		const outcome = closedAt > now || r < 0.3 ? 'open' : r < 0.6 ? 'won' : 'lost';
		rows.push(
			[
				`OPP${String(i).padStart(5, '0')}`,
				`Account ${i % 23}`,
				rnd.pick(['Retail', 'Finance', 'Health']),
				REPS[rnd.int(0, REPS.length - 1)],
				day(created),
				outcome === 'open' ? '' : day(closedAt),
				outcome === 'won'
					? 'Closed Won'
					: outcome === 'lost'
						? 'Closed Lost'
						: ANALYST_STAGES[stage],
				rnd.lognormal(15000, 0.7).toFixed(2),
				outcome === 'won' ? 'True' : 'False',
				outcome === 'open' ? 'False' : 'True',
				outcome === 'lost' ? ANALYST_STAGES[stage] : ''
			].join(',')
		);
	}
	return { deals: rows.join('\n') + '\n' };
}
