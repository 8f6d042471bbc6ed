import { describe, expect, it } from 'vitest';
import { useNodeDb } from '../../../tests/unit/node-db';
import { encodeCp1251, encodeLatin1 } from '../../../tests/generators/cp1251.mjs';
import { buildXlsx } from '../../../tests/unit/xlsx-fixture';
import { ident, sql } from '../sql/sql';
import { InputError, loadRawTable } from './raw-table';

const db = useNodeDb();

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
		).rejects.toThrow('deals.xlsx: this is a binary file, not a CSV export');
		const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
		await expect(loadRawTable(db, { name: 'logo.png', source: png }, 'raw_bin')).rejects.toThrow(
			/binary file, not a CSV export/
		);
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

const utf8 = (text: string) => new TextEncoder().encode(text);
const withBom = (bytes: Uint8Array) => Uint8Array.from([0xef, 0xbb, 0xbf, ...bytes]);

/** A Bitrix24 CSV export: every value quoted and followed by `;`, the last one too. */
const BITRIX_CSV = [
	'"ID";"Название сделки";"Стадия сделки";"Сумма";"Сделка закрыта";',
	'"101";"Окна; двери";"Новая";"1 200,50";"Нет";',
	'"102";"Ремонт ""под ключ""";"Сделка успешна";"35 000";"Да";',
	'"103";"";"Сделка провалена";"";"Да";',
	''
].join('\r\n');

describe('loadRawTable: Bitrix24 exports', () => {
	const expected = [
		['101', 'Окна; двери', 'Новая', '1 200,50', 'Нет'],
		['102', 'Ремонт "под ключ"', 'Сделка успешна', '35 000', 'Да'],
		['103', null, 'Сделка провалена', null, 'Да']
	];
	const columns = ['ID', 'Название сделки', 'Стадия сделки', 'Сумма', 'Сделка закрыта'];

	it('loadRawTable reads the `;` after every value as no column at all (UTF-8 with BOM)', async () => {
		const raw = await loadRawTable(
			db,
			{ name: 'deals.csv', source: withBom(utf8(BITRIX_CSV)) },
			'raw_bx'
		);
		expect(raw.delimiter).toBe(';');
		expect(raw.columns).toEqual(columns);
		expect(raw.preview[0]).toEqual(['101', 'Окна; двери', 'Новая', '1 200,50', 'Нет']);
		expect(await rows('raw_bx', raw.columns)).toEqual(expected);
		expect(raw.rowsLoaded).toBe(3);
		expect(raw.rejected).toEqual([]);
		expect(raw.footer).toEqual([]);
		const described = await db.query(sql`DESCRIBE raw_bx`);
		expect(described.map((r) => r.column_name)).toEqual(['__row', ...columns]);
	});

	it('loadRawTable reads the same export in windows-1251', async () => {
		const raw = await loadRawTable(
			db,
			{ name: 'deals.csv', source: encodeCp1251(BITRIX_CSV) },
			'raw_bx'
		);
		expect(raw.encoding).toBe('windows-1251');
		expect(raw.columns).toEqual(columns);
		expect(await rows('raw_bx', raw.columns)).toEqual(expected);
		expect(raw.rejected).toEqual([]);
	});

	it('loadRawTable keeps the nameless last column when a row past the preview has a value in it', async () => {
		const lines = ['"id";"amount";'];
		for (let i = 1; i <= 60; i++) lines.push(`"${i}";"${i * 10}";`);
		lines.push('"61";"610";"a note"');
		const raw = await loadRawTable(db, { name: 'tail.csv', source: lines.join('\n') }, 'raw_tail');
		expect(raw.rowsLoaded).toBe(61);
		expect(raw.columns).toHaveLength(3);
		expect(raw.columns.slice(0, 2)).toEqual(['id', 'amount']);
		const [last] = await db.query(sql`SELECT * EXCLUDE (__row) FROM raw_tail WHERE id = '61'`);
		expect(last[raw.columns[2]]).toBe('a note');
	});

	it('loadRawTable reads the "Excel" export (an HTML table in windows-1251) as rows', async () => {
		const html = [
			'<meta http-equiv="Content-type" content="text/html;charset=windows-1251" />',
			'<table border="1"><thead><tr><th>ID</th><th>Название сделки</th><th>Сумма</th><th>Комментарий</th></tr></thead>',
			'<tbody><tr><td>101</td><td>ООО &quot;Альфа&quot; &amp; Ко</td><td>1&nbsp;200,50</td><td>звонок<br>письмо</td></tr>',
			'<tr><td>102</td><td>Ромашка</td><td>300</td><td></td></tr></tbody></table>'
		].join('\n');
		const raw = await loadRawTable(
			db,
			{ name: 'deals.xls', source: encodeCp1251(html) },
			'raw_html'
		);
		expect(raw.format).toBe('html');
		expect(raw.encoding).toBe('windows-1251');
		expect(raw.columns).toEqual(['ID', 'Название сделки', 'Сумма', 'Комментарий']);
		expect(await rows('raw_html', raw.columns)).toEqual([
			['101', 'ООО "Альфа" & Ко', '1\u00a0200,50', 'звонок\nписьмо'],
			['102', 'Ромашка', '300', null]
		]);
		expect(raw.rejected).toEqual([]);
	});

	it('loadRawTable takes the windows-1251 an HTML export declares when its text is too short to tell', async () => {
		const html =
			'<meta http-equiv="Content-type" content="text/html;charset=windows-1251" />' +
			'<table><tr><th>ID</th><th>Class</th></tr><tr><td>1</td><td>я</td></tr></table>';
		const raw = await loadRawTable(
			db,
			{ name: 'short.xls', source: encodeCp1251(html) },
			'raw_html'
		);
		expect(raw.encoding).toBe('windows-1251');
		expect(await rows('raw_html', raw.columns)).toEqual([['1', 'я']]);
	});

	it('loadRawTable names an HTML file with no table', async () => {
		await expect(
			loadRawTable(
				db,
				{ name: 'deals.xls', source: utf8('<html><body>Нет сделок</body></html>') },
				'raw_html'
			)
		).rejects.toThrow('deals.xls: this is an HTML page with no table in it, not a data export');
	});
});

describe('loadRawTable: Excel files', () => {
	it('loadRawTable reads the first sheet of an .xlsx, dates as ISO text and numbers plain', async () => {
		const bytes = buildXlsx([
			[{ s: 'Deal Name' }, { s: 'Amount' }, { s: 'Create Date' }, { s: 'Deal Stage' }],
			[
				{ s: 'Acme, Inc.' },
				{ n: '1200.5' },
				{ n: '46187.388888889', style: 2 },
				{ s: 'Closed Won' }
			],
			[{ s: 'Globex' }, { n: '300' }, { n: '46188', style: 1 }, null]
		]);
		const raw = await loadRawTable(db, { name: 'deals.xlsx', source: bytes }, 'raw_xlsx');
		expect(raw.format).toBe('xlsx');
		expect(raw.columns).toEqual(['Deal Name', 'Amount', 'Create Date', 'Deal Stage']);
		expect(await rows('raw_xlsx', raw.columns)).toEqual([
			['Acme, Inc.', '1200.5', '2026-06-14 09:20:00', 'Closed Won'],
			['Globex', '300', '2026-06-15', null]
		]);
		expect(raw.preview).toEqual([
			['Acme, Inc.', '1200.5', '2026-06-14 09:20:00', 'Closed Won'],
			['Globex', '300', '2026-06-15', '']
		]);
	});

	it('loadRawTable skips the title of a report saved as .xlsx and reports its footer', async () => {
		const bytes = buildXlsx([
			[{ s: 'Opportunities by stage' }],
			[],
			[{ s: 'Opportunity Name' }, { s: 'Stage' }, { s: 'Amount' }],
			[{ s: 'Opp A' }, { s: 'Prospecting' }, { n: '100' }],
			[{ s: 'Opp B' }, null, { n: '200' }],
			[{ s: 'Grand Totals (2 records)' }]
		]);
		const raw = await loadRawTable(db, { name: 'report.xlsx', source: bytes }, 'raw_xlsx');
		expect(raw.preamble).toBe(1);
		expect(raw.columns).toEqual(['Opportunity Name', 'Stage', 'Amount']);
		expect(await rows('raw_xlsx', raw.columns)).toEqual([
			['Opp A', 'Prospecting', '100'],
			['Opp B', null, '200']
		]);
		expect(raw.footer.map((f) => f.text)).toEqual(['"Grand Totals (2 records)"']);
		expect(raw.rejected).toEqual([]);
	});

	it('loadRawTable refuses an old binary .xls with what to do', async () => {
		const ole = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
		await expect(loadRawTable(db, { name: 'old.xls', source: ole }, 'raw_old')).rejects.toThrow(
			'old.xls: this is an old binary Excel file (.xls): save it as CSV or .xlsx and load that'
		);
	});
});

describe('loadRawTable: encodings', () => {
	it('loadRawTable(…, {encoding}) reads the bytes in the encoding asked for, over the sniffed one', async () => {
		const bytes = encodeCp1251('id,Сделка\n1,Покупка\n');
		const sniffed = await loadRawTable(db, { name: 'a.csv', source: bytes }, 'raw_enc');
		expect(sniffed.encoding).toBe('windows-1251');
		expect(sniffed.columns).toEqual(['id', 'Сделка']);
		const forced = await loadRawTable(db, { name: 'a.csv', source: bytes }, 'raw_enc', {
			encoding: 'windows-1252'
		});
		expect(forced.encoding).toBe('windows-1252');
		expect(forced.columns).toEqual(['id', 'Ñäåëêà']);
		expect(await rows('raw_enc', forced.columns)).toEqual([['1', 'Ïîêóïêà']]);
	});

	it('loadRawTable(…, {encoding: "utf-8"}) on windows-1251 bytes shows replacement characters, not an error', async () => {
		const bytes = encodeCp1251('id,name\n1,Иван\n');
		const raw = await loadRawTable(db, { name: 'b.csv', source: bytes }, 'raw_enc', {
			encoding: 'utf-8'
		});
		expect(raw.encoding).toBe('utf-8');
		expect(await rows('raw_enc', raw.columns)).toEqual([['1', '\ufffd'.repeat(4)]]);
		expect(raw.rejected).toEqual([]);
	});

	it('loadRawTable reads a small windows-1252 file whose only non-ASCII byte is its last', async () => {
		const bytes = Uint8Array.from([...utf8('id,name\n1,Ann\n2,Caf'), 0xe9]);
		const raw = await loadRawTable(db, { name: 'c.csv', source: bytes }, 'raw_enc');
		expect(raw.encoding).toBe('windows-1252');
		expect(await rows('raw_enc', raw.columns)).toEqual([
			['1', 'Ann'],
			['2', 'Café']
		]);
	});

	it('loadRawTable reads a file again, decoded, when its first non-ASCII byte comes after the sniffed head', async () => {
		const lines = ['id,name,city'];
		// Counted as it grows (joining every time is quadratic: tens of seconds on a busy machine).
		for (let i = 0, size = lines[0].length; size < 300_000; i++) {
			lines.push(`${i},Person ${i},Paris`);
			size += lines[lines.length - 1].length + 1;
		}
		const head = utf8(lines.join('\n') + '\n');
		// é 0xE9, ü 0xFC, ö 0xF6.
		const tail = encodeLatin1('99999,José Müller,Köln\n');
		const bytes = new Uint8Array(head.length + tail.length);
		bytes.set(head);
		bytes.set(tail, head.length);
		const raw = await loadRawTable(db, { name: 'big.csv', source: bytes }, 'raw_enc');
		expect(raw.encoding).toBe('windows-1252');
		expect(raw.rejected).toEqual([]);
		expect(raw.rowsLoaded).toBe(lines.length);
		const [last] = await db.query(sql`SELECT name, city FROM raw_enc WHERE id = '99999'`);
		expect(last).toEqual({ name: 'José Müller', city: 'Köln' });
	});
});

describe('loadRawTable: whole small files', () => {
	it('loadRawTable keeps a last row that has no line break after it', async () => {
		const raw = await loadRawTable(
			db,
			{ name: 'one.csv', source: utf8('first,last,city\nJohn,Doe,"Anytown, WW"') },
			'raw_one'
		);
		expect(await rows('raw_one', raw.columns)).toEqual([['John', 'Doe', 'Anytown, WW']]);
	});

	it('loadRawTable(db, file, table) reads lines ending in \\r\\n and \\n both as the rows a spreadsheet shows, as text, bytes or a file', async () => {
		const lines = ['Deal,Stage,Created', 'A,Won,2024-01-01', '"B, Inc.",Lost,2024-01-02'];
		const more = ['C,Won,2024-01-03', 'D,Open,2024-01-04'];
		const texts = [
			// Two files concatenated; a file edited by hand; \r\n first then \n; \n first then \r\n.
			lines.join('\r\n') + '\r\n' + more.join('\n') + '\n',
			[...lines, ...more].map((l, i) => l + (i % 2 ? '\n' : '\r\n')).join(''),
			lines[0] + '\r\n' + [...lines.slice(1), ...more].join('\n'),
			lines.join('\n') + '\n' + more.join('\r\n') + '\r\n'
		];
		const expected = [
			['A', 'Won', '2024-01-01'],
			['B, Inc.', 'Lost', '2024-01-02'],
			['C', 'Won', '2024-01-03'],
			['D', 'Open', '2024-01-04']
		];
		for (const text of texts)
			for (const source of [text, new TextEncoder().encode(text), new Blob([text])]) {
				const raw = await loadRawTable(db, { name: 'mixed.csv', source }, 'raw_mixed');
				expect(raw.columns).toEqual(['Deal', 'Stage', 'Created']);
				expect(await rows('raw_mixed', raw.columns)).toEqual(expected);
				expect(raw.rejected).toEqual([]);
			}
	});

	it('loadRawTable(db, file, table) names a header of 100,000 columns and a 50 MB field for what they are', async () => {
		const columns = Array.from({ length: 100_000 }, (_, i) => `c${i}`);
		const wide = `${columns.join(',')}\n${columns.map(() => '1').join(',')}\n`;
		await expect(loadRawTable(db, { name: 'wide.csv', source: wide }, 'raw_wide')).rejects.toThrow(
			/^wide\.csv: the header has more than [\d,]+ columns \(in its first 256 kB alone\), more than the 10,000 a CRM export has: export only the deals' columns$/
		);
		const field = 'x'.repeat(50 * 1024 * 1024);
		const big = new TextEncoder().encode(`id,stage\n1,${field}\n2,Won\n`);
		await expect(loadRawTable(db, { name: 'big.csv', source: big }, 'raw_big')).rejects.toThrow(
			'big.csv: line 2 is longer than 256 kB (a field that large is not from a CRM export): remove that field, or export without it'
		);
		const header = Array.from({ length: 12_000 }, (_, i) => `c${i}`).join(',');
		await expect(
			loadRawTable(db, { name: 'w.csv', source: `${header}\n${header}\n` }, 'raw_w')
		).rejects.toThrow(
			'w.csv: the header has 12,000 columns, more than the 10,000 a CRM export has'
		);
	});
});
