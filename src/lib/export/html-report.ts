// The standalone report: one self-contained HTML file with a view's figures, charts (inline SVG),
// filters and warnings. Aggregates only; no script, no network, every text escaped.
import { escapeHtml as esc, safeColor, safeSvg } from './html-escape';
import { REPORT_CSS } from './html-report-style';

/** A table cell: text, optionally shaded (the cohort heatmap). */
export type ReportCell = string | { text: string; fill?: string; ink?: string };

export interface ReportRow {
	cells: ReportCell[];
	/** Machine-readable values as `data-*` attributes (lowercase names), for checks and tools. */
	data?: Record<string, string | number | null>;
}

export interface ReportTable {
	caption?: string;
	columns: string[];
	rows: ReportRow[];
	/** A totals row. */
	foot?: ReportRow;
}

export interface ReportSection {
	id: string;
	title: string;
	caption?: string;
	/** SVG markup of the panel's charts, as serialised from the page. */
	charts: string[];
	tables: ReportTable[];
	notes?: string[];
}

export interface ReportKpi {
	key: string;
	label: string;
	value: string;
	detail: string;
	/** The exact figure (as in the metrics JSON). */
	raw: number | null;
	change: { text: string; good: boolean } | null;
	changeTitle?: string;
	/** The card's sparkline (SVG markup). */
	spark?: string;
}

export interface ReportDocument {
	lang: string;
	title: string;
	/** When the report was made, already formatted. */
	generated: string;
	period: { from: string; to: string };
	filters: { label: string; values: string[] }[];
	sources: string[];
	kpis: ReportKpi[];
	sections: ReportSection[];
	warnings: string[];
	labels: {
		period: string;
		filters: string;
		noFilters: string;
		sources: string;
		generated: string;
		warnings: string;
		footer: string;
	};
}

const dataName = (key: string) => (/^[a-z][a-z0-9-]*$/.test(key) ? `data-${key}` : null);

function attrs(data: ReportRow['data']): string {
	if (!data) return '';
	return Object.entries(data)
		.map(([key, value]) => {
			const name = dataName(key);
			return name ? ` ${name}="${esc(value === null ? '' : String(value))}"` : '';
		})
		.join('');
}

function cell(c: ReportCell, tag: 'td' | 'th'): string {
	if (typeof c === 'string') return `<${tag}>${esc(c)}</${tag}>`;
	const fill = c.fill ? safeColor(c.fill) : null;
	const ink = c.ink ? safeColor(c.ink) : null;
	const style = [fill && `background:${fill}`, ink && `color:${ink}`].filter(Boolean).join(';');
	return `<${tag}${style ? ` style="${style}"` : ''}>${esc(c.text)}</${tag}>`;
}

function row(r: ReportRow): string {
	const [first, ...rest] = r.cells;
	return `<tr${attrs(r.data)}>${first === undefined ? '' : cell(first, 'th')}${rest.map((c) => cell(c, 'td')).join('')}</tr>`;
}

function table(t: ReportTable): string {
	return [
		'<div class="scroll"><table>',
		t.caption ? `<caption>${esc(t.caption)}</caption>` : '',
		`<thead><tr>${t.columns.map((c) => `<th scope="col">${esc(c)}</th>`).join('')}</tr></thead>`,
		`<tbody>${t.rows.map(row).join('')}</tbody>`,
		t.foot ? `<tfoot>${row(t.foot)}</tfoot>` : '',
		'</table></div>'
	].join('');
}

function section(s: ReportSection): string {
	const charts = s.charts
		.map((svg) => safeSvg(svg))
		.filter((svg) => svg !== '')
		.map((svg) => `<figure class="chart">${svg}</figure>`);
	return [
		`<section class="panel" id="${esc(s.id)}" data-section="${esc(s.id)}">`,
		`<h2>${esc(s.title)}${s.caption ? ` <small>${esc(s.caption)}</small>` : ''}</h2>`,
		...charts,
		...s.tables.map(table),
		...(s.notes ?? []).map((n) => `<p class="note">${esc(n)}</p>`),
		'</section>'
	].join('\n');
}

function kpi(k: ReportKpi): string {
	const spark = k.spark ? safeSvg(k.spark) : '';
	const change = k.change
		? `<span class="delta ${k.change.good ? 'good' : 'bad'}"${k.changeTitle ? ` title="${esc(k.changeTitle)}"` : ''}>${esc(k.change.text)}</span>`
		: '';
	return [
		`<li class="card" data-kpi="${esc(k.key)}" data-value="${k.raw === null ? '' : String(k.raw)}">`,
		`<span class="label">${esc(k.label)}</span>`,
		`<strong class="value">${esc(k.value)}</strong>`,
		`<span class="detail">${esc(k.detail)}</span>`,
		spark ? `<span class="spark">${spark}</span>` : '',
		change,
		'</li>'
	].join('');
}

/** The report as one HTML document (a string to save as `.html`). */
export function reportHtml(doc: ReportDocument): string {
	const l = doc.labels;
	const filters = doc.filters.length
		? doc.filters
				.map((f) => `<li data-filter><b>${esc(f.label)}:</b> ${esc(f.values.join(', '))}</li>`)
				.join('')
		: `<li>${esc(l.noFilters)}</li>`;
	const warnings = doc.warnings.length
		? `<section class="panel warnings" data-section="warnings"><h2>${esc(l.warnings)}</h2><ul>${doc.warnings
				.map((w) => `<li>${esc(w)}</li>`)
				.join('')}</ul></section>`
		: '';
	return `<!doctype html>
<html lang="${esc(doc.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="referrer" content="no-referrer">
<title>${esc(doc.title)} — ${esc(doc.period.from)} … ${esc(doc.period.to)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header>
<h1>${esc(doc.title)}</h1>
<dl class="meta">
<div><dt>${esc(l.period)}</dt><dd data-period="${esc(doc.period.from)}..${esc(doc.period.to)}">${esc(doc.period.from)} … ${esc(doc.period.to)}</dd></div>
<div><dt>${esc(l.filters)}</dt><dd><ul class="filters">${filters}</ul></dd></div>
<div><dt>${esc(l.sources)}</dt><dd>${esc(doc.sources.join(', '))}</dd></div>
<div><dt>${esc(l.generated)}</dt><dd>${esc(doc.generated)}</dd></div>
</dl>
</header>
<main>
<ul class="cards">${doc.kpis.map(kpi).join('')}</ul>
${warnings}
${doc.sections.map(section).join('\n')}
</main>
<footer>${esc(l.footer)}</footer>
</body>
</html>
`;
}
