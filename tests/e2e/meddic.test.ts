import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { startNodeDb } from '../../src/lib/db/node';
import { runDashboard } from '../../src/lib/engine/dashboard';
import { loadDataset } from '../../src/lib/engine/load';
import type { Meddic } from '../../src/lib/metrics/meddic';
import { MEDDIC_ELEMENTS, type MeddicElement } from '../../src/lib/model/config';
import { useSite } from './site';

// MEDDIC columns under names no detector knows: the editor is the only way to map them.
const COLUMNS: Record<MeddicElement, string> = {
	metrics: 'KPI agreed',
	economic_buyer: 'Budget holder',
	decision_criteria: 'Criteria (notes)',
	decision_process: 'Approval path',
	identify_pain: 'Pain point',
	champion: 'Inside sponsor'
};
const STAGES = ['Lead', 'Demo', 'Proposal'];

/**
 * 60 deals, seeded: deal i fills element e when (i + 2e) mod 7 < 4 — more elements filled for the
 * deals that go further — and its outcome and stage follow from i.
 */
function dealsCsv(): { text: string; filled: boolean[][]; outcome: string[] } {
	const header = ['id', 'owner', 'amount', 'created', 'closed', 'status', 'stage'];
	const lines = [[...header, ...MEDDIC_ELEMENTS.map((e) => COLUMNS[e])].join(',')];
	const filled: boolean[][] = [];
	const outcome: string[] = [];
	for (let i = 0; i < 60; i++) {
		const status = i % 5 === 0 ? 'Open' : i % 3 === 0 ? 'Won' : 'Lost';
		const stage = status === 'Won' ? 'Won' : STAGES[i % 3];
		const row = MEDDIC_ELEMENTS.map((_, e) => (i + 2 * e) % 7 < 4 || (status === 'Won' && e < 3));
		filled.push(row);
		outcome.push(status);
		const day = String(1 + (i % 28)).padStart(2, '0');
		const closed = status === 'Open' ? '' : `2024-03-${day}`;
		lines.push(
			[
				`D${i}`,
				['Ann', 'Bob', 'Cy'][i % 3],
				1000 + i * 10,
				`2024-01-${day}`,
				closed,
				status,
				stage,
				...row.map((f, e) => (f ? (e % 2 ? 'yes' : 'Named: J. Doe') : e % 2 ? 'no' : ''))
			].join(',')
		);
	}
	return { text: lines.join('\n') + '\n', filled, outcome };
}

describe('MEDDIC columns mapped in the editor', () => {
	const site = useSite();
	let page: Page;
	let engine: Meddic;
	const deals = dealsCsv();

	beforeAll(async () => {
		const db = await startNodeDb();
		const dataset = await loadDataset(db, [{ name: 'deals.csv', source: deals.text }], {
			config: { meddic: COLUMNS }
		});
		engine = (await runDashboard(db, dataset, {})).meddic!;
		await db.close();

		page = await site.open();
		await page.setInputFiles('[data-testid="file-input"]', [
			{ name: 'deals.csv', mimeType: 'text/csv', buffer: Buffer.from(deals.text) }
		]);
		await page.waitForSelector('main[data-ready="true"][data-view="all"]');
	});

	test('unknown names are not taken for MEDDIC: no panel until they are mapped', async () => {
		expect(await page.$('[data-panel="meddic"]')).toBeNull();
		await page.click('[data-testid="setup"] summary');
		for (const element of MEDDIC_ELEMENTS)
			expect(await page.inputValue(`[data-testid="map-meddic-${element}"]`)).toBe('');
	});

	test('mapping the six columns shows the panel with the engine figures', async () => {
		for (const element of MEDDIC_ELEMENTS) {
			await page.selectOption(`[data-testid="map-meddic-${element}"]`, COLUMNS[element]);
			// The sample values come from the rebuilt dataset: the edit has been applied.
			await page.waitForFunction(
				(e) => document.querySelector(`tr[data-meddic="${e}"] .samples`)?.textContent !== '',
				element
			);
			await page.waitForSelector('main[data-ready="true"]');
		}
		await page.waitForFunction(
			() => document.querySelectorAll('[data-testid="meddic-by-stage"] thead th').length === 2 + 6
		);
		expect(engine.elements).toEqual([...MEDDIC_ELEMENTS]);

		// Share filled per furthest stage: the counts behind each share are in the cell's tooltip.
		const cells = await page.$$eval('[data-testid="meddic-by-stage"] tbody tr', (trs) =>
			trs.map((tr) =>
				[...tr.querySelectorAll('td[data-element]')].map((td) => td.getAttribute('title') ?? '')
			)
		);
		expect(cells).toHaveLength(engine.by_stage.length);
		engine.by_stage.forEach((row, s) => {
			MEDDIC_ELEMENTS.forEach((e, i) => {
				const m = cells[s][i].match(/: ([\d,]+) of ([\d,]+) deals filled/);
				expect(m, cells[s][i]).not.toBeNull();
				expect([Number(m![1]), Number(m![2])]).toEqual([row.filled[e]!.count, row.deals]);
			});
		});
		const shares = await page.$$eval(
			'[data-testid="meddic-by-stage"] tbody tr:first-child td[data-element]',
			(tds) => tds.map((td) => td.textContent?.trim())
		);
		expect(shares).toEqual(
			MEDDIC_ELEMENTS.map((e) => {
				const share = engine.by_stage[0].filled[e]!.share;
				return share === null ? '—' : `${(share * 100).toFixed(1)}%`;
			})
		);

		// Win rate by how many are filled, against counts made here from the rows written above.
		const expected = Array.from({ length: 7 }, () => ({ won: 0, closed: 0 }));
		deals.filled.forEach((row, i) => {
			if (deals.outcome[i] === 'Open') return;
			const n = row.filter(Boolean).length;
			expected[n].closed++;
			if (deals.outcome[i] === 'Won') expected[n].won++;
		});
		expect(engine.by_count.map((r) => ({ won: r.won, closed: r.won + r.lost }))).toEqual(expected);
		const rates = await page.$$eval('[data-testid="meddic-by-count"] tbody td', (tds) =>
			tds.map((td) => [td.getAttribute('title') ?? '', td.textContent?.trim()])
		);
		expect(rates).toHaveLength(7);
		rates.forEach(([title, text], n) => {
			const m = title!.match(/(\d+) won of (\d+) closed/);
			expect([Number(m![1]), Number(m![2])]).toEqual([expected[n].won, expected[n].closed]);
			expect(text).toBe(
				expected[n].closed === 0
					? '—'
					: `${((expected[n].won / expected[n].closed) * 100).toFixed(1)}%`
			);
		});
	});

	test('both MEDDIC tables download as CSV with the engine rows', async () => {
		const csv = async (selector: string) => {
			const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
			return {
				name: file.suggestedFilename(),
				rows: Papa.parse<string[]>(readFileSync(await file.path(), 'utf8'), {
					skipEmptyLines: true
				}).data
			};
		};
		const byStage = await csv('[data-panel="meddic"] [data-export="csv"]');
		expect(byStage.name).toBe('pipelens-meddic.csv');
		expect(byStage.rows[0]).toEqual(['stage', 'deals', ...MEDDIC_ELEMENTS]);
		expect(byStage.rows.slice(1).map((r) => [r[0], Number(r[1])])).toEqual(
			engine.by_stage.map((r) => [r.stage, r.deals])
		);
		engine.by_stage.forEach((row, i) =>
			MEDDIC_ELEMENTS.forEach((e, j) => {
				const share = row.filled[e]!.share;
				const cell = byStage.rows[i + 1][2 + j];
				if (share === null) expect(cell).toBe('');
				else expect(Number(cell)).toBeCloseTo(share, 9);
			})
		);
		const byCount = await csv('[data-panel="meddic"] [data-export="csv-win-rate"]');
		expect(byCount.name).toBe('pipelens-meddic-win-rate.csv');
		expect(byCount.rows[0]).toEqual(['filled', 'of', 'won', 'lost', 'win_rate']);
		expect(byCount.rows.slice(1).map((r) => r.slice(0, 4).map(Number))).toEqual(
			engine.by_count.map((r) => [r.filled, 6, r.won, r.lost])
		);
	});

	test('the downloaded config carries the MEDDIC mapping', async () => {
		const [file] = await Promise.all([
			page.waitForEvent('download'),
			page.click('[data-testid="download-config"]')
		]);
		const config = JSON.parse(readFileSync(await file.path(), 'utf8'));
		expect(config.meddic).toEqual(COLUMNS);
	});

	test('setting an element back to none removes it from the panel', async () => {
		await page.selectOption('[data-testid="map-meddic-champion"]', '');
		await page.waitForFunction(
			() => document.querySelectorAll('[data-testid="meddic-by-stage"] thead th').length === 2 + 5
		);
		expect(await page.$$eval('[data-testid="meddic-by-count"] tbody tr', (r) => r.length)).toBe(6);
	});
});
