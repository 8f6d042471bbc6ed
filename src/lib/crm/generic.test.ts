import { describe, expect, it } from 'vitest';
import {
	generateAnalyst,
	generateBitrixSpendRu,
	generateOpportunities
} from '../../../tests/generators/analyst.mjs';
import { LANGUAGES } from '../../../tests/generators/hubspot.mjs';
import { csv, loadUnlabelled } from '../../../tests/unit/tiny-dataset';
import { runReport } from '../engine/report';
import { sniffDialect } from '../ingest/dialect';
import { sql } from '../sql/sql';
import type { DealsMapping, FileSample, HistoryMapping, Mapping } from '../model/mapping';
import { detect, detectAll } from './detect';
import { detectGenericDeals } from './generic';

function sample(columns: string[], rows: string[][] = []): FileSample {
	return { name: 'file.csv', columns, rows };
}

describe('detectGenericDeals(sample, config): header names', () => {
	it('reads snake_case and camelCase English names, with yes/no outcome flags', () => {
		const m = detect(
			sample(
				[
					'opp_id',
					'rep_id',
					'division',
					'created_date',
					'close_date',
					'stage',
					'amount',
					'is_closed',
					'is_won'
				],
				[
					['1', '7', 'A', '2024-01-02', '2024-02-01', 'Closed Won', '100.50', 'True', 'True'],
					['2', '7', 'A', '2024-01-03', '2024-03-01', 'Proposal', '200', 'False', '']
				]
			)
		)?.mapping as DealsMapping;
		expect(m.crm).toBe('generic');
		expect(m.columns).toEqual({
			id: 'opp_id',
			owner: 'rep_id',
			pipeline: 'division',
			created: 'created_date',
			closed: 'close_date',
			stage: 'stage',
			amount: 'amount'
		});
		expect(m.flags).toEqual({ won: 'is_won', closed: 'is_closed' });
	});

	it('reads Russian names', () => {
		const m = detect(
			sample(
				['Номер', 'Ответственный', 'Дата создания', 'Дата закрытия', 'Этап', 'Сумма', 'Источник'],
				[['17', 'Иванов', '01.02.2024', '', 'Переговоры', '150 000', 'Сайт']]
			)
		)?.mapping as DealsMapping;
		expect(m.crm).toBe('generic');
		expect(m.columns).toEqual({
			id: 'Номер',
			owner: 'Ответственный',
			created: 'Дата создания',
			closed: 'Дата закрытия',
			stage: 'Этап',
			amount: 'Сумма',
			source: 'Источник'
		});
	});

	it('drops a name whose values do not fit (a "Created" column of names is no date)', () => {
		const m = detectGenericDeals(
			sample(
				['id', 'stage', 'created', 'opened'],
				[
					['1', 'Won', 'Ann', '2024-01-01'],
					['2', 'Lost', 'Bob', '2024-01-02'],
					['3', 'Demo', 'Ann', '2024-01-03'],
					['4', 'Demo', 'Ann', '2024-01-04']
				]
			),
			{}
		)?.mapping;
		expect(m?.columns.created).toBe('opened');
	});

	it('is less sure than a CRM detector', () => {
		const found = detectAll(sample(LANGUAGES.en.headers.slice(0, 7)));
		expect(found[0].mapping.crm).toBe('hubspot');
		const generic = found.find((d) => d.mapping.crm === 'generic');
		expect(generic?.confidence).toBeLessThanOrEqual(0.45);
	});
});

describe('detectGenericDeals(sample, config): value types', () => {
	it('finds the stage, dates and amount of unnamed columns from their values', () => {
		const m = detectGenericDeals(
			sample(
				['Ref', 'Customer', 'Col A', 'Col B', 'Col C', 'Col D'],
				[
					['A-1', 'Acme', '2024-01-05', '2024-02-01', 'Closed Won', '12,500.00'],
					['A-2', 'Beta', '2024-01-09', '', 'Proposal', '8,000.00'],
					['A-3', 'Gamma', '2024-01-10', '2024-01-30', 'Closed Lost', '3,100.00'],
					['A-4', 'Delta', '2024-01-12', '', 'Proposal', '9,900.00'],
					['A-5', 'Eps', '2024-01-15', '', 'Demo', '1,000.00']
				]
			),
			{}
		);
		expect(m?.mapping.columns).toMatchObject({
			created: 'Col A',
			closed: 'Col B',
			stage: 'Col C',
			amount: 'Col D'
		});
		expect(m?.confidence).toBeLessThanOrEqual(0.35);
	});

	it('does not take a side table of labels, dates and numbers without stage-like values (reps, accounts)', () => {
		expect(
			detectGenericDeals(
				sample(
					['rep_id', 'rep_name', 'division', 'region', 'hire_date', 'manager', 'annual_quota'],
					[
						['1000', 'Allison Hill', 'ActiveDisclosure', 'Texas', '2022-07-21', 'Dir', '984507'],
						['1001', 'Megan M', 'ActiveDisclosure', 'Northeast', '2021-11-27', 'Dir', '889260'],
						['1002', 'Allen R', 'Venue', 'Northeast', '2023-11-23', 'Dir', '1007153'],
						['1003', 'Cristian S', 'Venue', 'Texas', '2024-01-31', 'Dir', '1138454']
					]
				),
				{}
			)
		).toBeNull();
	});

	it('does not take a Salesforce Lead export (a status that is no outcome, no stage)', () => {
		expect(
			detect(
				sample(
					['Id', 'LastName', 'Company', 'LeadSource', 'Status', 'IsConverted', 'CreatedDate'],
					[['00Q1', 'Boxer', 'Farmers', 'Web', 'Closed - Converted', '1', '2023-10-28 20:45:25']]
				)
			)
		).toBeNull();
	});

	it('takes a file whose ids repeat for a stage log, not for deals', () => {
		const rows = [
			['D1', 'Discovery', '2025-01-05', '16400'],
			['D1', 'Qualified', '2025-01-13', '16400'],
			['D1', 'Demo', '2025-01-22', '16400'],
			['D1', 'Dead', '2025-01-31', '16400'],
			['D2', 'Discovery', '2025-01-02', '900'],
			['D2', 'Signed', '2025-02-02', '900']
		];
		const columns = ['deal_id', 'stage', 'date_entered', 'amount'];
		expect(detectGenericDeals(sample(columns, rows), {})).toBeNull();
		const m = detect(sample(columns, rows))?.mapping as HistoryMapping;
		expect(m.role).toBe('history');
		expect(m.columns).toEqual({ id: 'deal_id', stage: 'stage', at: 'date_entered' });
	});
});

describe('detectSpend(sample, config)', () => {
	it('reads a Meta export, whose amount header carries the currency', () => {
		const m = detect(
			sample([
				'Reporting starts',
				'Reporting ends',
				'Campaign name',
				'Amount spent (USD)',
				'Results'
			])
		)?.mapping;
		expect(m?.role).toBe('spend');
		expect(m?.columns).toEqual({
			date: 'Reporting starts',
			channel: 'Campaign name',
			amount: 'Amount spent (USD)'
		});
	});
});

describe('a generic CSV with Russian headers, loaded without a config', () => {
	it('maps it, completes the stages from all rows and counts it', async () => {
		const deals = csv`
			Номер,Ответственный,Дата создания,Дата закрытия,Этап,Сумма,Статус
			1,Иванов,01.02.2024,15.03.2024,Переговоры,"150 000,00",won
			2,Иванов,05.02.2024,,Квалификация,"80 000,00",open
			3,Петров,10.02.2024,20.02.2024,Квалификация,"20 000,00",lost
			4,Петров,11.02.2024,,Переговоры,"40 000,00",open
			5,Петров,12.02.2024,01.04.2024,Переговоры,"60 000,00",won
		`;
		const { db, dataset } = await loadUnlabelled([{ name: 'сделки.csv', source: deals }]);
		try {
			expect(dataset.files[0].crm).toBe('generic');
			expect(dataset.deals.columns.outcome).toBe('Статус');
			// Stage words give the order: qualification before negotiation.
			expect(dataset.stages).toEqual(['Квалификация', 'Переговоры']);
			const r = await runReport(db, dataset, { period: null, filters: {} });
			expect(r.deals).toEqual({ created: 5, won: 2, lost: 1 });
			expect(r.avg_deal_size).toBe(105000);
			expect(r.pipeline.open_value).toBe(120000);
		} finally {
			await db.close();
		}
	});
});

function fromCsv(name: string, text: string): FileSample {
	const { columns, rows } = sniffDialect(text);
	return { name, columns, rows };
}

/** How a file was read: its role, CRM, columns and (for deals) outcome flags. */
function reading(mapping: Mapping | undefined) {
	const flags = mapping?.role === 'deals' ? mapping.flags : undefined;
	return { role: mapping?.role, crm: mapping?.crm, columns: mapping?.columns, flags };
}

const analyst = generateAnalyst();
const ANALYST_DEALS = {
	id: 'deal_id',
	owner: 'sales_rep',
	source: 'lead_source',
	amount: 'deal_size_usd',
	created: 'created_date',
	closed: 'close_date',
	outcome: 'deal_outcome',
	stage: 'stage'
};

describe("an analyst's own tables, snake_case with NA for missing values", () => {
	it("the deals table: the deal's size, the close date, the outcome column and both flags", () => {
		const found = detect(fromCsv('deals.csv', analyst.deals));
		expect(reading(found?.mapping)).toEqual({
			role: 'deals',
			crm: 'generic',
			columns: ANALYST_DEALS,
			flags: { won: 'is_won', closed: 'is_closed' }
		});
		expect(found?.unsure).toBeUndefined();
	});

	it('the stage log is history, never deals: its ids repeat', () => {
		const s = fromCsv('stage_history.csv', analyst.history);
		expect(detectGenericDeals(s, {})).toBeNull();
		const found = detectAll(s);
		expect(found.filter((d) => d.mapping.role === 'deals')).toEqual([]);
		expect(reading(found[0].mapping)).toEqual({
			role: 'history',
			crm: 'generic',
			columns: { id: 'deal_id', stage: 'stage', at: 'stage_date' }
		});
	});

	it('the spend sheet is spend', () => {
		expect(reading(detect(fromCsv('spend.csv', analyst.spend))?.mapping)).toEqual({
			role: 'spend',
			crm: 'spend',
			columns: { date: 'month', channel: 'channel', amount: 'spend_usd' }
		});
	});

	it('a field the config gives wins, and its column is not guessed for another field', () => {
		const s = fromCsv('deals.csv', analyst.deals);
		const m = detect(s, { columns: { amount: 'revenue_usd', source: 'sales_rep' } })
			?.mapping as DealsMapping;
		const { owner: _owner, ...rest } = ANALYST_DEALS;
		expect(m.columns).toEqual({ ...rest, amount: 'revenue_usd', source: 'sales_rep' });
		// deal_size_usd, freed, fits no other field.
		expect(Object.values(m.columns)).not.toContain('deal_size_usd');
	});

	it('all three dropped together with no config give the dashboard: NA is missing everywhere', async () => {
		const { db, dataset } = await loadUnlabelled([
			{ name: 'deals.csv', source: analyst.deals },
			{ name: 'stage_history.csv', source: analyst.history },
			{ name: 'spend.csv', source: analyst.spend }
		]);
		try {
			expect(dataset.files.map((f) => [f.raw.file, f.role, f.crm])).toEqual([
				['deals.csv', 'deals', 'generic'],
				['stage_history.csv', 'history', 'generic'],
				['spend.csv', 'spend', 'spend']
			]);
			const count = (o: string) => analyst.truth.filter((d) => d.outcome === o).length;
			const r = await runReport(db, dataset, { period: null, filters: {} });
			expect(r.deals).toEqual({ created: 60, won: count('won'), lost: count('lost') });
			// `NA` lead sources read as no source, not as a source named "NA".
			const [row] = await db.query<{ na: number; none: number }>(
				sql`SELECT count(*) FILTER (WHERE source = 'NA')::INT AS na,
					count(*) FILTER (WHERE source = '(none)')::INT AS none FROM deals`
			);
			const missing = analyst.deals.split('\n').filter((l) => l.split(',')[3] === 'NA').length;
			expect(row).toEqual({ na: 0, none: missing });
			expect(dataset.warnings).toContain(
				`deals.csv: ${missing} deals without a source, shown as "(none)" (first: id "DL-1004" at line 6)`
			);
			// NA is no unreadable date or amount: no warning quotes it as a value.
			expect(dataset.warnings.filter((w) => w.includes('"NA"'))).toEqual([]);
		} finally {
			await db.close();
		}
	});
});

describe('a Bitrix24 spend sheet with Russian headers: Месяц;Источник;Расход, руб.', () => {
	it('is spend, and gives CAC beside a deals file', async () => {
		const bitrix = generateBitrixSpendRu();
		expect(reading(detect(fromCsv('расходы.csv', bitrix.spend))?.mapping)).toEqual({
			role: 'spend',
			crm: 'spend',
			columns: { date: 'Месяц', channel: 'Источник', amount: 'Расход, руб.' }
		});
		const { db, dataset } = await loadUnlabelled([
			{ name: 'deals.csv', source: analyst.deals },
			{ name: 'расходы.csv', source: bitrix.spend }
		]);
		try {
			expect(dataset.files.map((f) => f.role)).toEqual(['deals', 'spend']);
			// Every month of spend and every deal's close fall in this period.
			const period = { from: '2024-01-01', to: '2025-12-31' };
			const r = await runReport(db, dataset, { period, filters: {} });
			const total = bitrix.truth.reduce((sum, row) => sum + row.amount, 0);
			const won = analyst.truth.filter((d) => d.outcome === 'won').length;
			expect(r.spend).toBeCloseTo(total, 2);
			expect(r.cac).toBeCloseTo(total / won, 2);
		} finally {
			await db.close();
		}
	});
});

describe('a flat opportunities table with is_won / is_closed True/False and lost_at_stage', () => {
	it('maps every field, the flags as flags, lost_at_stage as the lost stage (not the stage)', () => {
		const found = detect(fromCsv('opportunities.csv', generateOpportunities().deals));
		expect(reading(found?.mapping)).toEqual({
			role: 'deals',
			crm: 'generic',
			columns: {
				id: 'opportunity_id',
				owner: 'owner_name',
				amount: 'amount',
				created: 'created_at',
				closed: 'closed_at',
				stage: 'stage',
				lost_stage: 'lost_at_stage'
			},
			flags: { won: 'is_won', closed: 'is_closed' }
		});
	});
});

describe('Detection.unsure', () => {
	it('names a field whose two best columns score within 0.1 (two created dates)', () => {
		const file = csv`
			id,stage,created_date,creation_date,amount,value
			1,Won,2024-01-01,2024-01-02,10,11
			2,Demo,2024-01-03,2024-01-03,20,21
		`;
		const found = detectGenericDeals(fromCsv('deals.csv', file), {});
		expect(found?.mapping.columns.created).toBe('created_date');
		// `amount` (1) and `value` (0.8) are not close: only the created date is unsure.
		expect(found?.unsure).toEqual([
			{ field: 'created', columns: ['created_date', 'creation_date'] }
		]);
	});
});
