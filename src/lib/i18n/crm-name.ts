import type { MessageKey } from './messages';

const NAMES: Record<string, string> = {
	hubspot: 'HubSpot',
	salesforce: 'Salesforce',
	amocrm: 'amoCRM',
	bitrix24: 'Bitrix24',
	close: 'Close',
	maven: 'Maven',
	pipedrive: 'Pipedrive',
	zoho: 'Zoho'
};

/**
 * A CRM as the page names it: the brand for a CRM's export, the catalogue's words for the
 * plain-CSV and spend readings.
 */
export function crmName(crm: string, t: (key: MessageKey) => string): string {
	if (crm === 'generic' || crm === 'spend') return t(`mapping.crm.${crm}`);
	return NAMES[crm] ?? crm.charAt(0).toUpperCase() + crm.slice(1);
}
