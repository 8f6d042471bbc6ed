import { describe, expect, it } from 'vitest';
import { configStageColumns, stageDateColumns } from './stage-date-columns';

describe('stageDateColumns(sample, labels): per-stage date columns in any naming', () => {
	const columns = [
		'id',
		'stage',
		'created_date',
		'close_date',
		'qualification_date',
		'Date entered "Proposal (Sales Pipeline)"',
		'hs_v2_date_entered_contractsent',
		'date_entered_closedwon',
		'date_negotiation',
		'notes_date',
		'Demo Date'
	];
	const row = [
		'1',
		'Qualification',
		'2024-01-02',
		'2024-02-01',
		'2024-01-05',
		'2024-01-09 10:00',
		'',
		'NA',
		'2024-01-20',
		'2024-01-03',
		'soon'
	];

	it('reads Date entered "…", date_entered_<id>, <stage>_date and date_<stage>', () => {
		const found = stageDateColumns({ name: 'deals.csv', columns, rows: [row] }, [
			'Qualification',
			'Negotiation',
			'Demo'
		]);
		expect(found).toEqual([
			{ column: 'qualification_date', stage: 'Qualification' },
			{ column: 'Date entered "Proposal (Sales Pipeline)"', stage: 'Proposal' },
			{ column: 'hs_v2_date_entered_contractsent', stage: 'contractsent' },
			{ column: 'date_entered_closedwon', stage: 'closedwon' },
			{ column: 'date_negotiation', stage: 'Negotiation' }
		]);
		// `created_date`, `close_date` and `notes_date` name no stage; `Demo Date` holds no dates.
	});

	it('the config names them, stage label → column, in its order', () => {
		expect(configStageColumns({ stage_dates: { Lead: 'lead_on', Demo: 'demo_on' } })).toEqual([
			{ column: 'lead_on', stage: 'Lead' },
			{ column: 'demo_on', stage: 'Demo' }
		]);
		expect(configStageColumns({})).toBeUndefined();
	});
});
