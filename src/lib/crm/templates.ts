import { AMOCRM_LOST, AMOCRM_STAGES, AMOCRM_WON } from './amocrm';
import { BITRIX24_LOST, BITRIX24_STAGES, BITRIX24_WON } from './bitrix24';
import { HUBSPOT_LOST, HUBSPOT_STAGES, HUBSPOT_WON } from './hubspot';
import { PIPEDRIVE_STAGES } from './pipedrive';
import { SALESFORCE_LOST, SALESFORCE_STAGES, SALESFORCE_WON } from './salesforce';

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
