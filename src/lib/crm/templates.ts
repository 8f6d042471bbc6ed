import { AMOCRM_LOST, AMOCRM_STAGES, AMOCRM_WON } from './amocrm';
import { BITRIX24_LOST, BITRIX24_STAGE_IDS, BITRIX24_STAGES, BITRIX24_WON } from './bitrix24';
import { HUBSPOT_DEFAULTS, HUBSPOT_LOST, HUBSPOT_STAGES, HUBSPOT_WON } from './hubspot';
import { PIPEDRIVE_STAGES } from './pipedrive';
import { SALESFORCE_LOST, SALESFORCE_STAGES, SALESFORCE_WON } from './salesforce';
import { stageKey } from '../model/config';
import { stagePipeline } from './labels';

/** A ready-made stage configuration the stage editor offers. */
export interface StageTemplate {
	id: string;
	name: string;
	stages: string[];
	won: string[];
	lost: string[];
}

/** Known default pipelines and classic sales processes. */
export const STAGE_TEMPLATES: readonly StageTemplate[] = [
	{
		id: 'hubspot',
		name: 'HubSpot default pipeline',
		stages: HUBSPOT_STAGES,
		won: HUBSPOT_WON,
		lost: HUBSPOT_LOST
	},
	{
		id: 'salesforce',
		name: 'Salesforce default stages',
		stages: SALESFORCE_STAGES,
		won: SALESFORCE_WON,
		lost: SALESFORCE_LOST
	},
	{
		id: 'pipedrive',
		name: 'Pipedrive default pipeline',
		stages: PIPEDRIVE_STAGES,
		// Pipedrive's won and lost are statuses, not stages: these are the status values.
		won: ['won'],
		lost: ['lost']
	},
	{
		id: 'amocrm',
		name: 'amoCRM / Kommo default pipeline',
		stages: AMOCRM_STAGES,
		won: AMOCRM_WON,
		lost: AMOCRM_LOST
	},
	{
		id: 'bitrix24',
		name: 'Bitrix24 default pipeline',
		stages: BITRIX24_STAGES,
		won: BITRIX24_WON,
		lost: BITRIX24_LOST
	},
	{
		id: 'seven-step-en',
		name: 'Classic seven-step sales process',
		// Follow-up comes after the win: it is not a funnel stage.
		stages: [
			'Prospecting',
			'Preparation',
			'Approach',
			'Presentation',
			'Handling objections',
			'Closing'
		],
		won: ['Won', 'Follow-up'],
		lost: ['Lost']
	},
	{
		id: 'seven-step-ru',
		name: 'Классические семь шагов продаж',
		stages: [
			'Разведка',
			'Подготовка',
			'Подход',
			'Презентация',
			'Работа с возражениями',
			'Закрытие продажи'
		],
		won: ['Успешно', 'Последующие действия'],
		lost: ['Провал']
	},
	{
		id: 'enterprise',
		name: 'Enterprise process',
		stages: ['RDD', 'Custom Demo / POV', 'Technical Win', 'Economic Buyer', 'Contract Negotiation'],
		won: ['Closed-Won'],
		lost: ['Closed-Lost']
	}
];

/**
 * Templates a file's stage labels are matched against besides `STAGE_TEMPLATES`: HubSpot's
 * default pipeline in its other interface languages, and the ids some exports write instead of
 * names (HubSpot's internal stage names, Bitrix24's `STAGE_ID`).
 */
const ID_TEMPLATES: readonly StageTemplate[] = [
	...Object.entries(HUBSPOT_DEFAULTS)
		.filter(([language]) => language !== 'en')
		.map(([language, d]) => ({
			id: `hubspot-${language}`,
			name: `HubSpot default pipeline (${language})`,
			stages: d.stages,
			won: d.won,
			lost: d.lost
		})),
	{
		id: 'hubspot-ids',
		name: 'HubSpot default pipeline (internal names)',
		stages: HUBSPOT_STAGES.map((s) => s.toLowerCase().replace(/[^a-z]/g, '')),
		won: ['closedwon'],
		lost: ['closedlost']
	},
	{
		id: 'bitrix24-ids',
		name: 'Bitrix24 default pipeline (stage ids)',
		stages: BITRIX24_STAGE_IDS,
		won: ['WON'],
		lost: ['LOSE', 'APOLOGY']
	}
];

/** A label as templates are matched: no pipeline prefix, case-folded, `ё` read as `е`. */
export function templateKey(label: string): string {
	const bare = stagePipeline(label) ? label.replace(/^\s*C\d+:/i, '') : label;
	return stageKey(bare).replaceAll('ё', 'е');
}

/**
 * The known template whose stages cover the open labels found (each one of its stages, won or
 * lost labels, after any pipeline prefix), at least one of them being one of its stages; of
 * several, the one using most of its stages. Null when none covers them.
 */
export function templateCovering(open: readonly string[]): StageTemplate | null {
	if (open.length === 0) return null;
	const keys = open.map(templateKey);
	let best: { template: StageTemplate; used: number } | null = null;
	for (const template of [...STAGE_TEMPLATES, ...ID_TEMPLATES]) {
		const stages = new Set(template.stages.map(templateKey));
		const closed = new Set([...template.won, ...template.lost].map(templateKey));
		if (!keys.every((k) => stages.has(k) || closed.has(k))) continue;
		const used = new Set(keys.filter((k) => stages.has(k))).size / stages.size;
		if (used > 0 && (!best || used > best.used)) best = { template, used };
	}
	return best?.template ?? null;
}

/**
 * The stage keys of a CRM's default pipeline, by names and ids (see `templateKey`); empty for a CRM
 * with no template here.
 */
export function crmDefaultKeys(crm: string): Set<string> {
	const own = [...STAGE_TEMPLATES, ...ID_TEMPLATES].filter(
		(t) => t.id === crm || t.id.startsWith(`${crm}-`)
	);
	return new Set(own.flatMap((t) => t.stages.map(templateKey)));
}
