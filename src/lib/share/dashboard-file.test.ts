import { describe, expect, it } from 'vitest';
import { parseDashboardFile } from './dashboard-file';

describe('dashboard.json', () => {
	it('refuses 200,000 stages with the field and the limit, not a stack overflow', () => {
		const stages = Array.from({ length: 200_000 }, (_, i) => `S${i}`);
		expect(() => parseDashboardFile({ data: { deals: 'd.csv' }, stages })).toThrow(
			'config.stages has 200000 labels, more than the limit of 500'
		);
	});

	it('reads the data files, the title and the config', () => {
		expect(
			parseDashboardFile({
				title: 'Sales EMEA',
				data: { deals: 'data/opps.csv', spend: 'https://cdn.example.com/spend.csv' },
				stages: ['A', 'B'],
				won: ['Won']
			})
		).toEqual({
			title: 'Sales EMEA',
			config: { stages: ['A', 'B'], won: ['Won'] },
			data: [
				{ url: 'data/opps.csv', role: 'deals' },
				{ url: 'https://cdn.example.com/spend.csv', role: 'spend' }
			]
		});
	});

	it('says what is wrong', () => {
		const error = (v: unknown) => {
			try {
				parseDashboardFile(v);
			} catch (e) {
				return (e as Error).message;
			}
			return null;
		};
		expect(error([])).toBe('it must be a JSON object');
		expect(error({ data: { deals: 'd.csv', leads: 'l.csv' } })).toMatch(/unknown file "leads"/);
		expect(error({ data: { spend: 's.csv' } })).toBe('"data.deals" is missing');
		expect(error({ data: { deals: 'javascript:alert(1)' } })).toMatch(/data.deals/);
		expect(error({ data: { deals: 'd.csv' }, stagez: [] })).toMatch(/unknown key "stagez"/);
		expect(error({ data: { deals: 'd.csv' }, title: 5 })).toMatch(/title/);
	});
});
