import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildXlsx } from '../../../tests/unit/xlsx-fixture';
import { excelDateText, excelNumberText, readXlsxRows } from './xlsx';

describe('readXlsxRows', () => {
	it('readXlsxRows(bytes) reads the first sheet as text: strings, plain numbers, ISO dates, booleans', async () => {
		const bytes = buildXlsx([
			[{ s: 'Deal' }, { s: 'Amount' }, { s: 'Created' }, { s: 'Stage changed' }, { s: 'Won' }],
			// 46187 is 2026-06-14; 46187.388888889 is 09:20 that day (a float just under the minute).
			[
				{ s: 'Acme & Co' },
				{ n: '1234.5' },
				{ n: '46187', style: 1 },
				{ n: '46187.388888889', style: 2 },
				{ b: true }
			],
			[
				{ s: 'Сделка "Альфа"' },
				{ n: '0.30000000000000004' },
				{ n: '45000', style: 1 },
				null,
				{ b: false }
			],
			[{ s: 'Big id' }, { n: '189164774900123' }, null, null, null]
		]);
		expect(Array.from(bytes.subarray(0, 4))).toEqual([0x50, 0x4b, 0x03, 0x04]);
		expect(await readXlsxRows(bytes)).toEqual([
			['Deal', 'Amount', 'Created', 'Stage changed', 'Won'],
			['Acme & Co', '1234.5', '2026-06-14', '2026-06-14 09:20:00', 'TRUE'],
			['Сделка "Альфа"', '0.3', '2023-03-15', '', 'FALSE'],
			['Big id', '189164774900123', '', '', '']
		]);
	});

	it('readXlsxRows(bytes) rejects a zip that is not a workbook with the reason', async () => {
		const zip = zipSync({ 'notes.txt': strToU8('hello') });
		await expect(readXlsxRows(zip)).rejects.toThrow(/./);
	});
});

describe('excelDateText and excelNumberText', () => {
	it('excelDateText(date) writes the date, the time of day when there is one, a time alone for day 0', () => {
		expect(excelDateText(new Date(Date.UTC(2026, 5, 14)))).toBe('2026-06-14');
		expect(excelDateText(new Date(Date.UTC(2026, 5, 14, 9, 19, 59, 999)))).toBe(
			'2026-06-14 09:20:00'
		);
		expect(excelDateText(new Date(Date.UTC(1899, 11, 30, 13, 5)))).toBe('13:05:00');
	});

	it('excelNumberText(raw) keeps whole numbers as written and rounds others to 15 digits, no exponent', () => {
		expect(excelNumberText('123456789012345678')).toBe('123456789012345678');
		expect(excelNumberText('-42')).toBe('-42');
		expect(excelNumberText('1.0000000000000002')).toBe('1');
		expect(excelNumberText('1E-7')).toBe('0.0000001');
		expect(excelNumberText('1.5E+21')).toBe('1500000000000000000000');
		expect(excelNumberText('12,5')).toBe('12,5');
	});
});
