import { svgMarkup } from './image';

/** Panels whose SVG is a chart worth a place in the report (the others are tables). */
const CHART_PANELS = ['funnel', 'time-in-stage', 'lost-by-stage', 'lost-reasons', 'forecast'];

/**
 * The page's charts and KPI sparklines as standalone SVG markup, coloured as in the light theme
 * whatever the page shows: the report is a light document. The theme is switched and restored
 * within one task, so the page never paints the switch.
 */
export function pageCharts(root: ParentNode): {
	charts: Record<string, string[]>;
	sparks: Record<string, string>;
} {
	const html = document.documentElement;
	const theme = html.dataset.theme;
	html.dataset.theme = 'light';
	try {
		const charts: Record<string, string[]> = {};
		for (const id of CHART_PANELS) {
			const svgs = [...root.querySelectorAll<SVGSVGElement>(`[data-panel="${id}"] svg`)];
			charts[id] = svgs.map((svg) => svgMarkup(svg, { background: false }));
		}
		const sparks: Record<string, string> = {};
		for (const svg of root.querySelectorAll<SVGSVGElement>('[data-kpi] svg')) {
			const key = svg.closest<HTMLElement>('[data-kpi]')?.dataset.kpi;
			if (key) sparks[key] = svgMarkup(svg, { background: false });
		}
		return { charts, sparks };
	} finally {
		if (theme === undefined) delete html.dataset.theme;
		else html.dataset.theme = theme;
	}
}
