import { describe, expect, it } from 'vitest';
import { useNodeDb } from '../../../tests/unit/node-db';
import { generateZoho, STAGES } from '../../../tests/generators/zoho.mjs';
import { expectGroundTruth } from '../../../tests/unit/ground-truth';
import { loadUnlabelled } from '../../../tests/unit/tiny-dataset';
import { sample } from '../../../tests/unit/detect-sample';
import type { DealsMapping } from '../model/mapping';
import { detect } from './detect';

const db = useNodeDb();

describe('a generated Zoho CRM Deals export', () => {
	for (const dateFormat of ['dd/MM/yyyy', 'MM/dd/yyyy'] as const) {
		it(`with ${dateFormat} dates gives the ground truth`, async () => {
			const { deals, truth } = generateZoho({ deals: 350, seed: 3, dateFormat });
			const { dataset } = await loadUnlabelled([{ name: 'Deals_001.csv', source: deals }], { db });
			const file = dataset.files[0];
			expect([file.crm, file.role]).toEqual(['zoho', 'deals']);
			expect(dataset.stages).toEqual(STAGES);
			expect(dataset.deals.lost).toContain('Closed-Lost to Competition');
			// Lookups: the owner is the name column, not its `.id`.
			expect(dataset.deals.columns).toMatchObject({
				id: 'Record Id',
				owner: 'Deal Owner',
				created: 'Created Time',
				closed: 'Closing Date',
				stage: 'Stage',
				probability: 'Probability (%)'
			});
			expect(dataset.dealCount).toBe(350);
			await expectGroundTruth(db, dataset, truth, [
				{ period: null, filters: {} },
				{ period: { from: '2024-03-01', to: '2025-02-28' }, filters: { owner: ['Tom Becker'] } },
				{ period: { from: '2024-01-01', to: '2025-06-30' }, filters: { source: ['Cold Call'] } }
			]);
		});
	}

	it('detect(sample) takes Record Id / Deal Owner.id columns as Zoho, not as a generic file', () => {
		const header =
			'Record Id,Deal Owner,Deal Owner.id,Deal Name,Amount,Closing Date,Stage,Created Time';
		const found = detect(sample(header, [], 'Deals.csv'));
		expect(found?.mapping.crm).toBe('zoho');
		expect((found?.mapping as DealsMapping).won).toEqual(['Closed Won']);
	});
});
