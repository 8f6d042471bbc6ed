import { describe, expect, it } from 'vitest';
import { useNodeDb } from '../../../tests/unit/node-db';
import { generateClose, STATUSES } from '../../../tests/generators/close.mjs';
import { expectGroundTruth } from '../../../tests/unit/ground-truth';
import { loadUnlabelled } from '../../../tests/unit/tiny-dataset';
import type { FileSample } from '../model/mapping';
import { closeValueScale } from './close';

const db = useNodeDb();

describe('a generated Close opportunities export', () => {
	it('gives the ground truth: status_type decides, value in cents, date_lost for lost ones', async () => {
		const { deals, truth } = generateClose({ deals: 400, seed: 4 });
		const { dataset } = await loadUnlabelled([{ name: 'opportunities.csv', source: deals }], {
			db
		});
		const file = dataset.files[0];
		expect([file.crm, file.role]).toEqual(['close', 'deals']);
		expect(dataset.deals.amountScale).toBe(0.01);
		expect(dataset.deals.closedBy).toEqual({ won: 'date_won', lost: 'date_lost' });
		// No default pipeline: the active statuses, ordered by mean confidence.
		expect(dataset.stages).toEqual(STATUSES);
		expect(dataset.deals.lost).toEqual(expect.arrayContaining(['Lost', 'Lost - No Budget']));
		expect(dataset.deals.won).toContain('Won');
		// Mean confidence is a weak guess of the order (METRICS.md has none for Close): said so.
		expect(dataset.warnings.filter((w) => w.includes('stage'))).toEqual([
			`opportunities.csv: stage order guessed from the mean probability of the deals at each stage (${STATUSES.join(', ')}): check it in the stage editor`
		]);
		expect(dataset.deals.stageOrder).toEqual({ from: 'probability', weak: true });
		await expectGroundTruth(db, dataset, truth, [
			{ period: null, filters: {} },
			{ period: { from: '2024-06-01', to: '2025-05-31' }, filters: { owner: ['Ben Walsh'] } }
		]);
	});
});

describe('closeValueScale(sample, value, formatted)', () => {
	const sample = (rows: string[][]): FileSample => ({
		name: 'o.csv',
		columns: ['value', 'value_formatted'],
		rows
	});

	it('reads cents when value is 100 × value_formatted (rounded or monthly too)', () => {
		expect(
			closeValueScale(
				sample([
					['300000', '$3,000'],
					['300050', '$3,000'],
					['5000', '$50 monthly']
				]),
				'value',
				'value_formatted'
			)
		).toBe(0.01);
	});

	it('reads units when value equals value_formatted', () => {
		expect(
			closeValueScale(
				sample([
					['3000', '$3,000'],
					['1', '$1'],
					['1250.5', '$1,250.50']
				]),
				'value',
				'value_formatted'
			)
		).toBe(1);
	});

	it('takes cents without a value_formatted column, as the API documents', () => {
		expect(closeValueScale(sample([['3000', '']]), 'value')).toBe(0.01);
	});
});
