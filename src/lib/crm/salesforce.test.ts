import { describe, expect, it } from 'vitest';
import { useNodeDb } from '../../../tests/unit/node-db';
import {
	FIELD_HISTORY_HEADER,
	generateSalesforce,
	STAGES
} from '../../../tests/generators/salesforce.mjs';
import { expectGroundTruth, type Truth, type View } from '../../../tests/unit/ground-truth';
import { loadUnlabelled } from '../../../tests/unit/tiny-dataset';
import { detectDeals, detectHistory, sample } from '../../../tests/unit/detect-sample';
import type { Dataset } from '../engine/dataset';
import type { InputFile } from '../ingest/raw-table';
import { detect } from './detect';

const VIEWS: View[] = [
	{ period: null, filters: {} },
	{ period: { from: '2024-04-01', to: '2025-03-31' }, filters: {} },
	{ period: { from: '2024-07-01', to: '2025-06-30' }, filters: { source: ['Web', 'Partner'] } }
];

const db = useNodeDb();

/** Files by name, in drop order, loaded unlabelled. */
async function load(files: Record<string, InputFile['source']>): Promise<Dataset> {
	const inputs = Object.entries(files).map(([name, source]) => ({ name, source }));
	return (await loadUnlabelled(inputs, { db })).dataset;
}

/** Each view of `dataset` (the three above unless named) against the ground truth. */
const expectTruth = (dataset: Dataset, truth: Truth, views: View[] = VIEWS) =>
	expectGroundTruth(db, dataset, truth, views);

/** `truth` as a file without owner, source or probability columns gives it. */
const withoutOwnerSource = (truth: Truth): Truth => ({
	...truth,
	deals: truth.deals.map((d) => ({ ...d, owner: '(none)', source: '(none)', probability: null }))
});

describe('Salesforce report exports (labels, M/D/YYYY, footer lines)', () => {
	const sf = generateSalesforce({ deals: 400, seed: 5 });

	it('an opportunity report with its Opportunity History report gives the ground truth', async () => {
		const dataset = await load({ 'report1.csv': sf.report, 'report2.csv': sf.history });
		expect(dataset.files.map((f) => [f.crm, f.role])).toEqual([
			['salesforce', 'deals'],
			['salesforce', 'history']
		]);
		expect(dataset.stages).toEqual(STAGES);
		// The custom closed-lost stage is read as lost by its words.
		expect(dataset.deals.lost).toContain('Closed Lost - No Budget');
		expect(dataset.warnings.some((w) => w.includes('Grand Totals'))).toBe(true);
		await expectTruth(dataset, sf.truth.report);
		await expectTruth(dataset, sf.truth.report, [
			{ period: null, filters: { owner: ['Bob Ito'] } }
		]);
	});

	it('the Opportunity History report alone stands in for the deals (last row of each opportunity)', async () => {
		const dataset = await load({ 'history.csv': sf.history });
		expect(dataset.files).toHaveLength(1);
		expect(dataset.files[0].role).toBe('history');
		expect(dataset.deals.crm).toBe('salesforce');
		expect(dataset.dealCount).toBe(400);
		expect(dataset.warnings.some((w) => w.includes('no deals file was given'))).toBe(true);
		// The history report has no owner, source or probability column.
		await expectTruth(dataset, withoutOwnerSource(sf.truth.report));
	});
});

describe('Salesforce Opportunity Field History report (Stage rows, Created. rows)', () => {
	const sf = generateSalesforce({ deals: 300, seed: 21 });

	it('with the opportunity report: Created. is entering the first stage, Amount rows are not events', async () => {
		const dataset = await load({
			'opportunities.csv': sf.report,
			'field-history.csv': sf.fieldHistory
		});
		expect(dataset.history?.field?.column).toBe('Field / Event');
		expect(dataset.eventCount).toBe(sf.truth.report.events.length);
		await expectTruth(dataset, sf.truth.report);
	});

	it('alone: the deals come from its rows', async () => {
		const dataset = await load({ 'field-history.csv': sf.fieldHistory });
		expect(dataset.dealCount).toBe(300);
		await expectTruth(dataset, withoutOwnerSource(sf.truth.report));
	});
});

describe('Salesforce Data Export (API names, IsWon / IsClosed, OpportunityHistory)', () => {
	it('Opportunity + OpportunityHistory give the ground truth; rows repeating the stage are amount changes', async () => {
		const sf = generateSalesforce({ deals: 400, seed: 9 });
		const dataset = await load({
			'Opportunity.csv': sf.opportunity,
			'OpportunityHistory.csv': sf.opportunityHistory
		});
		const deals = dataset.deals;
		expect(deals.crm).toBe('salesforce');
		expect(deals.flags).toEqual({ won: 'IsWon', closed: 'IsClosed' });
		expect(deals.columns).toMatchObject({
			id: 'Id',
			stage: 'StageName',
			created: 'CreatedDate',
			closed: 'CloseDate',
			owner: 'OwnerId',
			source: 'LeadSource',
			segment: 'Type'
		});
		expect(dataset.history?.skipRepeats).toBe(true);
		expect(dataset.stages).toEqual(STAGES);
		await expectTruth(dataset, sf.truth.export);
	});

	it('reads FromOpportunityStageName when the export has it', async () => {
		const sf = generateSalesforce({ deals: 250, seed: 13, fromColumn: true });
		const dataset = await load({
			'opportunity.csv': sf.opportunity,
			'opportunityhistory.csv': sf.opportunityHistory
		});
		expect(dataset.history?.columns.from).toBe('FromOpportunityStageName');
		await expectTruth(dataset, sf.truth.export);
	});

	it('the Opportunity object alone: outcome from IsWon / IsClosed, no stage events', async () => {
		const sf = generateSalesforce({ deals: 250, seed: 17 });
		const dataset = await load({ 'Opportunity.csv': sf.opportunity });
		expect(dataset.eventCount).toBe(0);
		await expectTruth(dataset, { ...sf.truth.export, events: null });
	});
});

describe('detect: Salesforce shapes', () => {
	it('takes API-named Opportunity columns as a Data Export with IsWon / IsClosed flags', () => {
		const header =
			'Id,Name,StageName,Amount,CloseDate,CreatedDate,IsClosed,IsWon,OwnerId,CampaignId';
		const row =
			'006A,X,Prospecting,10,2024-01-02 00:00:00,2024-01-01 10:00:00,0,0,000000000000000AAA,000000000000000AAA';
		const m = detectDeals(header, [row.split(',')]);
		expect(m.crm).toBe('salesforce');
		expect(m.flags).toEqual({ won: 'IsWon', closed: 'IsClosed' });
		// An owner column holding only the null id is left unmapped.
		expect(m.columns.owner).toBeUndefined();
	});

	it('takes OpportunityHistory (OpportunityId, StageName, CreatedDate) as a history, not deals', () => {
		const m = detectHistory('Id,OpportunityId,CreatedDate,StageName,Amount,CloseDate,Probability');
		expect(m.role).toBe('history');
		expect(m.columns).toEqual({ id: 'OpportunityId', stage: 'StageName', at: 'CreatedDate' });
		expect(m.skipRepeats).toBe(true);
	});

	it('takes a field history report as a history of Stage rows with Created. rows', () => {
		const m = detectHistory(FIELD_HISTORY_HEADER);
		expect(m.role).toBe('history');
		expect(m.columns).toEqual({
			id: 'Opportunity ID',
			stage: 'New Value',
			from: 'Old Value',
			at: 'Edit Date'
		});
		expect(m.field?.column).toBe('Field / Event');
		expect(m.field?.created?.current).toBe('Stage');
		expect(m.dealsPerRow?.columns).toMatchObject({ id: 'Opportunity ID', stage: 'Stage' });
	});

	it('takes a Campaign export as spend (actual cost by type, on the start date)', () => {
		const m = detect(
			sample('Id,Name,Type,Status,StartDate,EndDate,BudgetedCost,ActualCost')
		)?.mapping;
		expect(m?.role).toBe('spend');
		expect(m?.columns).toEqual({ date: 'StartDate', channel: 'Type', amount: 'ActualCost' });
	});
});
