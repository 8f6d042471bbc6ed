import { describe, expect, it } from 'vitest';
import { viewStages, type PipelineOrders } from './pipeline-view';

const combined = ['Discovery', 'Demo', 'Contract', 'Onboarding', 'Live'];
const orders: PipelineOrders = {
	pipelines: [
		{ pipeline: 'Sales', stages: ['Discovery', 'Demo', 'Contract'] },
		{ pipeline: 'Renewals', stages: ['Onboarding', 'Live'] }
	],
	others: false
};

describe('viewStages: the stage list of a view over one or several pipelines', () => {
	it('is the one list when there are no per-pipeline orders', () => {
		expect(viewStages(combined, null, { pipeline: ['Sales'] })).toEqual(combined);
	});

	it('is the selected pipeline’s own order (its name matched loosely)', () => {
		expect(viewStages(combined, orders, { pipeline: [' renewals'] })).toEqual([
			'Onboarding',
			'Live'
		]);
	});

	it('is step by step over several pipelines, each step labelled with every pipeline’s stage', () => {
		expect(viewStages(combined, orders, {})).toEqual([
			'Discovery / Onboarding',
			'Demo / Live',
			'Contract'
		]);
	});

	it('takes the combined list for a pipeline without its own order', () => {
		expect(viewStages(combined, { ...orders, others: true }, { pipeline: ['Other'] })).toEqual(
			combined
		);
		expect(viewStages(combined, { ...orders, others: true }, {})).toHaveLength(combined.length);
	});
});
