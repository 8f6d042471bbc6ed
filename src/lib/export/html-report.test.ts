// @vitest-environment jsdom
// safeSvg reads the markup with the HTML parser of the page (jsdom's is parse5, to the spec).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csv, dealsConfig, tinyDataset } from '../../../tests/unit/tiny-dataset';
import type { Db } from '../db/types';
import { runDashboard, type DashboardResults } from '../engine/dashboard';
import { formatsFor } from '../i18n/format';
import { translate, type MessageKey } from '../i18n/messages';
import { escapeHtml, safeColor, safeSvg } from './html-escape';
import { reportHtml, type ReportDocument } from './html-report';
import {
	reportFilters,
	reportKpis,
	reportSections,
	reportWarnings,
	withoutDealIds
} from './report-sections';

const EVIL_OWNER = '<script>alert(1)</script>';
const EVIL_SOURCE = '"><img src=x onerror=alert(2)>';
const quoted = (text: string) => `"${text.replace(/"/g, '""')}"`;
// Deal ids are row-level data: they must never reach the report (the quality examples name them).
const DEALS = csv`
	id,owner,source,amount,probability,created,closed,status,stage
	SECRET-1,${EVIL_OWNER},${quoted(EVIL_SOURCE)},100,,2024-01-02,2024-01-20,Won,Won
	SECRET-2,Ann,Paid,200,,2024-01-03,2024-01-01,Won,Won
	SECRET-3,Ann,Paid,300,,2024-01-04,2024-01-25,Lost,Lead
	SECRET-4,Bob,Paid,400,,2024-02-04,,Open,Lead
`;

const t = (key: MessageKey, vars?: Record<string, string | number>) => translate('en', key, vars);
const fmt = formatsFor('en');

let db: Db;
let data: DashboardResults;
beforeAll(async () => {
	let dataset;
	({ db, dataset } = await tinyDataset({ deals: DEALS, config: dealsConfig() }));
	data = await runDashboard(db, dataset, {
		period: { from: '2024-01-01', to: '2024-02-29' },
		filters: { owner: [EVIL_OWNER, 'Ann'] }
	});
});
afterAll(async () => {
	await db?.close();
});

function documentFor(d: DashboardResults, charts: Record<string, string[]> = {}): ReportDocument {
	return {
		lang: 'en',
		title: t('report.title'),
		generated: '2024-03-01 10:00',
		period: d.report.period,
		filters: reportFilters(d, t),
		sources: ['deals <2024>.csv'],
		kpis: reportKpis(d, { t, fmt }),
		sections: reportSections(d, { t, fmt, charts }),
		warnings: reportWarnings(d, { t, fmt }),
		labels: {
			period: t('report.period'),
			filters: t('report.filters'),
			noFilters: t('report.no-filters'),
			sources: t('report.sources'),
			generated: t('report.generated'),
			warnings: t('report.warnings'),
			footer: t('report.footer')
		}
	};
}

describe('escapeHtml', () => {
	it('escapeHtml(text) replaces the five HTML-significant characters', () => {
		expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
			'&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;'
		);
	});
});

describe('safeSvg', () => {
	it('keeps plain drawing', () => {
		const svg =
			'<svg xmlns="http://www.w3.org/2000/svg"><rect width="3" style="fill: rgb(1, 2, 3);"/><use href="#a"/></svg>';
		expect(safeSvg(svg)).toBe(svg);
	});
	it.each([
		'<svg><script>alert(1)</script></svg>',
		'<svg><rect onclick="alert(1)"/></svg>',
		'<svg><foreignObject><div/></foreignObject></svg>',
		'<svg><a href="https://example.com"><text>x</text></a></svg>',
		'<svg><image href="https://example.com/p.png"/></svg>',
		'<svg><rect style="fill: url(https://example.com/x)"/></svg>',
		'<svg><rect fill="url(https://example.com/x)"/></svg>',
		'<svg><use xlink:href="https://example.com/s.svg#a"/></svg>',
		'<svg><use href="&#106;avascript:alert(1)"/></svg>',
		'<svg><rect style="fill: u&#114;l(https://example.com/x)"/></svg>',
		'<svg><rect ONLOAD = "alert(1)"/></svg>',
		'<svg><!-- x --><rect onload="alert(1)"/></svg>',
		'<svg><scr<!---->ipt>alert(1)</script></svg>',
		'<svg><rect title="a>" onload="alert(1)"/></svg>',
		'<div>not svg</div>',
		// What only a parser sees: markup that leaves the SVG or is not drawing at all.
		'<svg><p>breaks out</p></svg>',
		'<svg></svg><svg></svg>',
		'<svg><rect width=3 onload=alert(1)></rect></svg>',
		'<svg><title><b>HTML in a title</b></title></svg>',
		'<svg><!x><rect width="3"/></svg>',
		'<svg></p><style><a title="</style><img src onerror=alert(1)>"></a></style></svg>'
	])('refuses %s', (markup) => {
		expect(safeSvg(markup)).toBe('');
	});
});

describe('safeSvg and labels', () => {
	it('drops comments (Svelte writes <!----> anchors in charts) and keeps the drawing', () => {
		expect(safeSvg('<svg><!----><rect width="3"/><!----></svg>')).toBe(
			'<svg><rect width="3"/></svg>'
		);
		// What a comment hides goes with it (an HTML parser would end `<!-->` at once).
		expect(safeSvg('<svg><!--><script>alert(1)</script>--></svg>')).toBe('<svg></svg>');
	});

	it('keeps a chart whose labels hold src=, onerror= or markup, as text or in an attribute', () => {
		// As XMLSerializer writes them: < & > escaped in text, and " too in attributes.
		const labels = ['Demo src=x', 'Won onerror=alert(1)', '"><img src=x onerror=alert(2)>'];
		for (const label of labels) {
			const text = label.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
			const attribute = text.replace(/"/g, '&quot;');
			const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9"><g aria-label="${attribute}"><rect width="9" style="fill: url(#g);"/><text x="1">${text}</text><title>${text}</title></g></svg>`;
			expect(safeSvg(svg)).toBe(svg);
		}
	});
});

describe('safeColor', () => {
	it('accepts hex and rgb() colours only', () => {
		expect(safeColor('rgb(8, 48, 107)')).toBe('rgb(8, 48, 107)');
		expect(safeColor('#fff')).toBe('#fff');
		expect(safeColor('red;background:url(x)')).toBeNull();
	});
});

describe('withoutDealIds', () => {
	it('leaves the example deal id out of every engine warning shape, keeping the line', () => {
		expect(
			withoutDealIds('d.csv: 2 duplicate deal rows left out (first: id "A, b" again at line 4)')
		).toBe('d.csv: 2 duplicate deal rows left out (first: id … again at line 4)');
		expect(
			withoutDealIds('d.csv: 1 deal closed before it was created (first: id "X" at line 3)')
		).toBe('d.csv: 1 deal closed before it was created (first: id … at line 3)');
		expect(withoutDealIds('h.csv: 3 stage events repeated (for example id "Q7")')).toBe(
			'h.csv: 3 stage events repeated (for example id …)'
		);
		expect(withoutDealIds('no id here')).toBe('no id here');
	});
});

describe('reportHtml', () => {
	it('escapes every text taken from the data: filters, breakdown values, file names', () => {
		const html = reportHtml(documentFor(data));
		expect(html).not.toMatch(/<script/i);
		expect(html).not.toMatch(/<img/i);
		expect(html).toContain(escapeHtml(EVIL_OWNER));
		expect(html).toContain('deals &lt;2024&gt;.csv');
	});

	it('holds aggregates only: no deal id, not even the data-quality examples', () => {
		const closedBefore = data.quality.find((q) => q.kind === 'closed_before_created');
		// The engine does name the deal as an example; the report keeps only the count.
		expect(closedBefore?.examples.map((e) => e.id)).toEqual(['SECRET-2']);
		const html = reportHtml(documentFor(data));
		expect(html).not.toContain('SECRET');
		expect(html).toContain(`${t('quality.kind.closed_before_created')}: 1`);
	});

	it('carries the figures of the view: KPI values and funnel counts as in the metrics JSON', () => {
		const html = reportHtml(documentFor(data));
		expect(html).toContain(`data-kpi="created" data-value="${data.report.deals.created}"`);
		expect(html).toContain(`data-kpi="win-rate" data-value="${data.report.win_rate}"`);
		for (const row of data.report.funnel) {
			expect(html).toContain(`data-stage="${escapeHtml(row.stage)}" data-reached="${row.reached}"`);
		}
		expect(html).toContain('data-period="2024-01-01..2024-02-29"');
	});

	it('inlines safe charts and drops unsafe ones', () => {
		const html = reportHtml(
			documentFor(data, {
				funnel: ['<svg xmlns="http://www.w3.org/2000/svg"><rect class="bar" width="9"/></svg>'],
				velocity: ['<svg><script>alert(3)</script></svg>']
			})
		);
		expect(html).toContain('<rect class="bar" width="9"/>');
		expect(html).not.toContain('alert(3)');
	});

	it('keeps the funnel chart when a stage label holds src= or onerror=', () => {
		const funnel =
			'<svg xmlns="http://www.w3.org/2000/svg"><rect class="bar" width="9"/><text>Demo src=x onerror=alert(1)</text></svg>';
		const html = reportHtml(documentFor(data, { funnel: [funnel] }));
		expect(html).toContain(funnel);
	});

	it('needs nothing from the network: no script, no external URL, a CSP that forbids both', () => {
		const html = reportHtml(documentFor(data));
		expect(html).toContain(
			`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`
		);
		expect(html.match(/(?:src|href)\s*=\s*["'](?!#)/gi)).toBeNull();
		expect(html).not.toMatch(/@import|url\(/i);
	});
});
