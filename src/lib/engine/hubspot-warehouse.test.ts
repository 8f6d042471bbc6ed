import { describe, expect, it } from 'vitest';
import {
	generateHubspotWarehouse,
	HUBSPOT_STAGE_IDS
} from '../../../tests/generators/hubspot-warehouse.mjs';
import { dealPaths } from '../../../tests/generators/deal-paths.mjs';
import { loadAndReport } from '../../../tests/unit/load-report';
import { useNodeDb } from '../../../tests/unit/node-db';
import type { Config } from '../model/config';
import { effectiveConfig } from './effective-config';

const db = useNodeDb();

// Deals 1 … 10: outcome, and how many open stages each entered (one every two days).
const extract = generateHubspotWarehouse(
	dealPaths('open 1, open 2, open 3, won 5, won 3, lost 1, lost 2, lost 2, lost 4, won 5')
);

const report = (source: string, config: Config = {}) =>
	loadAndReport(db, [{ name: 'deals.csv', source }], config);

describe('a HubSpot warehouse extract: is_closed + is_closed_won, date_entered_<stage id>', () => {
	it('loads with no config: both flags, the stage columns as stages and events', async () => {
		const { dataset, r } = await report(extract);
		expect(dataset.files[0].crm).toBe('generic');
		expect(dataset.deals.columns).toEqual({
			id: 'hs_object_id',
			amount: 'amount',
			pipeline: 'pipeline',
			created: 'createdate',
			closed: 'closedate'
		});
		expect(dataset.deals.flags).toEqual({ closed: 'is_closed', won: 'is_closed_won' });
		expect(dataset.deals.stageColumns.map((s) => [s.column, s.stage])).toEqual(
			[...HUBSPOT_STAGE_IDS, 'closedwon', 'closedlost'].map((s) => [`date_entered_${s}`, s])
		);
		expect(dataset.stages).toEqual(HUBSPOT_STAGE_IDS);
		expect(dataset.deals.stageOrder).toEqual({ from: 'stage dates', weak: false });
		expect(r.deals).toEqual({ created: 10, won: 3, lost: 4 });
		expect(r.win_rate).toBeCloseTo(3 / 7, 12);
		// f: open 1, 2, 3; won 6 (k + 1); lost 1, 2, 2, 4.
		expect(r.funnel.map((f) => f.reached)).toEqual([10, 8, 5, 4, 3, 3]);
		// A stay counts when the deal left the stage (a next event, or a closed deal's last open
		// stage): 9, 7, 4, 3 and 2 stays, each of two days.
		expect(r.time_in_stage?.map((t) => [t.stage, t.n, t.mean_days, t.median_days])).toEqual([
			['appointmentscheduled', 9, 2, 2],
			['qualifiedtobuy', 7, 2, 2],
			['presentationscheduled', 4, 2, 2],
			['decisionmakerboughtin', 3, 2, 2],
			['contractsent', 2, 2, 2]
		]);
		// Won deals 4, 5, 10: 1000 × id; closed 10, 6 and 10 days after their creation.
		expect(r.avg_deal_size).toBeCloseTo(19000 / 3, 9);
		expect(r.sales_cycle_days).toBeCloseTo(26 / 3, 12);
		expect(r.median_sales_cycle_days).toBe(10);
		expect(r.pipeline.open_deals).toBe(3);
		expect(dataset.warnings.filter((w) => /never uses|stage order|unknown/.test(w))).toEqual([]);
	});

	it('a config names both flags and the stage columns under other headers', async () => {
		const renamed = extract
			.replace('is_closed_won', 'finished_happily')
			.replace('is_closed', 'finished')
			.replaceAll('date_entered_', 'reached_');
		const config: Config = {
			columns: {
				id: 'hs_object_id',
				created: 'createdate',
				closed: 'closedate',
				is_closed: 'finished',
				is_won: 'finished_happily'
			},
			stage_dates: Object.fromEntries(
				[...HUBSPOT_STAGE_IDS, 'closedwon', 'closedlost'].map((s) => [s, `reached_${s}`])
			)
		};
		const { dataset, r } = await report(renamed, config);
		expect(dataset.deals.flags).toEqual({ closed: 'finished', won: 'finished_happily' });
		expect(dataset.stages).toEqual(HUBSPOT_STAGE_IDS);
		expect(r.deals).toEqual({ created: 10, won: 3, lost: 4 });
		expect(r.funnel.map((f) => f.reached)).toEqual([10, 8, 5, 4, 3, 3]);
	});
});

describe('the downloadable config of the extract', () => {
	it('names the flags and the stage columns, and gives the same numbers', async () => {
		const { dataset } = await report(extract);
		const config = effectiveConfig(dataset);
		expect(config.columns?.is_closed).toBe('is_closed');
		expect(config.columns?.is_won).toBe('is_closed_won');
		expect(Object.keys(config.stage_dates ?? {})).toEqual([
			...HUBSPOT_STAGE_IDS,
			'closedwon',
			'closedlost'
		]);
		const again = await report(extract, config);
		expect(again.r.funnel.map((f) => f.reached)).toEqual([10, 8, 5, 4, 3, 3]);
		expect(again.r.deals).toEqual({ created: 10, won: 3, lost: 4 });
	});
});

describe('stages from a template the file never uses', () => {
	it('a HubSpot export with no stage column, its outcome from two flags, is warned about', async () => {
		const source = [
			'Record ID,Deal Name,Create Date,Close Date,Amount,Pipeline,Is Closed,Is Closed Won',
			'1,A,2024-01-01,2024-02-01,100,Sales Pipeline,true,true',
			'2,B,2024-01-02,2024-02-02,200,Sales Pipeline,true,false',
			'3,C,2024-01-03,,300,Sales Pipeline,false,false'
		].join('\n');
		const { dataset, r } = await report(source, {
			columns: { is_closed: 'Is Closed', is_won: 'Is Closed Won' }
		});
		expect(dataset.files[0].crm).toBe('hubspot');
		expect(r.deals).toEqual({ created: 3, won: 1, lost: 1 });
		expect(dataset.warnings.filter((w) => /never uses/.test(w))).toEqual([
			'deals.csv: stages from a template that the file never uses (HubSpot default pipeline: Appointment Scheduled, Qualified To Buy, Presentation Scheduled, Decision Maker Bought-In, Contract Sent): set the stages in the stage editor'
		]);
	});
});
