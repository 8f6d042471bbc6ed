import { describe, expect, it } from 'vitest';
import type { DealsMapping } from '../model/mapping';
import { detect } from './detect';

// METRICS.md §1 `expected_close` and `lost_reason`: each CRM module maps them from its export's
// own headers (the close date where the CRM writes an open deal's expected date there).
const CASES: {
	crm: string;
	columns: string[];
	expected_close: string | undefined;
	lost_reason: string | undefined;
}[] = [
	{
		crm: 'hubspot',
		columns: [
			'Record ID',
			'Deal Name',
			'Deal Stage',
			'Pipeline',
			'Amount',
			'Close Date',
			'Create Date',
			'Deal owner',
			'Closed Lost Reason'
		],
		expected_close: 'Close Date',
		lost_reason: 'Closed Lost Reason'
	},
	{
		crm: 'pipedrive',
		columns: [
			'Deal - ID',
			'Deal - Title',
			'Deal - Value',
			'Deal - Status',
			'Deal - Stage',
			'Deal - Owner',
			'Deal - Deal created',
			'Deal - Won time',
			'Deal - Lost time',
			'Deal - Expected close date',
			'Deal - Lost reason'
		],
		expected_close: 'Deal - Expected close date',
		lost_reason: 'Deal - Lost reason'
	},
	{
		crm: 'amocrm',
		columns: [
			'ID',
			'Название сделки',
			'Бюджет ₽',
			'Ответственный',
			'Дата создания сделки',
			'Дата закрытия',
			'Этап сделки',
			'Воронка',
			'Причина отказа'
		],
		expected_close: undefined,
		lost_reason: 'Причина отказа'
	},
	{
		crm: 'bitrix24',
		columns: [
			'ID',
			'Название сделки',
			'Стадия сделки',
			'Сумма',
			'Валюта',
			'Сделка закрыта',
			'Дата создания',
			'Предполагаемая дата закрытия',
			'Ответственный',
			'Источник'
		],
		expected_close: 'Предполагаемая дата закрытия',
		lost_reason: undefined
	},
	{
		crm: 'salesforce',
		columns: [
			'Opportunity Name',
			'Account Name',
			'Opportunity Owner',
			'Stage',
			'Amount',
			'Probability (%)',
			'Close Date',
			'Created Date',
			'Lead Source',
			'Opportunity ID',
			'Loss Reason'
		],
		expected_close: 'Close Date',
		lost_reason: 'Loss Reason'
	},
	{
		crm: 'zoho',
		columns: [
			'Record Id',
			'Deal Name',
			'Stage',
			'Closing Date',
			'Created Time',
			'Deal Owner',
			'Amount',
			'Reason For Loss'
		],
		expected_close: 'Closing Date',
		lost_reason: 'Reason For Loss'
	},
	{
		crm: 'generic',
		columns: ['deal_id', 'stage', 'created', 'closed', 'amount', 'expected_close', 'lost_reason'],
		expected_close: 'expected_close',
		lost_reason: 'lost_reason'
	}
];

describe('expected close and lost reason, per CRM', () => {
	it.each(CASES)(
		'$crm: expected_close ← $expected_close, lost_reason ← $lost_reason',
		({ crm, columns, expected_close, lost_reason }) => {
			const m = detect({ name: 'deals.csv', columns, rows: [] })?.mapping as DealsMapping;
			expect(m.crm).toBe(crm);
			expect(m.columns.expected_close).toBe(expected_close);
			expect(m.columns.lost_reason).toBe(lost_reason);
		}
	);
});
