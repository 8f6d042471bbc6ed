import { describe, expect, it } from 'vitest';
import { encodeCp1251 } from '../../../tests/generators/cp1251.mjs';
import { PREVIEW_BYTES, quickPreview } from './quick-preview';

describe('quickPreview: header and first rows from the first 64 kB', () => {
	it('reads the header and rows of a long file from its head only, the cut last line left out', async () => {
		const rows = Array.from({ length: 5000 }, (_, i) => `${i};Deal ${i};${i * 10},5`);
		const bytes = new TextEncoder().encode(['id;name;amount', ...rows].join('\n'));
		expect(bytes.length).toBeGreaterThan(PREVIEW_BYTES);
		const p = await quickPreview({ name: 'big.csv', source: new Blob([bytes]) });
		expect(p).toMatchObject({ file: 'big.csv', encoding: 'utf-8', delimiter: ';' });
		expect(p?.columns).toEqual(['id', 'name', 'amount']);
		expect(p?.rows[0]).toEqual(['0', 'Deal 0', '0,5']);
		expect(p?.rows.every((r) => r.length === 3)).toBe(true);
	});

	it('decodes windows-1251 as sniffed, or in the encoding chosen', async () => {
		const text = 'Название сделки,Этап сделки,Бюджет\nПоставка,Переговоры,1000\n';
		const bytes = encodeCp1251(text);
		const sniffed = await quickPreview({ name: 'amo.csv', source: bytes });
		expect(sniffed?.encoding).toBe('windows-1251');
		expect(sniffed?.columns).toEqual(['Название сделки', 'Этап сделки', 'Бюджет']);
		const chosen = await quickPreview({ name: 'amo.csv', source: bytes }, 'windows-1252');
		expect(chosen?.encoding).toBe('windows-1252');
		expect(chosen?.columns[0]).not.toBe('Название сделки');
	});

	it('leaves workbooks and HTML tables to the full reader', async () => {
		const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 8, 0]);
		expect(await quickPreview({ name: 'x.xlsx', source: zip })).toBeNull();
		expect(
			await quickPreview({ name: 'x.xls', source: '<html><table><tr><td>a</td></tr></table>' })
		).toBeNull();
	});
});
