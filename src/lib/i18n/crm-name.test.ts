import { expect, it } from 'vitest';
import { crmName } from './crm-name';
import { translate } from './messages';

it('names CRMs by brand, and the plain-CSV and spend readings in the page language', () => {
	const ru = (key: Parameters<typeof translate>[1]) => translate('ru', key);
	expect(crmName('hubspot', ru)).toBe('HubSpot');
	expect(crmName('pipedrive', ru)).toBe('Pipedrive');
	expect(crmName('amocrm', ru)).toBe('amoCRM');
	expect(crmName('bitrix24', ru)).toBe('Bitrix24');
	expect(crmName('generic', ru)).toBe('Обычный CSV');
	expect(crmName('generic', (key) => translate('en', key))).toBe('Plain CSV');
});
