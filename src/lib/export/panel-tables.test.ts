import { describe, expect, it } from 'vitest';
import { formatsFor } from '../i18n/format';
import { translate, type MessageKey } from '../i18n/messages';
import type { BreakdownRow } from '../metrics/breakdown';
import type { ChannelCac } from '../metrics/cac-by-channel';
import type { Report } from '../metrics/report';
import {
	breakdownTable,
	cacTable,
	cohortsTable,
	costTable,
	csvTable,
	meddicCountTable,
	meddicStageTable,
	pageTable,
	reportTable
} from './panel-tables';

const show = {
	t: (key: MessageKey, vars?: Record<string, string | number>) => translate('en', key, vars),
	fmt: formatsFor('en')
};

const row = (value: string, created: number, won: number, lost: number): BreakdownRow => ({
	value,
	created,
	won,
	lost,
	win_rate: won + lost === 0 ? null : won / (won + lost),
	avg_deal_size: 100,
	median_deal_size: 100,
	sales_cycle_days: 10,
	median_sales_cycle_days: 10,
	sales_velocity_per_day: null,
	open_deals: 1,
	open_value: 50,
	weighted_value: null,
	spend: null,
	cac: null
});

describe('breakdownTable', () => {
	const table = breakdownTable({
		dimension: 'owner',
		rows: [row('Ann', 4, 1, 3)],
		total: row('', 4, 1, 3)
	});

	it('the CSV has every figure by its machine name, and the totals row named Total', () => {
		const csv = csvTable(table);
		expect(csv.columns).toEqual([
			'owner',
			'created',
			'won',
			'lost',
			'win_rate',
			'avg_deal_size',
			'sales_cycle_days',
			'sales_velocity_per_day',
			'open_deals',
			'open_value',
			'spend',
			'cac'
		]);
		expect(csv.rows).toEqual([
			['Ann', 4, 1, 3, 0.25, 100, 10, null, 1, 50, null, null],
			['Total', 4, 1, 3, 0.25, 100, 10, null, 1, 50, null, null]
		]);
	});

	it('the report has the labelled figures, formatted, and the totals in the foot', () => {
		const html = reportTable(table, show);
		expect(html.columns).toEqual([
			'Owner',
			'Deals created',
			'Won',
			'Win rate',
			'Average deal',
			'Sales cycle',
			'Sales velocity',
			'Open pipeline',
			'CAC'
		]);
		expect(html.rows).toEqual([
			{
				cells: ['Ann', '4', '1', '25.0%', '100', '10.0\u00a0d', '—', '50', '—'],
				data: { value: 'Ann', created: 4 }
			}
		]);
		expect(html.foot?.cells[0]).toBe('Total');
	});

	it('the page shows the report’s columns and cells, each keyed by its CSV name', () => {
		const page = pageTable(table, show);
		const html = reportTable(table, show);
		expect(page.columns.map((c) => c.label)).toEqual(html.columns);
		expect(page.columns.map((c) => c.key)).toEqual([
			'owner',
			'created',
			'won',
			'win_rate',
			'avg_deal_size',
			'sales_cycle_days',
			'sales_velocity_per_day',
			'open_value',
			'cac'
		]);
		expect(page.rows.map((r) => r.cells.map((c) => c.text))).toEqual([html.rows[0].cells]);
		expect(page.foot?.map((c) => c.text)).toEqual(html.foot?.cells);
	});
});

describe('meddicCountTable', () => {
	const table = meddicCountTable({
		elements: ['metrics', 'champion'],
		by_stage: [],
		by_count: [{ filled: 2, won: 3, lost: 1, win_rate: 0.75 }]
	});

	it('the CSV names the count and its whole, the win rate last', () => {
		expect(csvTable(table)).toEqual({
			columns: ['filled', 'of', 'won', 'lost', 'win_rate'],
			rows: [[2, 2, 3, 1, 0.75]]
		});
	});

	it('the report reads "2 / 2", then the win rate, won and lost', () => {
		const html = reportTable(table, show);
		expect(html.caption).toBe('Win rate by elements filled');
		expect(html.columns).toEqual(['', 'Win rate', 'Won', 'Lost']);
		expect(html.rows).toEqual([{ cells: ['2 / 2', '75.0%', '3', '1'] }]);
	});

	it('the page reads "2 / 2" and the win rate, its won and closed deals in the tooltip', () => {
		const page = pageTable(table, show);
		expect(page.columns.map((c) => c.label)).toEqual(['', 'Win rate']);
		expect(page.rows[0].cells).toEqual([
			{ text: '2 / 2', title: undefined },
			{ text: '75.0%', title: '2 of 2 filled: 3 won of 4 closed (75.0%)' }
		]);
	});
});

describe('meddicStageTable', () => {
	const table = meddicStageTable({
		elements: ['metrics', 'champion'],
		by_stage: [{ stage: 'won', deals: 4, filled: { metrics: { count: 3, share: 0.75 } } }],
		by_count: []
	});

	it('names the elements from the catalogue, in the page’s language', () => {
		expect(reportTable(table, show).columns).toEqual(['', 'Deals', 'Metrics', 'Champion']);
		const ru = {
			t: (key: MessageKey, vars?: Record<string, string | number>) => translate('ru', key, vars),
			fmt: formatsFor('ru')
		};
		expect(reportTable(table, ru).columns).toEqual(['', 'Сделки', 'Метрики', 'Чемпион']);
	});

	it('the page shows each share, with the count it comes from in the tooltip', () => {
		const page = pageTable(table, show);
		expect(page.caption).toBe('Share of deals with each element filled, by furthest stage');
		expect(page.columns.map((c) => c.key)).toEqual(['stage', 'deals', 'metrics', 'champion']);
		expect(page.rows[0].cells).toEqual([
			{ text: 'Won', title: undefined },
			{ text: '4', title: undefined },
			{ text: '75.0%', title: 'Won, Metrics: 3 of 4 deals filled (75.0%)' },
			{ text: '—', title: 'Won, Champion: 0 of 4 deals filled (—)' }
		]);
	});
});

describe('cohortsTable', () => {
	const matrix = {
		columns: ['Lead', 'won'],
		rows: [
			{
				month: '2024-01',
				from: '2024-01-01',
				to: '2024-01-31',
				created: 2,
				reached: [2, 0],
				share: [1, 0]
			},
			{
				month: '2024-02',
				from: '2024-02-01',
				to: '2024-02-29',
				created: 0,
				reached: [0, 0],
				share: [null, null]
			}
		]
	};

	it('shades each share with the page’s Viridis palette, dark text on light fills', () => {
		const html = reportTable(cohortsTable(matrix), show);
		expect(html.columns).toEqual(['Created', 'Deals', 'Lead', 'Won']);
		// Viridis runs from #440154 (0) to #fde725 (1).
		expect(html.rows[0].cells).toEqual([
			'2024-01',
			'2',
			{ text: '100.0%', fill: '#fde725', ink: '#111111' },
			{ text: '0.0%', fill: '#440154', ink: '#ffffff' }
		]);
		expect(html.rows[1].cells).toEqual(['2024-02', '0', '', '']);
	});

	it('the CSV keeps the shares as numbers under the stage names', () => {
		expect(csvTable(cohortsTable(matrix))).toEqual({
			columns: ['month', 'created', 'Lead', 'won'],
			rows: [
				['2024-01', 2, 1, 0],
				['2024-02', 0, null, null]
			]
		});
	});
});

describe('costTable', () => {
	const report = {
		funnel: [
			{ stage: 'Lead', reached: 4, from_previous: null, from_first: 1 },
			{ stage: 'won', reached: 2, from_previous: 0.5, from_first: 0.5 }
		],
		cost_per_stage: [
			{ stage: 'Lead', cost: 250 },
			{ stage: 'won', cost: 500 }
		],
		spend: 1000
	} as unknown as Report;

	it('the CSV lists the stages; the report adds the spend they divide as its foot', () => {
		expect(csvTable(costTable(report))).toEqual({
			columns: ['stage', 'reached', 'cost'],
			rows: [
				['Lead', 4, 250],
				['won', 2, 500]
			]
		});
		const html = reportTable(costTable(report), show);
		expect(html.rows.map((r) => r.cells)).toEqual([
			['Lead', '4', '250'],
			['Won (CAC)', '2', '500']
		]);
		expect(html.foot).toEqual({ cells: ['Spend in period', '', '1,000'] });
	});

	it('the page shows the report’s cells, the cost explained in its tooltip', () => {
		const page = pageTable(costTable(report), show);
		expect(page.rows.map((r) => r.cells)).toEqual([
			[
				{ text: 'Lead', title: undefined },
				{ text: '4', title: undefined },
				{ text: '250', title: 'Lead: 250 per deal = spend 1,000 ÷ 4 deals reached' }
			],
			[
				{ text: 'Won (CAC)', title: undefined },
				{ text: '2', title: undefined },
				{ text: '500', title: 'Won (CAC): 500 per deal = spend 1,000 ÷ 2 deals reached' }
			]
		]);
		expect(page.foot).toEqual([{ text: 'Spend in period' }, { text: '' }, { text: '1,000' }]);
	});
});

describe('cacTable', () => {
	// 30,000 spent, two deals reached Lead and one was won: 15,000 per Lead, 30,000 per won deal.
	const ads: ChannelCac = {
		channel: 'Ads',
		spend: 30_000,
		spend_rows: 1,
		created: 2,
		reached: [2, 1],
		won: 1,
		cac: 30_000,
		cost_per_stage: [
			{ stage: 'Lead', cost: 15_000 },
			{ stage: 'won', cost: 30_000 }
		]
	};
	const table = cacTable({ stages: ['Lead', 'won'], channels: [ads], total: ads });

	it('the report has every stage’s cost, exact', () => {
		const html = reportTable(table, show);
		expect(html.columns).toEqual(['Channel', 'Spend', 'Deals', 'Won', 'CAC', 'Lead', 'Won']);
		expect(html.rows[0].cells).toEqual(['Ads', '30,000', '2', '1', '30,000', '15,000', '30,000']);
	});

	it('the page leaves out the won stage (it is the CAC) and shortens the stage costs', () => {
		const page = pageTable(table, show);
		expect(page.columns).toEqual([
			{ key: 'channel', label: 'Channel', narrow: false },
			{ key: 'spend', label: 'Spend', narrow: false },
			{ key: 'created', label: 'Deals', narrow: false },
			{ key: 'won', label: 'Won', narrow: false },
			{ key: 'cac', label: 'CAC', narrow: false },
			{ key: 'cost_Lead', label: 'Lead', narrow: true }
		]);
		expect(page.rows[0].cells.map((c) => c.text)).toEqual([
			'Ads',
			'30,000',
			'2',
			'1',
			'30,000',
			'15k'
		]);
		expect(page.rows[0].cells[4].title).toBe('Ads: CAC 30,000 = spend 30,000 ÷ 1 won');
		expect(page.rows[0].cells[5].title).toBe(
			'Lead: 15,000 per deal = spend 30,000 ÷ 2 deals reached'
		);
		expect(page.foot?.map((c) => c.text)).toEqual(['Total', '30,000', '2', '1', '30,000', '15k']);
	});
});
