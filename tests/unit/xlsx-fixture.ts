import { strToU8, zipSync } from 'fflate';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** A cell of a test sheet: a shared string, a number (with a style index) or a boolean. */
export type Cell = { s: string } | { n: string; style?: number } | { b: boolean } | null;

const escapeXml = (text: string) =>
	text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A minimal .xlsx for tests, zipped with fflate (what read-excel-file unzips with) and written
 * part by part the way Excel lays it out: shared strings, and styles where style 1 is the
 * built-in date format 14 and style 2 a custom `yyyy-mm-dd hh:mm`.
 */
export function buildXlsx(rows: Cell[][], { sheetName = 'Deals' } = {}): Uint8Array {
	const strings: string[] = [];
	const sheetRows = rows
		.map((row, r) => {
			const cells = row
				.map((cell, c) => {
					if (cell === null) return '';
					const ref = `${String.fromCharCode(65 + c)}${r + 1}`;
					if ('s' in cell) {
						strings.push(cell.s);
						return `<c r="${ref}" t="s"><v>${strings.length - 1}</v></c>`;
					}
					if ('b' in cell) return `<c r="${ref}" t="b"><v>${cell.b ? 1 : 0}</v></c>`;
					const style = cell.style ? ` s="${cell.style}"` : '';
					return `<c r="${ref}"${style}><v>${cell.n}</v></c>`;
				})
				.join('');
			return `<row r="${r + 1}">${cells}</row>`;
		})
		.join('');
	const xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
	return zipSync({
		'[Content_Types].xml': strToU8(
			`${xml}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
				'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
				'<Default Extension="xml" ContentType="application/xml"/>' +
				'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
				'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
				'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
				'<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
				'</Types>'
		),
		'_rels/.rels': strToU8(
			`${xml}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`
		),
		'xl/workbook.xml': strToU8(
			`${xml}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="${sheetName}" sheetId="1" r:id="rId1"/></sheets></workbook>`
		),
		'xl/_rels/workbook.xml.rels': strToU8(
			`${xml}<Relationships xmlns="${PKG}">` +
				`<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
				`<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` +
				`<Relationship Id="rId3" Type="${REL}/styles" Target="styles.xml"/>` +
				'</Relationships>'
		),
		'xl/worksheets/sheet1.xml': strToU8(
			`${xml}<worksheet xmlns="${MAIN}"><sheetData>${sheetRows}</sheetData></worksheet>`
		),
		'xl/sharedStrings.xml': strToU8(
			`${xml}<sst xmlns="${MAIN}" count="${strings.length}" uniqueCount="${strings.length}">` +
				strings.map((s) => `<si><t xml:space="preserve">${escapeXml(s)}</t></si>`).join('') +
				'</sst>'
		),
		'xl/styles.xml': strToU8(
			`${xml}<styleSheet xmlns="${MAIN}">` +
				'<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd\\ hh:mm"/></numFmts>' +
				'<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
				'<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
				'<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
				'</cellXfs></styleSheet>'
		)
	});
}
