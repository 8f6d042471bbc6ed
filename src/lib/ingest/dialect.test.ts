import { describe, expect, it } from 'vitest';
import { sniffDialect } from './dialect';

describe('sniffDialect', () => {
	it('sniffDialect(head) finds a comma delimiter, the header and the rows', () => {
		const d = sniffDialect('id,owner,amount\n1,Ann,100\n2,Bob,200\n');
		expect(d).toEqual({
			delimiter: ',',
			skip: 0,
			columns: ['id', 'owner', 'amount'],
			rows: [
				['1', 'Ann', '100'],
				['2', 'Bob', '200']
			],
			trailingDelimiter: false
		});
	});

	it('sniffDialect(head) finds ; even when decimal commas are in the values', () => {
		const d = sniffDialect('id;amount;owner\n1;1,5;Ann\n2;2,25;Bob\n3;7;Cy\n');
		expect(d.delimiter).toBe(';');
		expect(d.columns).toEqual(['id', 'amount', 'owner']);
		expect(d.rows[0]).toEqual(['1', '1,5', 'Ann']);
	});

	it('sniffDialect(head) finds a tab delimiter when values hold commas', () => {
		const d = sniffDialect('id\tname\tamount\n1\tSmith, Ann\t1,200\n2\tIto, Bob\t3,400\n');
		expect(d.delimiter).toBe('\t');
		expect(d.columns).toEqual(['id', 'name', 'amount']);
		expect(d.rows[1]).toEqual(['2', 'Ito, Bob', '3,400']);
	});

	it('sniffDialect(head) finds a | delimiter', () => {
		const d = sniffDialect('id|owner|amount\n1|Ann|100\n2|Bob|200\n');
		expect(d.delimiter).toBe('|');
		expect(d.columns).toEqual(['id', 'owner', 'amount']);
	});

	it('sniffDialect(head) keeps a quoted delimiter inside one field', () => {
		const d = sniffDialect('id,name,amount\n1,"Smith, Ann","1,200.00"\n2,"Ito, Bob",5\n');
		expect(d.delimiter).toBe(',');
		expect(d.rows[0]).toEqual(['1', 'Smith, Ann', '1,200.00']);
	});

	it('sniffDialect(head) skips two report title lines above the header (Google Ads style)', () => {
		const head =
			'Campaign report\n"April 1, 2024 - June 30, 2024"\nDay,Campaign,Cost\n2024-04-01,Brand,12.50\n2024-04-02,Brand,7.25\n';
		const d = sniffDialect(head);
		expect(d.skip).toBe(2);
		expect(d.delimiter).toBe(',');
		expect(d.columns).toEqual(['Day', 'Campaign', 'Cost']);
		expect(d.rows).toEqual([
			['2024-04-01', 'Brand', '12.50'],
			['2024-04-02', 'Brand', '7.25']
		]);
	});

	it('sniffDialect(head) counts a blank line under the title in the lines to skip', () => {
		const d = sniffDialect('Pipeline report\n\nid,owner\n1,Ann\n2,Bob\n');
		expect(d.columns).toEqual(['id', 'owner']);
		expect(d.skip).toBe(2);
	});

	it('sniffDialect(head) strips a byte order mark from the first header name', () => {
		const d = sniffDialect('\ufeffid,owner\n1,Ann\n2,Bob\n');
		expect(d.columns).toEqual(['id', 'owner']);
	});

	it('sniffDialect(head) leaves out a last line cut off mid-way', () => {
		const d = sniffDialect('id,owner\n1,Ann\n2,Bo');
		expect(d.rows).toEqual([['1', 'Ann']]);
	});

	it('sniffDialect(head) keeps the last line when the head is the whole file (no final line break)', () => {
		const d = sniffDialect('id,owner\n1,Ann\n2,Bo', { complete: true });
		expect(d.rows).toEqual([
			['1', 'Ann'],
			['2', 'Bo']
		]);
		expect(sniffDialect('a,b,c\n1,2,3', { complete: true }).rows).toEqual([['1', '2', '3']]);
	});

	it('sniffDialect(head) sees the Bitrix24 `;` after every value, the last too, and drops that empty field', () => {
		const head = [
			'"ID";"Стадия сделки";"Сумма";',
			'"1";"Новая";"1 200,50";',
			'"2";"Сделка успешна";"300";',
			''
		].join('\n');
		const d = sniffDialect(head);
		expect(d.delimiter).toBe(';');
		expect(d.trailingDelimiter).toBe(true);
		expect(d.columns).toEqual(['ID', 'Стадия сделки', 'Сумма']);
		expect(d.rows).toEqual([
			['1', 'Новая', '1 200,50'],
			['2', 'Сделка успешна', '300']
		]);
	});

	it('sniffDialect(head) keeps a last column whose header is empty when a row has a value in it', () => {
		const d = sniffDialect('id;amount;\n1;5;\n2;7;note\n');
		expect(d.trailingDelimiter).toBe(false);
		expect(d.columns).toEqual(['id', 'amount', '']);
	});

	it('sniffDialect(head, {delimiters}) only tries the delimiters given', () => {
		const head = 'a;b;c,d\n1;2;3,4\n5;6;7,8\n';
		expect(sniffDialect(head).delimiter).toBe(';');
		const d = sniffDialect(head, { delimiters: [','] });
		expect(d.delimiter).toBe(',');
		expect(d.columns).toEqual(['a;b;c', 'd']);
	});
});
