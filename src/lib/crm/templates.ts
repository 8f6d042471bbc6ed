import { HUBSPOT_LOST, HUBSPOT_STAGES, HUBSPOT_WON } from './hubspot';
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
		stages: [
			'Qualified',
			'Contact Made',
			'Demo Scheduled',
			'Proposal Made',
			'Negotiations Started'
		],
		won: ['won'],
		lost: ['lost']
	},
	{
		id: 'amocrm',
		name: 'amoCRM / Kommo default pipeline',
		stages: ['Первичный контакт', 'Переговоры', 'Принимают решение', 'Согласование договора'],
		won: ['Успешно реализовано'],
		lost: ['Закрыто и не реализовано']
	},
	{
		id: 'bitrix24',
		name: 'Bitrix24 default pipeline',
		stages: ['Новая', 'Подготовка документов', 'Счёт на предоплату', 'В работе', 'Финальный счёт'],
		won: ['Сделка успешна'],
		lost: ['Сделка провалена']
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
