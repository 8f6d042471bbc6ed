/**
 * HTML tables saved as `.xls` (the Bitrix24 "Excel" export: `<meta … charset=windows-1251>` and
 * one `<table>`). A small tokenizer, not a DOM: the engine also runs in Node, which has no
 * DOMParser, and the text never becomes markup — cells come out as plain strings.
 */

import { cp1252Char, type Encoding } from './decode';

/** Does this text look like an HTML document (or fragment) rather than CSV? */
export function looksLikeHtml(head: string): boolean {
	const start = head.replace(/^\ufeff/, '').trimStart();
	if (!start.startsWith('<')) return false;
	return /<(table|html|meta|head|body|!doctype)\b/i.test(head);
}

/** The charset an HTML head declares (`<meta charset=…>` or `content="text/html; charset=…"`), lower case. */
export function declaredCharset(head: string): string | null {
	for (const [tag] of head.matchAll(/<meta\b[^>]*>/gi)) {
		const found = /charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(tag);
		if (found) return found[1].toLowerCase();
	}
	return null;
}

/** The single-byte code page an HTML `<meta charset>` names, if it is one we read. */
export function singleByteCharset(head: string): Encoding | null {
	const charset = declaredCharset(head);
	if (charset === null) return null;
	if (/^(windows-1251|cp-?1251|x-cp1251)$/.test(charset)) return 'windows-1251';
	if (/^(windows-1252|cp-?1252|iso-8859-1|latin-?1|us-ascii)$/.test(charset)) return 'windows-1252';
	return null;
}

/** Latin-1 entity names for U+00A0 … U+00FF, in order. */
const LATIN1 = (
	'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn ' +
	'sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave ' +
	'Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ' +
	'ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN ' +
	'szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute ' +
	'icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml ' +
	'yacute thorn yuml'
).split(' ');

const ENTITIES = new Map<string, string>([
	...LATIN1.map((name, i): [string, string] => [name, String.fromCharCode(0xa0 + i)]),
	['amp', '&'],
	['lt', '<'],
	['gt', '>'],
	['quot', '"'],
	['apos', "'"],
	['ndash', '\u2013'],
	['mdash', '\u2014'],
	['minus', '\u2212'],
	['hellip', '\u2026'],
	['bull', '\u2022'],
	['lsquo', '\u2018'],
	['rsquo', '\u2019'],
	['sbquo', '\u201a'],
	['ldquo', '\u201c'],
	['rdquo', '\u201d'],
	['bdquo', '\u201e'],
	['euro', '\u20ac'],
	['trade', '\u2122'],
	['numero', '\u2116'],
	['ensp', '\u2002'],
	['emsp', '\u2003'],
	['thinsp', '\u2009'],
	['zwnj', '\u200c'],
	['zwj', '\u200d'],
	['lrm', '\u200e'],
	['rlm', '\u200f']
]);

/** Entities old pages write without the `;` (HTML still reads them). */
const LEGACY = new Set(['amp', 'lt', 'gt', 'quot', 'nbsp', 'copy', 'reg']);

function fromCodePoint(code: number): string {
	// References to 0x80–0x9F mean the windows-1252 character, as browsers read them.
	if (code >= 0x80 && code <= 0x9f) return cp1252Char(code);
	if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
	return String.fromCodePoint(code);
}

/** Replace character references: `&amp;`, `&nbsp;`, `&#1234;`, `&#x4D2;`. Unknown ones stay as written. */
export function decodeEntities(text: string): string {
	if (!text.includes('&')) return text;
	return text.replace(
		/&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*)(;?)/g,
		(all, ref, semi) => {
			if (ref[0] === '#') {
				const code =
					ref[1] === 'x' || ref[1] === 'X'
						? parseInt(ref.slice(2), 16)
						: parseInt(ref.slice(1), 10);
				return fromCodePoint(code);
			}
			const named = ENTITIES.get(ref);
			if (named !== undefined && (semi || LEGACY.has(ref))) return named;
			if (!semi) {
				// `&ampD`, `&nbsp200`: a legacy name runs into the text after it.
				for (const name of LEGACY) {
					if (ref.startsWith(name)) return ENTITIES.get(name) + all.slice(name.length + 1);
				}
			}
			return all;
		}
	);
}

/** Elements whose content is not markup: skipped whole. */
const RAW_TEXT = new Set(['script', 'style', 'title', 'textarea', 'xmp']);
/** Block elements that start a new line inside a cell (after some text). */
const BLOCKS = new Set(['p', 'div', 'li', 'ul', 'ol']);

interface Tag {
	name: string;
	closing: boolean;
	attrs: string;
	/** Index just past the `>`. */
	end: number;
}

/** Read the tag starting at `text[i] === '<'`, or null when the `<` is text. */
function readTag(text: string, i: number): Tag | null {
	const m = /^<(\/?)([A-Za-z][A-Za-z0-9:-]*)/.exec(text.slice(i, i + 64));
	if (!m) return null;
	// The `>` that ends the tag, skipping quoted attribute values.
	let j = i + m[0].length;
	let quote = '';
	for (; j < text.length; j++) {
		const ch = text[j];
		if (quote) {
			if (ch === quote) quote = '';
		} else if (ch === '"' || ch === "'") quote = ch;
		else if (ch === '>') break;
	}
	return {
		name: m[2].toLowerCase(),
		closing: m[1] === '/',
		attrs: text.slice(i + m[0].length, j),
		end: j + 1
	};
}

function attribute(attrs: string, name: string): string | null {
	const re = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i');
	const m = re.exec(attrs);
	return m ? (m[1] ?? m[2] ?? m[3]) : null;
}

/** Cell text: HTML whitespace collapsed, entities read, `<br>` as a line break, trimmed. */
function cellText(lines: string[]): string {
	const out = lines.map((line) => decodeEntities(line.replace(/[ \t\n\r\f]+/g, ' ')).trim());
	while (out.length && out[0] === '') out.shift();
	while (out.length && out[out.length - 1] === '') out.pop();
	return out.join('\n');
}

/**
 * The rows of the first `<table>` in an HTML document: one string per `<td>`/`<th>` (a `colspan`
 * adds empty cells after it), rows without cells left out. A table nested in a cell adds its text
 * to that cell. Null when the document has no table.
 */
export function htmlTableRows(html: string): string[][] | null {
	const rows: string[][] = [];
	let depth = 0; // table nesting: 1 is the table we read
	let found = false;
	let row: string[] | null = null;
	let cell: string[] | null = null; // the cell's lines, as raw HTML text
	let span = 1;
	let lower: string | null = null; // the document in lower case, to find `</script>` and the like

	const endCell = () => {
		if (!cell) return;
		row ??= [];
		row.push(cellText(cell));
		for (let k = 1; k < span; k++) row.push('');
		cell = null;
		span = 1;
	};
	const endRow = () => {
		endCell();
		if (row && row.length > 0) rows.push(row);
		row = null;
	};
	/** Start a new line in the cell; `always` for `<br>`, else only after some text. */
	const newLine = (always = false) => {
		if (cell && (always || cell[cell.length - 1].trim() !== '')) cell.push('');
	};

	let i = 0;
	while (i < html.length) {
		const lt = html.indexOf('<', i);
		const textEnd = lt === -1 ? html.length : lt;
		if (textEnd > i) {
			if (cell) cell[cell.length - 1] += html.slice(i, textEnd);
			i = textEnd;
			continue;
		}
		// html[i] === '<'
		if (html.startsWith('<!--', i)) {
			const close = html.indexOf('-->', i + 4);
			i = close === -1 ? html.length : close + 3;
			continue;
		}
		if (html.startsWith('<![CDATA[', i)) {
			const close = html.indexOf(']]>', i + 9);
			const end = close === -1 ? html.length : close;
			// CDATA text is literal: escape the `&` so entity decoding leaves it alone.
			if (cell) cell[cell.length - 1] += html.slice(i + 9, end).replace(/&/g, '&amp;');
			i = close === -1 ? html.length : close + 3;
			continue;
		}
		if (html[i + 1] === '!' || html[i + 1] === '?') {
			const close = html.indexOf('>', i);
			i = close === -1 ? html.length : close + 1;
			continue;
		}
		const tag = readTag(html, i);
		if (!tag) {
			if (cell) cell[cell.length - 1] += '<';
			i++;
			continue;
		}
		i = tag.end;
		if (!tag.closing && RAW_TEXT.has(tag.name)) {
			lower ??= html.toLowerCase();
			const close = lower.indexOf(`</${tag.name}`, i);
			i = close === -1 ? html.length : html.indexOf('>', close) + 1 || html.length;
			continue;
		}
		if (tag.name === 'table') {
			if (tag.closing) {
				depth--;
				if (depth === 0 && found) {
					endRow();
					return rows;
				}
				if (depth < 0) depth = 0;
			} else {
				if (depth === 0) found = true;
				depth++;
			}
			continue;
		}
		if (depth === 0) continue;
		if (depth > 1) {
			// A table inside a cell: its cells become text of the outer cell.
			if (tag.closing && (tag.name === 'td' || tag.name === 'th')) {
				if (cell) cell[cell.length - 1] += ' ';
			} else if (tag.closing && tag.name === 'tr') newLine();
			else if (tag.name === 'br') newLine(true);
			continue;
		}
		switch (tag.name) {
			case 'tr':
				endRow();
				if (!tag.closing) row = [];
				break;
			case 'td':
			case 'th':
				endCell();
				if (!tag.closing) {
					cell = [''];
					const n = Number(attribute(tag.attrs, 'colspan'));
					span = Number.isInteger(n) && n > 1 && n <= 1000 ? n : 1;
				}
				break;
			case 'thead':
			case 'tbody':
			case 'tfoot':
				endRow();
				break;
			default:
				if (tag.name === 'br') newLine(true);
				else if (BLOCKS.has(tag.name)) newLine();
		}
	}
	if (!found) return null;
	endRow();
	return rows;
}
