import { interpolateViridis, lab, scaleSequential } from 'd3';
import type { CohortMatrix } from '../metrics/cohort-matrix';

export interface HeatCell {
	row: number;
	column: number;
	x: number;
	y: number;
	share: number | null;
	reached: number;
	/** Fill colour, and a text colour readable on it; null fill for a month without deals. */
	fill: string | null;
	ink: string;
}

export interface HeatmapLayout {
	width: number;
	height: number;
	cellWidth: number;
	cellHeight: number;
	/** Where the cells start: after the month and deal-count columns, below the header. */
	left: number;
	top: number;
	/** The column headers, wrapped onto two lines and cut to fit a cell (the full label goes in a tooltip). */
	headers: { x: number; lines: string[]; full: string }[];
	rows: { y: number; month: string; created: number }[];
	cells: HeatCell[];
}

export interface HeatmapOptions {
	width: number;
	cellHeight?: number;
	minCellWidth?: number;
	maxCellWidth?: number;
	/** Room for the month and the deal count left of the cells. */
	left?: number;
	top?: number;
	/** Average width of a header character, to cut labels that would overrun their cell. */
	charWidth?: number;
	/** Lines a header may take; each line past two moves the cells down by `lineHeight`. */
	headerLines?: number;
	lineHeight?: number;
}

// Viridis: perceptually even and readable with every common colour-vision deficiency.
const colour = scaleSequential(interpolateViridis).domain([0, 1]);

/** A share's fill on the heatmap (the page's and the report's), and the text colour on it. */
export function heatColour(share: number): { fill: string; ink: string } {
	const fill = colour(share);
	return { fill, ink: inkOn(fill) };
}

/** Text colour for a fill: near-black on light fills, white on dark ones. */
export function inkOn(fill: string): string {
	return lab(fill).l > 60 ? '#111111' : '#ffffff';
}

/** Cut `text` to `chars` characters with an ellipsis. */
export function fit(text: string, chars: number): string {
	if (text.length <= chars) return text;
	return chars <= 1 ? '…' : `${text.slice(0, chars - 1).trimEnd()}…`;
}

/** `text` on at most `max` lines of `chars` characters, broken between words; the rest cut with an ellipsis. */
export function wrap(text: string, chars: number, max = 2): string[] {
	const lines: string[] = [];
	let rest = text.trim();
	while (rest && lines.length < max - 1) {
		if (rest.length <= chars) break;
		// Break at the last space that fits; a first word too long for the line is cut there.
		let cut = rest.lastIndexOf(' ', chars);
		if (cut <= 0) cut = rest.indexOf(' ');
		if (cut <= 0) break;
		lines.push(fit(rest.slice(0, cut), chars));
		rest = rest.slice(cut + 1).trim();
	}
	return [...lines, fit(rest, chars)];
}

/** A created-month × stage grid: one cell per share, coloured by it. */
export function heatmapLayout(
	matrix: CohortMatrix,
	columnLabel: (column: string) => string,
	{
		width,
		cellHeight = 24,
		minCellWidth = 44,
		maxCellWidth = 110,
		left = 130,
		top: minTop = 40,
		charWidth = 7.4,
		headerLines = 2,
		lineHeight = 13
	}: HeatmapOptions
): HeatmapLayout {
	const n = Math.max(1, matrix.columns.length);
	const cellWidth = Math.min(maxCellWidth, Math.max(minCellWidth, (width - left) / n));
	const chars = Math.floor((cellWidth - 6) / charWidth);
	const headers = matrix.columns.map((c, i) => ({
		x: left + i * cellWidth,
		lines: wrap(columnLabel(c), chars, headerLines),
		full: columnLabel(c)
	}));
	const most = Math.max(2, ...headers.map((h) => h.lines.length));
	const top = minTop + (most - 2) * lineHeight;
	return {
		width: Math.max(width, left + n * cellWidth),
		height: top + matrix.rows.length * cellHeight,
		cellWidth,
		cellHeight,
		left,
		top,
		headers,
		rows: matrix.rows.map((r, i) => ({
			y: top + i * cellHeight,
			month: r.month,
			created: r.created
		})),
		cells: matrix.rows.flatMap((r, row) =>
			r.share.map((share, column) => {
				const fill = share === null ? null : colour(share);
				return {
					row,
					column,
					x: left + column * cellWidth,
					y: top + row * cellHeight,
					share,
					reached: r.reached[column] ?? 0,
					fill,
					ink: fill === null ? 'currentColor' : inkOn(fill)
				};
			})
		)
	};
}
