import type { DealField } from '../model/config';
import type {
	DealsMapping,
	Detection,
	FileSample,
	PipelineStages,
	StageColumn
} from '../model/mapping';
import { defined } from './columns';
import { closedKind, findLoose, newLabels } from './labels';
import PIPELINES from './hubspot-pipelines.json';

export const HUBSPOT_STAGES = PIPELINES.en.stages;
export const HUBSPOT_WON = PIPELINES.en.won;
export const HUBSPOT_LOST = PIPELINES.en.lost;

export type HubspotLanguage = 'en' | 'es' | 'de' | 'fr' | 'ru';

/**
 * HubSpot's display labels per language: the export's headers follow the user's language. The
 * English ones are HubSpot's own; the others are our best knowledge of its translations, matched
 * loosely (case, accents, punctuation ignored) and with the variants seen across UI versions.
 */
const LABELS: Record<HubspotLanguage, Partial<Record<DealField | 'name', string[]>>> = {
	en: {
		id: ['Record ID', 'Deal ID'],
		name: ['Deal Name'],
		stage: ['Deal Stage'],
		pipeline: ['Pipeline'],
		amount: ['Amount'],
		closed: ['Close Date'],
		created: ['Create Date', 'Created Date'],
		owner: ['Deal owner'],
		probability: ['Deal probability'],
		source: ['Original Traffic Source', 'Original Source', 'Source'],
		segment: ['Deal Type'],
		currency: ['Currency', 'Deal currency code'],
		lost_reason: ['Closed Lost Reason']
	},
	es: {
		id: ['ID de registro', 'ID del registro', 'ID del negocio'],
		name: ['Nombre del negocio'],
		stage: ['Etapa del negocio', 'Etapa de negocio'],
		pipeline: ['Pipeline', 'Pipeline de negocios'],
		amount: ['Importe', 'Monto', 'Cantidad'],
		closed: ['Fecha de cierre'],
		created: ['Fecha de creación'],
		owner: ['Propietario del negocio'],
		probability: ['Probabilidad del negocio'],
		source: ['Fuente original del tráfico', 'Fuente original', 'Fuente'],
		segment: ['Tipo de negocio'],
		currency: ['Moneda', 'Código de moneda del negocio']
	},
	de: {
		id: ['Datensatz-ID', 'Deal-ID'],
		name: ['Name des Deals', 'Dealname', 'Deal-Name'],
		stage: ['Deal-Phase', 'Dealphase'],
		pipeline: ['Pipeline'],
		amount: ['Betrag'],
		closed: ['Abschlussdatum'],
		created: ['Erstellungsdatum', 'Erstelldatum'],
		owner: ['Deal-Inhaber', 'Dealinhaber', 'Deal-Owner'],
		probability: ['Deal-Wahrscheinlichkeit', 'Wahrscheinlichkeit des Deals'],
		source: ['Ursprüngliche Traffic-Quelle', 'Ursprüngliche Quelle', 'Quelle'],
		segment: ['Deal-Typ', 'Dealtyp'],
		currency: ['Währung', 'Währungscode des Deals']
	},
	fr: {
		id: [
			"ID de fiche d'informations",
			'ID de la fiche',
			"ID de l'enregistrement",
			'ID de la transaction'
		],
		name: ['Nom de la transaction'],
		stage: ['Phase de la transaction', 'Étape de la transaction', 'Étape de transaction'],
		pipeline: ['Pipeline'],
		amount: ['Montant'],
		closed: ['Date de fermeture', 'Date de clôture'],
		created: ['Date de création'],
		owner: ['Propriétaire de la transaction'],
		probability: ['Probabilité de la transaction'],
		source: ["Source d'origine du trafic", "Source d'origine", 'Source'],
		segment: ['Type de transaction'],
		currency: ['Devise', 'Code de devise de la transaction']
	},
	ru: {
		id: ['ID записи', 'ID сделки'],
		name: ['Название сделки'],
		stage: ['Этап сделки', 'Стадия сделки'],
		pipeline: ['Воронка', 'Воронка продаж', 'Pipeline'],
		amount: ['Сумма', 'Сумма сделки'],
		closed: ['Дата закрытия'],
		created: ['Дата создания'],
		owner: ['Владелец сделки', 'Ответственный за сделку'],
		probability: ['Вероятность сделки'],
		source: ['Исходный источник трафика', 'Исходный источник', 'Источник'],
		segment: ['Тип сделки'],
		currency: ['Валюта', 'Код валюты сделки']
	}
};

const LANGUAGES = Object.keys(LABELS) as HubspotLanguage[];

/**
 * HubSpot's default sales pipeline per language (open stages, won, lost): used when the export
 * has no `Date entered` columns. Non-English labels are best knowledge, not verified exports.
 * The test generator writes its exports' default pipelines from the same file.
 */
export const HUBSPOT_DEFAULTS: Record<
	HubspotLanguage,
	{ pipeline: string; stages: string[]; won: string[]; lost: string[] }
> = PIPELINES;

// `Date entered "Contract Sent (Sales Pipeline)"`; older exports quote with '…'; localized
// variants, with an optional preposition (`Fecha de entrada en "…"`). `Date exited …`, `Time
// in …` and `Cumulative time in …` columns do not match: they are not events.
const DATE_ENTERED =
	/^\s*(?:date entered|fecha de (?:entrada|ingreso)|eingangsdatum|eintrittsdatum|datum des eintritts|date d['’]entr[ée]e|дата (?:входа|перехода|поступления))(?:\s+(?:in|into|en|a|al|à|dans|в|на))?\s*["'“”„«‘’‚](.+)["'”“»’‘]\s*$/iu;

/** A stage column with the pipeline its header names (`null` when it names none). */
export interface HubspotStageColumn extends Omit<StageColumn, 'pipeline'> {
	pipeline: string | null;
}

/** Per-stage `Date entered` columns in file order, with the stage each one stands for. */
export function hubspotStageColumns(columns: readonly string[]): StageColumn[] {
	return stageColumnsWithPipeline(columns).map(({ column, stage }) => ({ column, stage }));
}

/** Per-stage `Date entered` columns in file order, with the stage and pipeline each stands for. */
export function stageColumnsWithPipeline(columns: readonly string[]): HubspotStageColumn[] {
	const out: HubspotStageColumn[] = [];
	for (const column of columns) {
		const m = DATE_ENTERED.exec(column);
		if (!m) continue;
		const body = m[1].trim();
		const withPipeline = /^(.*?)\s*\(([^()]*)\)$/u.exec(body);
		const stage = (withPipeline ? withPipeline[1] : body).trim();
		if (stage === '') continue;
		out.push({ column, stage, pipeline: withPipeline ? withPipeline[2].trim() : null });
	}
	return out;
}

/** The language whose labels name the most columns (English on a tie). */
function languageOf(columns: readonly string[]): HubspotLanguage {
	let best: HubspotLanguage = 'en';
	let bestCount = 0;
	for (const language of LANGUAGES) {
		const count = Object.values(LABELS[language]).filter((names) =>
			findLoose(columns, names)
		).length;
		if (count > bestCount) [best, bestCount] = [language, count];
	}
	return best;
}

/** A field's column under any language's labels, the detected language's first. */
function field(columns: readonly string[], language: HubspotLanguage, key: DealField | 'name') {
	const order = [language, ...LANGUAGES.filter((l) => l !== language)];
	return findLoose(
		columns,
		order.flatMap((l) => LABELS[l][key] ?? [])
	);
}

/**
 * Open stages from the stage columns, pipeline by pipeline (in order of each pipeline's first
 * column), each pipeline's stages in column order; won and lost stages told by their words.
 */
function stagesFromColumns(stageColumns: readonly HubspotStageColumn[]): {
	open: string[];
	won: string[];
	lost: string[];
	perPipeline: PipelineStages[];
} {
	const pipelines = [...new Set(stageColumns.map((s) => s.pipeline))];
	const ordered = pipelines.flatMap((p) => stageColumns.filter((s) => s.pipeline === p));
	const kinds = ordered.map((s) => ({ stage: s.stage, kind: closedKind(s.stage) }));
	const named = pipelines.filter((p): p is string => p !== null);
	// Each pipeline has its own stage order: the combined list above is only for deals whose
	// pipeline names none of the columns' pipelines.
	const perPipeline =
		named.length > 1
			? named.map((pipeline) => ({
					pipeline,
					stages: newLabels(
						stageColumns
							.filter((s) => s.pipeline === pipeline && closedKind(s.stage) === null)
							.map((s) => s.stage),
						[]
					)
				}))
			: [];
	return {
		open: newLabels(
			kinds.filter((k) => k.kind === null).map((k) => k.stage),
			[]
		),
		won: kinds.filter((k) => k.kind === 'won').map((k) => k.stage),
		lost: kinds.filter((k) => k.kind === 'lost').map((k) => k.stage),
		perPipeline: perPipeline.filter((p) => p.stages.length > 0)
	};
}

/**
 * A HubSpot deals export in any of the languages above: `Record ID` (12-digit ids stay text),
 * `Deal Stage`, `Pipeline`, `Amount`, `Create Date`, `Close Date` (an expectation on open deals,
 * ignored there), `Deal probability` (0–1, scaled at load) and `Date entered "<stage>
 * (<pipeline>)"` columns, which give the stage order (pipeline by pipeline) and the stage events.
 */
export function detectHubspot(sample: FileSample): Detection<DealsMapping> | null {
	const { columns } = sample;
	const stageColumns = stageColumnsWithPipeline(columns);
	const language = languageOf(columns);
	const find = (key: DealField | 'name') => field(columns, language, key);
	const signature = (['id', 'name', 'stage', 'pipeline', 'amount', 'closed', 'created'] as const)
		.map(find)
		.filter((c) => c !== undefined).length;
	const id = find('id');
	// Every HubSpot export starts with its record id; without it (or stage columns) the Russian
	// labels are just as much amoCRM's or Bitrix24's.
	if (!id && stageColumns.length === 0) return null;
	const score = (signature / 7) * 0.8 + (stageColumns.length > 0 ? 0.2 : 0);
	if (score < 0.5) return null;
	const defaults = HUBSPOT_DEFAULTS[language];
	const fromColumns = stagesFromColumns(stageColumns);
	const hasOpen = fromColumns.open.length > 0;
	const perPipeline = fromColumns.perPipeline.length > 1;
	return {
		confidence: score,
		mapping: {
			role: 'deals',
			crm: 'hubspot',
			columns: defined({
				id,
				owner: find('owner'),
				source: find('source'),
				pipeline: find('pipeline'),
				segment: find('segment'),
				amount: find('amount'),
				probability: find('probability'),
				created: find('created'),
				closed: find('closed'),
				// On an open deal, HubSpot's close date is the date it is expected to close.
				expected_close: find('closed'),
				stage: find('stage'),
				currency: find('currency'),
				lost_reason: find('lost_reason')
			}),
			stages: hasOpen ? fromColumns.open : [...defaults.stages],
			won: [...defaults.won, ...newLabels(fromColumns.won, defaults.won)],
			lost: [...defaults.lost, ...newLabels(fromColumns.lost, defaults.lost)],
			outcomeWon: [],
			outcomeLost: [],
			stageColumns: stageColumns.map(({ column, stage, pipeline }) =>
				perPipeline && pipeline !== null ? { column, stage, pipeline } : { column, stage }
			),
			...(perPipeline ? { pipelineStages: fromColumns.perPipeline } : {}),
			// Without stage columns the default pipeline is a guess: labels in the data complete it.
			...(hasOpen ? {} : { stagesFromData: true })
		}
	};
}
