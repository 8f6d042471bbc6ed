import PIPELINES from '../../src/lib/crm/hubspot-pipelines.json' with { type: 'json' };
import { seeded } from './random.mjs';

// HubSpot's default pipeline per UI language (name, open stages, won, lost): the detector's list.
export const STAGES = PIPELINES.en.stages;

/**
 * A language's default pipeline as an export of it writes the stage labels: one won and one lost.
 * @param {keyof typeof PIPELINES} language
 */
function pipelineOf(language) {
	const { pipeline, stages, won, lost } = PIPELINES[language];
	return { pipeline, stages, won: won[0], lost: lost[0] };
}

/**
 * What a HubSpot export looks like in each UI language: the headers, the default pipeline's name
 * and stage labels, and the words of the per-stage `Date entered` columns. Dates are written the
 * same way in every language.
 */
export const LANGUAGES = {
	en: {
		headers: [
			'Record ID',
			'Deal Name',
			'Deal Stage',
			'Pipeline',
			'Amount',
			'Close Date',
			'Create Date',
			'Deal owner',
			'Original Traffic Source',
			'Deal probability'
		],
		...pipelineOf('en'),
		entered: (/** @type {string} */ s) => `Date entered '${s}'`,
		exited: (/** @type {string} */ s) => `Date exited '${s}'`
	},
	es: {
		headers: [
			'ID de registro',
			'Nombre del negocio',
			'Etapa del negocio',
			'Pipeline',
			'Importe',
			'Fecha de cierre',
			'Fecha de creación',
			'Propietario del negocio',
			'Fuente original del tráfico',
			'Probabilidad del negocio'
		],
		...pipelineOf('es'),
		entered: (/** @type {string} */ s) => `Fecha de entrada "${s}"`,
		exited: (/** @type {string} */ s) => `Fecha de salida "${s}"`
	},
	de: {
		headers: [
			'Datensatz-ID',
			'Name des Deals',
			'Deal-Phase',
			'Pipeline',
			'Betrag',
			'Abschlussdatum',
			'Erstellungsdatum',
			'Deal-Inhaber',
			'Ursprüngliche Quelle',
			'Deal-Wahrscheinlichkeit'
		],
		...pipelineOf('de'),
		entered: (/** @type {string} */ s) => `Eingangsdatum "${s}"`,
		exited: (/** @type {string} */ s) => `Ausgangsdatum "${s}"`
	},
	fr: {
		headers: [
			"ID de fiche d'informations",
			'Nom de la transaction',
			'Phase de la transaction',
			'Pipeline',
			'Montant',
			'Date de fermeture',
			'Date de création',
			'Propriétaire de la transaction',
			"Source d'origine",
			'Probabilité de la transaction'
		],
		...pipelineOf('fr'),
		entered: (/** @type {string} */ s) => `Date d'entrée "${s}"`,
		exited: (/** @type {string} */ s) => `Date de sortie "${s}"`
	},
	ru: {
		headers: [
			'ID записи',
			'Название сделки',
			'Этап сделки',
			'Воронка',
			'Сумма',
			'Дата закрытия',
			'Дата создания',
			'Владелец сделки',
			'Исходный источник',
			'Вероятность сделки'
		],
		...pipelineOf('ru'),
		entered: (/** @type {string} */ s) => `Дата входа "${s}"`,
		exited: (/** @type {string} */ s) => `Дата выхода "${s}"`
	}
};
/** The owners and sources the generator draws from (the benchmark filters by them). */
export const OWNERS = [
	'Alice Moreau',
	'Bob Ito',
	'Carla Díaz',
	'Dmitri Volkov',
	"Eve O'Neil",
	'Farid Haddad'
];
export const SOURCES = ['PAID_SEARCH', 'ORGANIC', 'REFERRAL', 'EVENTS', 'OUTBOUND'];
const DAY = 86_400_000;
// Chance to move on from each open stage, and the close probability HubSpot shows per stage.
const ADVANCE = [0.68, 0.7, 0.8, 0.62, 0.7];
const PROBABILITY = ['0.2', '0.4', '0.6', '0.8', '0.9'];

/**
 * A second pipeline (English exports with `pipelines: 2`): its own, shorter stage order, the same
 * won and lost labels. Chance to move on and probability per stage, as above.
 */
export const PARTNER = {
	pipeline: 'Partner Pipeline',
	stages: ['Partner Referral', 'Joint Demo', 'Partner Contract'],
	advance: [0.6, 0.75, 0.65],
	probability: ['0.3', '0.6', '0.85']
};

/** @param {number} ms */
function stamp(ms) {
	return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

/** The next non-empty stage date after stage `s` (when the deal left it), or empty.
 * @param {string[]} entered @param {number} s */
function nextEntered(entered, s) {
	return entered.slice(s + 1).find((d) => d) ?? '';
}

/** @param {string | number} value */
function quote(value) {
	return `"${String(value).replaceAll('"', '""')}"`;
}

/**
 * The pieces of a HubSpot export shared by the in-memory and the streaming (benchmark)
 * generators: the header, and a function making deal `i` (its quoted CSV line, its truth and its
 * stage events), drawing from `rnd` in order; then the spend, drawn after the deals.
 * @param {ReturnType<typeof seeded>} rnd
 * @param {{ start: string, end: string, today: string, language: keyof typeof LANGUAGES,
 *   exited: boolean, pipelines?: 1 | 2 }} options
 */
export function hubspotShape(rnd, { start, end, today, language, exited, pipelines = 1 }) {
	const lang = LANGUAGES[language];
	const PIPELINE = lang.pipeline;
	const STAGE_LABELS = lang.stages;
	const main = {
		pipeline: PIPELINE,
		stages: STAGE_LABELS,
		advance: ADVANCE,
		probability: PROBABILITY
	};
	const all = pipelines === 2 ? [main, PARTNER] : [main];
	const t0 = Date.parse(`${start}T00:00:00Z`);
	const t1 = Date.parse(`${end}T23:59:59Z`);
	const now = Date.parse(`${today}T00:00:00Z`);
	// Every pipeline's stage columns, pipeline by pipeline: [pipeline, stage label].
	const columns = all.flatMap((p) =>
		[...p.stages, lang.won, lang.lost].map((stage) => ({ pipeline: p.pipeline, stage }))
	);
	const header = [
		...lang.headers,
		...columns.map((c) => lang.entered(`${c.stage} (${c.pipeline})`)),
		...(exited ? columns.map((c) => lang.exited(`${c.stage} (${c.pipeline})`)) : [])
	];
	/** @param {number} i */
	const deal = (i) => {
		const created = t0 + Math.floor(rnd.next() * (t1 - t0));
		const owner = rnd.pick(OWNERS);
		const source = rnd.pick(SOURCES);
		const amount = Math.round(rnd.lognormal(11000, 0.8) * 100) / 100;
		// The random stream of a one-pipeline export is drawn as it always was.
		const p = all.length > 1 && rnd.next() < 0.35 ? PARTNER : main;
		const k = p.stages.length;
		const entered = new Array(k + 2).fill('');
		let at = created;
		let stage = 0;
		/** @type {'open' | 'won' | 'lost'} */
		let outcome = 'open';
		entered[0] = stamp(at);
		for (;;) {
			at += Math.round(rnd.exp(stage === 0 ? 9 : 14 + stage * 4) * DAY);
			if (at > now) break;
			if (rnd.next() < p.advance[stage]) {
				if (stage === k - 1) {
					outcome = 'won';
					entered[k] = stamp(at);
					break;
				}
				stage += 1;
				entered[stage] = stamp(at);
			} else {
				outcome = 'lost';
				entered[k + 1] = stamp(at);
				break;
			}
		}
		const stageLabel =
			outcome === 'won' ? lang.won : outcome === 'lost' ? lang.lost : p.stages[stage];
		// Open deals carry an expected close date in the future; closed ones the real one.
		const close = outcome === 'open' ? now + rnd.int(10, 90) * DAY : at;
		// This deal's values in every pipeline's columns; a partner deal that was first in the
		// sales pipeline entered its third stage there two days before it was created here.
		const cells = columns.map(() => '');
		const offset = columns.findIndex((c) => c.pipeline === p.pipeline);
		entered.forEach((v, s) => (cells[offset + s] = v));
		/** @type {{ stage: string, at: string, pipeline?: string }[]} */
		const moved = [];
		if (p === PARTNER && rnd.next() < 0.2) {
			const before = stamp(created - 2 * DAY);
			cells[2] = before;
			moved.push({ stage: columns[2].stage, at: before, pipeline: PIPELINE });
		}
		const exitedCells = all.flatMap((q) => {
			const from = columns.findIndex((c) => c.pipeline === q.pipeline);
			const own = cells.slice(from, from + q.stages.length + 2);
			return own.map((v, s) => (v ? nextEntered(own, s) : ''));
		});
		const row = [
			String(189_164_770_000 + i),
			`Deal ${String(i).padStart(5, '0')}`,
			stageLabel,
			p.pipeline,
			amount.toFixed(2),
			`${new Date(close).toISOString().slice(0, 10)} 00:00`,
			stamp(created),
			owner,
			source,
			outcome === 'open' ? p.probability[stage] : '',
			...cells,
			// A stay ends when the next stage is entered: a stage exited at the next one's time.
			...(exited ? exitedCells : [])
		];
		const id = row[0];
		/** @type {import('./ground-truth.mjs').StageEvent[]} */
		const events = [];
		const labels = [...p.stages, lang.won, lang.lost];
		entered.forEach((at, s) => {
			if (!at) return;
			const event = { id, stage: labels[s], at: `${at.replace(' ', 'T')}:00` };
			events.push(all.length > 1 ? { ...event, pipeline: p.pipeline } : event);
		});
		for (const m of moved) events.push({ id, ...m, at: `${m.at.replace(' ', 'T')}:00` });
		return {
			line: row.map(quote).join(','),
			row,
			events,
			/** @type {import('./ground-truth.mjs').Deal} */
			truth: {
				id,
				owner,
				source,
				pipeline: p.pipeline,
				amount,
				probability: outcome === 'open' ? Number(p.probability[stage]) * 100 : null,
				created: stamp(created).slice(0, 10),
				closed: outcome === 'open' ? null : stamp(close).slice(0, 10),
				outcome,
				stage: stageLabel
			}
		};
	};
	/** Monthly spend per paid channel (drawn after the deals). */
	const spend = () => {
		/** @type {import('./ground-truth.mjs').SpendRow[]} */
		const rows = [];
		for (let m = new Date(t0); m.getTime() <= t1; m.setUTCMonth(m.getUTCMonth() + 1)) {
			const month = m.toISOString().slice(0, 7);
			for (const channel of SOURCES.filter((s) => s !== 'ORGANIC')) {
				const value = (2000 + rnd.next() * 12000).toFixed(2);
				rows.push({ date: `${month}-01`, channel, amount: Number(value) });
			}
		}
		return rows;
	};
	/** @param {import('./ground-truth.mjs').SpendRow[]} rows */
	const spendCsv = (rows) =>
		[
			'Month,Channel,Spend',
			...rows.map((r) => `${r.date.slice(0, 7)},${r.channel},${r.amount.toFixed(2)}`)
		].join('\n') + '\n';
	const stages = {
		// With several pipelines, the combined list (pipeline by pipeline) and each one's own.
		stages: all.flatMap((p) => p.stages),
		won: [lang.won],
		lost: [lang.lost],
		...(all.length > 1
			? { pipelines: all.map((p) => ({ pipeline: p.pipeline, stages: p.stages })) }
			: {})
	};
	return { header: header.map(quote).join(','), lang, deal, spend, spendCsv, stages };
}

/**
 * A HubSpot "all deals" export with `Date entered '…'` columns, and a monthly spend file.
 * Deterministic for a seed; `today` is when the export was taken (later events do not exist yet).
 * `language` picks the UI language of the headers and the default pipeline's labels (see
 * `LANGUAGES`); `exited` adds the `Date exited` columns, which are not events. `pipelines: 2`
 * (English) puts about a third of the deals in a second pipeline (`PARTNER`) with its own stage
 * columns; some of them entered a Sales Pipeline stage before moving there, which gives them a
 * `Date entered` value in the other pipeline's column (an event of another pipeline).
 * @param {{ deals?: number, seed?: number, start?: string, end?: string, today?: string,
 *   language?: keyof typeof LANGUAGES, exited?: boolean, pipelines?: 1 | 2 }} [options]
 */
export function generateHubspot({
	deals = 1200,
	seed = 7,
	start = '2024-01-01',
	end = '2025-06-30',
	today = '2025-07-01',
	language = 'en',
	exited = false,
	pipelines = 1
} = {}) {
	const rnd = seeded(seed);
	const shape = hubspotShape(rnd, { start, end, today, language, exited, pipelines });
	const lines = [shape.header];
	/** @type {import('./ground-truth.mjs').Deal[]} */
	const truthDeals = [];
	/** @type {import('./ground-truth.mjs').StageEvent[]} */
	const truthEvents = [];
	for (let i = 0; i < deals; i++) {
		const { line, truth, events } = shape.deal(i);
		lines.push(line);
		truthDeals.push(truth);
		truthEvents.push(...events);
	}
	const truthSpend = shape.spend();
	return {
		deals: lines.join('\n') + '\n',
		spend: shape.spendCsv(truthSpend),
		truth: { deals: truthDeals, events: truthEvents, spend: truthSpend, stages: shape.stages }
	};
}
