import { describe, expect, it } from 'vitest';
import { fit, heatmapLayout, inkOn, wrap } from './heatmap-layout';

const matrix = {
	columns: ['Lead', 'A very long stage name indeed', 'won'],
	rows: [
		{
			month: '2024-01',
			from: '2024-01-01',
			to: '2024-01-31',
			created: 4,
			reached: [4, 2, 1],
			share: [1, 0.5, 0.25]
		},
		{
			month: '2024-02',
			from: '2024-02-01',
			to: '2024-02-29',
			created: 0,
			reached: [0, 0, 0],
			share: [null, null, null]
		}
	]
};

describe('heatmapLayout', () => {
	it('places one cell per month and column, after the labels and below the header', () => {
		const l = heatmapLayout(matrix, (c) => c, { width: 430, left: 130, top: 28, cellHeight: 24 });
		expect(l.cellWidth).toBe(100);
		expect(l.cells).toHaveLength(6);
		expect(l.cells[4]).toMatchObject({ row: 1, column: 1, x: 230, y: 52, share: null, fill: null });
		expect(l.height).toBe(28 + 2 * 24);
	});

	it('keeps cells readable on a narrow screen: the grid grows wider than the room', () => {
		const l = heatmapLayout(matrix, (c) => c, { width: 200, minCellWidth: 44, left: 130 });
		expect(l.cellWidth).toBe(44);
		expect(l.width).toBe(130 + 3 * 44);
	});

	it('wraps long headers onto two lines cut to the cell, and keeps the full label', () => {
		const l = heatmapLayout(matrix, (c) => c, { width: 430, charWidth: 6 });
		expect(l.headers[1].full).toBe('A very long stage name indeed');
		expect(l.headers[1].lines).toEqual(['A very long', 'stage name ind…']);
		expect(l.headers[0].lines).toEqual(['Lead']);
	});

	it('with room for three header lines, a long name is cut less and the cells move down', () => {
		const l = heatmapLayout(matrix, (c) => c, { width: 430, charWidth: 6, headerLines: 3 });
		expect(l.headers[1].lines).toEqual(['A very long', 'stage name', 'indeed']);
		// One line past two: the default top (40) plus one line height (13).
		expect(l.top).toBe(53);
		expect(l.cells[0].y).toBe(53);
		expect(l.height).toBe(53 + 2 * 24);
	});

	it('colours by share, with a darker fill for a lower share, and text that stays readable', () => {
		const l = heatmapLayout(matrix, (c) => c, { width: 430 });
		const [full, half, quarter] = l.cells;
		expect(full.fill).not.toBe(half.fill);
		expect(inkOn(full.fill!)).toBe('#111111');
		expect(quarter.ink).toBe('#ffffff');
	});
});

describe('wrap', () => {
	it.each([
		['Appointment Scheduled', 12, ['Appointment', 'Scheduled']],
		['Decision Maker Bought-In', 12, ['Decision', 'Maker Bough…']],
		['Qualified', 12, ['Qualified']],
		['Appointment Scheduled', 10, ['Appointme…', 'Scheduled']],
		['Подготовка документов', 10, ['Подготовка', 'документов']],
		['Unbreakablelongword', 8, ['Unbreak…']]
	])('wrap(%j, %i) is %j', (text, chars, lines) => expect(wrap(text, chars)).toEqual(lines));
});

describe('fit', () => {
	it.each([
		['Lead', 10, 'Lead'],
		['Contract Sent', 8, 'Contrac…'],
		['Demo', 1, '…']
	])('fit(%j, %i) is %j', (text, chars, out) => expect(fit(text, chars)).toBe(out));
});
