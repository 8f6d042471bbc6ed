import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeDb } from '../db/node';
import type { Db } from '../db/types';
import { ident, sql } from '../sql/sql';
import { InputError, loadRawTable } from './raw-table';

let db: Db;
beforeAll(async () => {
	db = await startNodeDb();
});
afterAll(async () => {
	await db?.close();
});

async function rows(table: string, columns: string[]): Promise<string[][]> {
	const out = await db.query(sql`SELECT * EXCLUDE (__row) FROM ${ident(table)} ORDER BY __row`);
	return out.map((r) => columns.map((c) => r[c] as string));
}

/** A Salesforce report export: a ragged row, then the footer lines the report adds. */
const SALESFORCE = [
	'"Opportunity Name","Stage","Amount"',
	'"Opp A","Prospecting","100"',
	'"Opp B","Closed Won","200","extra"',
	'"Opp C","Closed Lost","300"',
	'',
	'"Grand Totals (3 records)"',
	'',
	'"Confidential Information - Do Not Distribute"',
	'"Copyright (c) 2000-2025 salesforce.com, inc. All rights reserved."',
	''
].join('\n');

describe('loadRawTable', () => {
	it('loadRawTable(db, file, table) loads the good rows of a report and names footer and ragged lines', async () => {
		const raw = await loadRawTable(db, { name: 'report.csv', source: SALESFORCE }, 'raw_sf');
		expect(raw.columns).toEqual(['Opportunity Name', 'Stage', 'Amount']);
		expect(raw.rowsLoaded).toBe(2);
		expect(await rows('raw_sf', raw.columns)).toEqual([
			['Opp A', 'Prospecting', '100'],
			['Opp C', 'Closed Lost', '300']
		]);
		expect(raw.rejected).toHaveLength(1);
		expect(raw.rejected[0].line).toBe(3);
		expect(raw.rejected[0].text).toContain('Opp B');
		expect(raw.rejected[0].problem).toMatch(/expected 3 fields, found 4|too many/i);
		const footerText = raw.footer.map((f) => f.text).join('\n');
		expect(footerText).toContain('Grand Totals (3 records)');
		expect(footerText).toContain('Confidential Information - Do Not Distribute');
		expect(footerText).toContain('Copyright');
		expect(raw.footer.map((f) => f.line)).toEqual(expect.arrayContaining([6, 8, 9]));
	});

	it('loadRawTable keeps numbers, leading zeros and long ids as text', async () => {
		const raw = await loadRawTable(
			db,
			{ name: 'ids.csv', source: 'id,amount\n007,1.50\n189164774900,2\n' },
			'raw_ids'
		);
		expect(await rows('raw_ids', raw.columns)).toEqual([
			['007', '1.50'],
			['189164774900', '2']
		]);
	});

	it('loadRawTable skips title lines above the header and numbers rejected lines in the file', async () => {
		const text =
			'Campaign report\n"All time"\nDay,Campaign,Cost\n2024-04-01,Brand,12.50\n2024-04-02,Brand\n2024-04-03,Generic,3\n';
		const raw = await loadRawTable(db, { name: 'ads.csv', source: text }, 'raw_ads');
		expect(raw.preamble).toBe(2);
		expect(raw.columns).toEqual(['Day', 'Campaign', 'Cost']);
		expect(await rows('raw_ads', raw.columns)).toEqual([
			['2024-04-01', 'Brand', '12.50'],
			['2024-04-03', 'Generic', '3']
		]);
		expect(raw.rejected.map((r) => r.line)).toEqual([5]);
	});

	it('loadRawTable skips a title and the blank line under it', async () => {
		const text = 'Pipeline report\n\nid,owner\n1,Ann\n2,Bob\n';
		const raw = await loadRawTable(db, { name: 'titled.csv', source: text }, 'raw_titled');
		expect(raw.columns).toEqual(['id', 'owner']);
		expect(await rows('raw_titled', raw.columns)).toEqual([
			['1', 'Ann'],
			['2', 'Bob']
		]);
	});

	it('loadRawTable reads ; files with decimal commas', async () => {
		const raw = await loadRawTable(
			db,
			{ name: 'semi.csv', source: 'id;amount\n1;1,5\n2;2,25\n' },
			'raw_semi'
		);
		expect(raw.delimiter).toBe(';');
		expect(await rows('raw_semi', raw.columns)).toEqual([
			['1', '1,5'],
			['2', '2,25']
		]);
	});

	it('loadRawTable throws an InputError for an empty file', async () => {
		const load = loadRawTable(db, { name: 'empty.csv', source: new Uint8Array() }, 'raw_empty');
		await expect(load).rejects.toThrow(InputError);
		await expect(loadRawTable(db, { name: 'empty.csv', source: '' }, 'raw_empty')).rejects.toThrow(
			'empty.csv: the file is empty'
		);
	});

	it('loadRawTable throws an InputError for a file with a header and no rows', async () => {
		const load = loadRawTable(
			db,
			{ name: 'header.csv', source: 'id,owner,amount\n' },
			'raw_header'
		);
		await expect(load).rejects.toThrow(InputError);
		await expect(
			loadRawTable(db, { name: 'header.csv', source: 'id,owner,amount\n' }, 'raw_header')
		).rejects.toThrow('header.csv: the file has a header but no rows');
	});

	it('loadRawTable throws an InputError for a binary file', async () => {
		const bytes = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0x14, 0]);
		await expect(
			loadRawTable(db, { name: 'deals.xlsx', source: bytes }, 'raw_bin')
		).rejects.toThrow(/binary file/);
	});

	it('loadRawTable drops a UTF-8 byte order mark from the first column name', async () => {
		const bytes = Uint8Array.from([
			0xef,
			0xbb,
			0xbf,
			...new TextEncoder().encode('id,owner\n1,Zoë\n')
		]);
		const raw = await loadRawTable(db, { name: 'bom.csv', source: bytes }, 'raw_bom');
		expect(raw.columns).toEqual(['id', 'owner']);
		expect(await rows('raw_bom', raw.columns)).toEqual([['1', 'Zoë']]);
	});

	it('loadRawTable loads windows-1251 bytes with the Cyrillic text intact', async () => {
		const text = 'id,Сделка,Ответственный\n1,Покупка,Иванов\n2,Продление,Петрова\n';
		const bytes = Uint8Array.from([...text], (ch) => {
			const c = ch.codePointAt(0)!;
			return c < 0x80 ? c : c - 0x410 + 0xc0;
		});
		const raw = await loadRawTable(db, { name: 'сделки.csv', source: bytes }, 'raw_1251');
		expect(raw.encoding).toBe('windows-1251');
		expect(raw.columns).toEqual(['id', 'Сделка', 'Ответственный']);
		expect(await rows('raw_1251', raw.columns)).toEqual([
			['1', 'Покупка', 'Иванов'],
			['2', 'Продление', 'Петрова']
		]);
	});

	it('loadRawTable loads UTF-16 LE bytes with a BOM', async () => {
		const text = 'Day\tCampaign\tCost\n2024-04-01\tMarca España\t12.50\n';
		const bytes = [0xff, 0xfe];
		for (let i = 0; i < text.length; i++)
			bytes.push(text.charCodeAt(i) & 0xff, text.charCodeAt(i) >> 8);
		const raw = await loadRawTable(
			db,
			{ name: 'ads16.csv', source: Uint8Array.from(bytes) },
			'raw_utf16'
		);
		expect(raw.encoding).toBe('utf-16le');
		expect(raw.columns).toEqual(['Day', 'Campaign', 'Cost']);
		expect(await rows('raw_utf16', raw.columns)).toEqual([['2024-04-01', 'Marca España', '12.50']]);
	});
});
