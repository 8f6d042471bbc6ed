import { describe, expect, it } from 'vitest';
import { declaredCharset, decodeEntities, htmlTableRows, looksLikeHtml } from './html-table';

/** The shape of the Bitrix24 "Excel" export (crm.deal.list, excel template). */
const BITRIX = `<meta http-equiv="Content-type" content="text/html;charset=windows-1251" />
	<table border="1">
	<thead>
		<tr><th>ID</th><th>Название</th><th>Стадия сделки</th><th>Сумма</th><th>Комментарий</th></tr>
	</thead>
	<tbody><tr><td>1</td><td>ООО &quot;Альфа&quot; &amp; партнёры</td><td>Новая</td><td>1&nbsp;200,50</td><td>первая строка<br>вторая строка</td></tr><tr><td>2</td><td>Ромашка &#8470;&#x31;</td><td>Сделка успешна</td><td>300</td><td>
		</td></tr></tbody>
	</table>`;

describe('looksLikeHtml and declaredCharset', () => {
	it('looksLikeHtml(head) tells an HTML table export from CSV by its content', () => {
		expect(looksLikeHtml(BITRIX)).toBe(true);
		expect(looksLikeHtml('\ufeff  <html><body><table><tr><td>1</td></tr></table>')).toBe(true);
		expect(looksLikeHtml('<!DOCTYPE html>\n<html>')).toBe(true);
		expect(looksLikeHtml('id,name\n1,"<table>"\n')).toBe(false);
		expect(looksLikeHtml('<id>,name\n1,2\n')).toBe(false);
	});

	it('declaredCharset(head) reads <meta charset> and http-equiv content, lower case', () => {
		expect(declaredCharset(BITRIX)).toBe('windows-1251');
		expect(declaredCharset('<meta charset="UTF-8"><table>')).toBe('utf-8');
		expect(
			declaredCharset("<meta http-equiv='Content-Type' content='text/html; charset=CP1251'>")
		).toBe('cp1251');
		expect(declaredCharset('<table><tr><td>charset=x</td></tr></table>')).toBeNull();
	});
});

describe('decodeEntities', () => {
	it('decodeEntities(text) reads named, decimal and hex references and leaves unknown ones', () => {
		expect(decodeEntities('a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;')).toBe(
			`a & b <c> "d" 'e'`
		);
		expect(decodeEntities('1&nbsp;200 &#1234; &#x4D2; &#8470;5')).toBe('1\u00a0200 Ӓ Ӓ №5');
		expect(decodeEntities('&laquo;Ромашка&raquo; &mdash; &eacute;t&eacute;')).toBe(
			'«Ромашка» — été'
		);
		// Legacy references without `;`, and windows-1252 meanings of &#128;–&#159;.
		expect(decodeEntities('R&ampD 1&nbsp200 &#150; &#128;')).toBe('R&D 1\u00a0200 – €');
		expect(decodeEntities('&bogus; &euro &#0;')).toBe('&bogus; &euro \ufffd');
	});
});

describe('htmlTableRows', () => {
	it('htmlTableRows(html) reads the Bitrix24 export: th/td cells, entities, <br> as a line break, whitespace collapsed', () => {
		expect(htmlTableRows(BITRIX)).toEqual([
			['ID', 'Название', 'Стадия сделки', 'Сумма', 'Комментарий'],
			['1', 'ООО "Альфа" & партнёры', 'Новая', '1\u00a0200,50', 'первая строка\nвторая строка'],
			['2', 'Ромашка №1', 'Сделка успешна', '300', '']
		]);
	});

	it('htmlTableRows(html) reads only the first table and skips style, script, comments and the title', () => {
		const html = `<!DOCTYPE html><html><head><title>Deals</title>
			<style>td {mso-number-format:\\@;} /* <td>not a cell</td> */</style>
			<script>var s = "<table><tr><td>no</td></tr></table>";</script></head>
			<body><!-- <table><tr><td>commented</td></tr></table> -->
			<TABLE border=1><TR><TD>id<TD>owner
			<TR><TD>1<TD>Ann   Lee</TABLE>
			<table><tr><td>second table</td></tr></table></body></html>`;
		expect(htmlTableRows(html)).toEqual([
			['id', 'owner'],
			['1', 'Ann Lee']
		]);
	});

	it('htmlTableRows(html) pads a colspan with empty cells and keeps the text of tags inside a cell', () => {
		const html = `<table><tr><td colspan="2">Total</td><td>5</td></tr>
			<tr><td><a href="x">Acme</a> <b>Ltd</b></td><td><p>one</p><p>two</p></td><td>7</td></tr></table>`;
		expect(htmlTableRows(html)).toEqual([
			['Total', '', '5'],
			['Acme Ltd', 'one\ntwo', '7']
		]);
	});

	it('htmlTableRows(html) adds a table nested in a cell as that cell text', () => {
		const html =
			'<table><tr><td>a</td><td><table><tr><td>x</td><td>y</td></tr></table></td></tr><tr><td>b</td><td>c</td></tr></table>';
		expect(htmlTableRows(html)).toEqual([
			['a', 'x y'],
			['b', 'c']
		]);
	});

	it('htmlTableRows(html) keeps a literal < and CDATA text, and gives null without a table', () => {
		expect(
			htmlTableRows('<table><tr><td>a < b</td><td><![CDATA[x & <y>]]></td></tr></table>')
		).toEqual([['a < b', 'x & <y>']]);
		expect(htmlTableRows('<html><body><p>No deals found</p></body></html>')).toBeNull();
	});
});
