import { describe, it } from 'vitest';
import { generateHubspot } from '../../../tests/generators/hubspot.mjs';
import { groundTruth } from '../../../tests/generators/ground-truth.mjs';
import { expectClose } from '../../../tests/unit/expect-close';
import { runReport } from '../engine/report';
import { loadUnlabelled } from '../../../tests/unit/tiny-dataset';

describe('a generated HubSpot export (Date entered columns, 0–1 probabilities, spend)', () => {
	const { deals, spend, truth } = generateHubspot({ deals: 600, seed: 11 });

	it('gives the generator ground truth for the whole data, a period and filters', async () => {
		const { db, dataset } = await loadUnlabelled([
			{ name: 'hubspot-deals.csv', source: deals },
			{ name: 'spend.csv', source: spend }
		]);
		try {
			const views: {
				period: { from: string; to: string } | null;
				filters: Record<string, string[]>;
			}[] = [
				{ period: null, filters: {} },
				{ period: { from: '2024-04-01', to: '2025-03-31' }, filters: {} },
				{
					period: { from: '2024-07-01', to: '2024-12-31' },
					filters: { owner: ['Bob Ito', 'Carla Díaz'] }
				},
				{ period: { from: '2024-01-01', to: '2025-06-30' }, filters: { source: ['REFERRAL'] } }
			];
			for (const view of views) {
				const report = await runReport(db, dataset, view);
				const { warnings: _w, ...actual } = report;
				expectClose(actual, groundTruth({ ...truth, ...view }));
			}
		} finally {
			await db.close();
		}
	});
});
