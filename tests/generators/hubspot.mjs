import { seeded } from './random.mjs';

export const STAGES = [
	'Appointment Scheduled',
	'Qualified To Buy',
	'Presentation Scheduled',
	'Decision Maker Bought-In',
	'Contract Sent'
];

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
		pipeline: 'Sales Pipeline',
		stages: STAGES,
		won: 'Closed Won',
		lost: 'Closed Lost',
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
		pipeline: 'Pipeline de ventas',
		stages: [
			'Cita programada',
			'Calificado para comprar',
			'Presentación programada',
			'Responsable de la toma de decisiones convencido',
			'Contrato enviado'
		],
		won: 'Cierre ganado',
		lost: 'Cierre perdido',
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
		pipeline: 'Vertriebspipeline',
		stages: [
			'Termin vereinbart',
			'Für Kauf qualifiziert',
			'Präsentation geplant',
			'Entscheidungsträger überzeugt',
			'Vertrag gesendet'
		],
		won: 'Abgeschlossen und gewonnen',
		lost: 'Abgeschlossen und verloren',
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
		pipeline: 'Pipeline des ventes',
		stages: [
			'Rendez-vous programmé',
			"Qualifié pour l'achat",
			'Présentation programmée',
			'Décideur convaincu',
			'Contrat envoyé'
		],
		won: 'Conclue gagnée',
		lost: 'Conclue perdue',
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
		pipeline: 'Воронка продаж',
		stages: [
			'Встреча назначена',
			'Квалифицирован для покупки',
			'Презентация запланирована',
			'ЛПР согласен',
			'Договор отправлен'
		],
		won: 'Закрыта успешно',
		lost: 'Закрыта неуспешно',
		entered: (/** @type {string} */ s) => `Дата входа "${s}"`,
		exited: (/** @type {string} */ s) => `Дата выхода "${s}"`
	}
};
const OWNERS = [
	'Alice Moreau',
	'Bob Ito',
	'Carla Díaz',
	'Dmitri Volkov',
	"Eve O'Neil",
	'Farid Haddad'
];
const SOURCES = ['PAID_SEARCH', 'ORGANIC', 'REFERRAL', 'EVENTS', 'OUTBOUND'];
const DAY = 86_400_000;
// Chance to move on from each open stage, and the close probability HubSpot shows per stage.
const ADVANCE = [0.68, 0.7, 0.8, 0.62, 0.7];
const PROBABILITY = ['0.2', '0.4', '0.6', '0.8', '0.9'];

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
 * The pieces of a HubSpot export shared by the in-memory and the streaming generators: the header,
 * and a function making deal `i` (its quoted CSV line and its truth), drawing from `rnd` in order.
 * @param {ReturnType<typeof seeded>} rnd
 * @param {{ start: string, end: string, today: string, language: keyof typeof LANGUAGES,
 *   exited: boolean }} options
 */
export function hubspotShape(rnd, { start, end, today, language, exited }) {
	const lang = LANGUAGES[language];
	const PIPELINE = lang.pipeline;
	const STAGE_LABELS = lang.stages;
	const t0 = Date.parse(`${start}T00:00:00Z`);
	const t1 = Date.parse(`${end}T23:59:59Z`);
	const now = Date.parse(`${today}T00:00:00Z`);
	const allStages = [...STAGE_LABELS, lang.won, lang.lost];
	const header = [
		...lang.headers,
		...allStages.map((s) => lang.entered(`${s} (${PIPELINE})`)),
		...(exited ? allStages.map((s) => lang.exited(`${s} (${PIPELINE})`)) : [])
	];
	/** @param {number} i */
	const deal = (i) => {
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
			outcome === 'won' ? lang.won : outcome === 'lost' ? lang.lost : STAGE_LABELS[stage];
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
			...entered,
			// A stay ends when the next stage is entered: a stage exited at the next one's time.
			...(exited ? entered.map((_, s) => (entered[s] ? nextEntered(entered, s) : '')) : [])
		];
		return {
			line: row.map(quote).join(','),
			row,
			entered,
			/** @type {import('./ground-truth.mjs').Deal} */
			truth: {
				id: row[0],
				owner,
				source,
				pipeline: PIPELINE,
				amount,
				probability: outcome === 'open' ? Number(PROBABILITY[stage]) * 100 : null,
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
	const spendCsv = (/** @type {import('./ground-truth.mjs').SpendRow[]} */ rows) =>
		[
			'Month,Channel,Spend',
			...rows.map((r) => `${r.date.slice(0, 7)},${r.channel},${r.amount.toFixed(2)}`)
		].join('\n') + '\n';
	return { header: header.map(quote).join(','), allStages, deal, spend, spendCsv, lang };
}

/**
 * A HubSpot "all deals" export with `Date entered '…'` columns, and a monthly spend file.
 * Deterministic for a seed; `today` is when the export was taken (later events do not exist yet).
 * `language` picks the UI language of the headers and the default pipeline's labels (see
 * `LANGUAGES`); `exited` adds the `Date exited` columns, which are not events.
 * @param {{ deals?: number, seed?: number, start?: string, end?: string, today?: string,
 *   language?: keyof typeof LANGUAGES, exited?: boolean }} [options]
 */
export function generateHubspot({
	deals = 1200,
	seed = 7,
	start = '2024-01-01',
	end = '2025-06-30',
	today = '2025-07-01',
	language = 'en',
	exited = false
} = {}) {
	const rnd = seeded(seed);
	const shape = hubspotShape(rnd, { start, end, today, language, exited });
	const lines = [shape.header];
	/** @type {import('./ground-truth.mjs').Deal[]} */
	const truthDeals = [];
	/** @type {import('./ground-truth.mjs').StageEvent[]} */
	const truthEvents = [];
	for (let i = 0; i < deals; i++) {
		const { line, entered, truth } = shape.deal(i);
		lines.push(line);
		truthDeals.push(truth);
		entered.forEach((at, s) => {
			if (at)
				truthEvents.push({
					id: truth.id,
					stage: shape.allStages[s],
					at: `${at.replace(' ', 'T')}:00`
				});
		});
	}
	const truthSpend = shape.spend();
	return {
		deals: lines.join('\n') + '\n',
		spend: shape.spendCsv(truthSpend),
		truth: {
			deals: truthDeals,
			events: truthEvents,
			spend: truthSpend,
			stages: { stages: shape.lang.stages, won: [shape.lang.won], lost: [shape.lang.lost] }
		}
	};
}
