import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../tests/generators/hubspot.mjs';
import { HISTORY_HEADER, REPORT_HEADER } from '../../../tests/generators/salesforce.mjs';
import { sniffDialect } from '../ingest/dialect';
import type { DealsMapping, FileSample, HistoryMapping, SpendMapping } from '../model/mapping';
import { detect, detectAll } from './detect';
import { hubspotStageColumns } from './hubspot';

function sample(columns: string[], rows: string[][] = []): FileSample {
	return { name: 'file.csv', columns, rows };
}

/** A HubSpot deals export's own columns, up to the owner. */
const HUBSPOT_BASE = LANGUAGES.en.headers.slice(0, 8);

describe('detect: HubSpot', () => {
	it("detect(sample) takes a deals export with Date entered '…' columns as HubSpot, stages in column order", () => {
		const columns = [
			...HUBSPOT_BASE,
			"Date entered 'Discovery (Sales Pipeline)'",
			"Date entered 'Closed Won (Sales Pipeline)'",
			"Date entered 'Demo Given (Sales Pipeline)'",
			"Date entered 'Closed Lost (Sales Pipeline)'",
			"Date entered 'Negotiation (Sales Pipeline)'"
		];
		const found = detect(sample(columns));
		expect(found?.mapping.role).toBe('deals');
		expect(found?.mapping.crm).toBe('hubspot');
		const m = found?.mapping as DealsMapping;
		expect(m.stages).toEqual(['Discovery', 'Demo Given', 'Negotiation']);
		expect(m.won).toEqual(['Closed Won']);
		expect(m.lost).toEqual(['Closed Lost']);
		expect(m.columns).toMatchObject({
			id: 'Record ID',
			stage: 'Deal Stage',
			created: 'Create Date',
			closed: 'Close Date',
			amount: 'Amount',
			owner: 'Deal owner',
			pipeline: 'Pipeline'
		});
		expect(m.stageColumns).toContainEqual({
			column: "Date entered 'Demo Given (Sales Pipeline)'",
			stage: 'Demo Given'
		});
		expect(m.stageColumns).toHaveLength(5);
	});

	it('detect(sample) reads the Date entered "…" variant of a CSV header the same way', () => {
		const head = [
			[
				...HUBSPOT_BASE,
				'Date entered "Qualified (Sales Pipeline)"',
				'Date entered "Proposal Sent (Sales Pipeline)"'
			]
				.map((c) => `"${c.replaceAll('"', '""')}"`)
				.join(','),
			'"1","Deal 1","Qualified","Sales Pipeline","10","","2024-01-01 10:00","Ann","2024-01-01 10:00",""'
		].join('\n');
		const { columns, rows } = sniffDialect(head + '\n');
		expect(columns[8]).toBe('Date entered "Qualified (Sales Pipeline)"');
		const m = detect(sample(columns, rows))?.mapping as DealsMapping;
		expect(m.crm).toBe('hubspot');
		expect(m.stages).toEqual(['Qualified', 'Proposal Sent']);
	});

	it('hubspotStageColumns(columns) reads straight, curly and single quotes and stage names with parentheses', () => {
		expect(
			hubspotStageColumns([
				'Date entered “Demo (Sales Pipeline)”',
				"date entered 'Proposal (v2) (Enterprise)'",
				'Date exited "Demo (Sales Pipeline)"',
				'Amount'
			])
		).toEqual([
			{ column: 'Date entered “Demo (Sales Pipeline)”', stage: 'Demo' },
			{ column: "date entered 'Proposal (v2) (Enterprise)'", stage: 'Proposal (v2)' }
		]);
	});

	it('detect(sample) falls back to HubSpot’s default stages without Date entered columns', () => {
		const m = detect(sample(HUBSPOT_BASE))?.mapping as DealsMapping;
		expect(m.crm).toBe('hubspot');
		expect(m.stages[0]).toBe('Appointment Scheduled');
		expect(m.stages).toHaveLength(5);
	});
});

describe('detect: Salesforce', () => {
	const REPORT = REPORT_HEADER;
	const HISTORY = HISTORY_HEADER;

	it('detect(sample) takes an opportunity report as Salesforce deals with M/D/YYYY dates', () => {
		const found = detect(sample(REPORT));
		const m = found?.mapping as DealsMapping;
		expect(m.role).toBe('deals');
		expect(m.crm).toBe('salesforce');
		expect(m.dateOrder).toBe('mdy');
		expect(m.columns).toMatchObject({
			id: 'Opportunity ID',
			owner: 'Opportunity Owner',
			source: 'Lead Source',
			stage: 'Stage',
			amount: 'Amount',
			probability: 'Probability (%)',
			created: 'Created Date',
			closed: 'Close Date'
		});
		expect(m.won).toEqual(['Closed Won']);
	});

	it('detect(sample) takes an Opportunity History report as stage history, not deals', () => {
		const found = detect(sample(HISTORY));
		const m = found?.mapping as HistoryMapping;
		expect(m.role).toBe('history');
		expect(m.crm).toBe('salesforce');
		expect(m.columns).toEqual({
			id: 'Opportunity ID',
			from: 'From Stage',
			stage: 'To Stage',
			at: 'Last Modified'
		});
		// No detector may take it for a Salesforce deals report.
		expect(
			detectAll(sample(HISTORY)).some(
				(d) => d.mapping.crm === 'salesforce' && d.mapping.role === 'deals'
			)
		).toBe(false);
	});
});

describe('detect: config and generic files', () => {
	const COLUMNS = ['Deal', 'Stage', 'Created', 'When opened', 'Value', 'Rep'];

	it('detect(sample, config) uses the columns a config names over guessed ones', () => {
		const config = {
			columns: {
				id: 'Deal',
				created: 'When opened',
				stage: 'Stage',
				amount: 'Value',
				owner: 'Rep'
			},
			stages: ['Intro', 'Pilot'],
			won: ['Signed'],
			lost: ['Dead']
		};
		const found = detect(sample(COLUMNS), config);
		const m = found?.mapping as DealsMapping;
		expect(found?.confidence).toBe(1);
		expect(m.role).toBe('deals');
		expect(m.columns.created).toBe('When opened');
		expect(m.columns.owner).toBe('Rep');
		expect(m.stages).toEqual(['Intro', 'Pilot']);
		expect(m.won).toEqual(['Signed']);
		expect(m.lost).toEqual(['Dead']);
	});

	it('detect(sample, config) lays config columns over a detected CRM mapping', () => {
		const found = detect(sample([...HUBSPOT_BASE, 'Amount in company currency']), {
			columns: { amount: 'Amount in company currency' }
		});
		const m = found?.mapping as DealsMapping;
		expect(m.crm).toBe('hubspot');
		expect(m.columns.amount).toBe('Amount in company currency');
		expect(m.columns.id).toBe('Record ID');
	});

	it('detect(sample) guesses a generic deals file and takes stage order from first appearance', () => {
		const m = detect(
			sample(
				['id', 'created', 'stage', 'amount'],
				[
					['1', '2024-01-01', 'Intro'],
					['2', '2024-01-02', 'Pilot'],
					['3', '2024-01-02', 'Intro']
				]
			)
		)?.mapping as DealsMapping;
		expect(m.crm).toBe('generic');
		expect(m.stages).toEqual(['Intro', 'Pilot']);
	});

	it('detect(sample) takes a month, channel and spend file as spend', () => {
		const m = detect(sample(['Month', 'Channel', 'Spend'], [['2024-01', 'PAID_SEARCH', '5916.45']]))
			?.mapping as SpendMapping;
		expect(m.role).toBe('spend');
		expect(m.columns).toEqual({ date: 'Month', channel: 'Channel', amount: 'Spend' });
	});

	it('detect(sample) reads Russian spend headers', () => {
		const m = detect(sample(['Месяц', 'Канал', 'Расход']))?.mapping as SpendMapping;
		expect(m.role).toBe('spend');
		expect(m.columns).toEqual({ date: 'Месяц', channel: 'Канал', amount: 'Расход' });
	});

	it('detect(sample) takes a narrow id, stage, date log as stage history', () => {
		const m = detect(sample(['opp', 'stage', 'entered']))?.mapping as HistoryMapping;
		expect(m.role).toBe('history');
		expect(m.columns).toMatchObject({ id: 'opp', stage: 'stage', at: 'entered' });
	});

	it('detect(sample) recognises nothing in unrelated columns', () => {
		expect(detect(sample(['foo', 'bar', 'baz']))).toBeNull();
	});
});

describe('detect(sample, config): a field the config gives wins over the guess', () => {
	it('the column is taken from the detected field, but the close and expected close share theirs', () => {
		const deals = (config: Parameters<typeof detect>[1]) =>
			detect(sample(HUBSPOT_BASE), config)?.mapping as DealsMapping;
		expect(deals({}).columns).toMatchObject({ closed: 'Close Date', expected_close: 'Close Date' });
		// `Close Date` named as created: neither the close date nor the expected close keeps it.
		const asCreated = deals({ columns: { created: 'Close Date' } }).columns;
		expect(asCreated.created).toBe('Close Date');
		expect(asCreated.closed).toBeUndefined();
		expect(asCreated.expected_close).toBeUndefined();
		// Named as the close date, it stays the expected close date too.
		const asClosed = deals({ columns: { closed: 'Close Date' } }).columns;
		expect(asClosed).toMatchObject({ closed: 'Close Date', expected_close: 'Close Date' });
		// Named as a yes/no flag, it is that flag and no date.
		const asFlag = deals({ columns: { is_won: 'Close Date' } });
		expect(asFlag.flags).toEqual({ won: 'Close Date' });
		expect(asFlag.columns.closed).toBeUndefined();
	});
});
