import { describe, expect, it } from 'vitest';
import { dealFilter, groupFilter, inPeriod, isDimension, isIsoDate, spendFilter } from './filters';
import { ident } from '../sql/sql';

describe('filters', () => {
	it('dealFilter({}) is TRUE', () => {
		expect(dealFilter({})).toMatchObject({ text: 'TRUE', params: [] });
	});

	it('dealFilter(filters) is "any of" within a dimension and "all of" across dimensions, values bound', () => {
		const f = dealFilter({ owner: ['Ann', 'Bob'], source: ['Paid'] });
		expect(f.text).toBe('"owner" IN (?, ?) AND "source" IN (?)');
		expect(f.params).toEqual(['Ann', 'Bob', 'Paid']);
	});

	it('dealFilter(filters, alias) qualifies the columns', () => {
		expect(dealFilter({ segment: ['SMB'] }, 'd').text).toBe('"d"."segment" IN (?)');
	});

	it('groupFilter(filters) keeps the filter groups whose dimensions pass; TRUE without filters', () => {
		expect(groupFilter({})).toMatchObject({ text: 'TRUE', params: [] });
		const f = groupFilter({ owner: ['Ann'], segment: ['SMB', 'Mid'] });
		expect(f.text).toBe(
			'g IN (SELECT g FROM deal_groups WHERE "owner" IN (?) AND "segment" IN (?, ?))'
		);
		expect(f.params).toEqual(['Ann', 'SMB', 'Mid']);
	});

	it('spendFilter(filters) filters by channel only when deals are filtered by source', () => {
		expect(spendFilter({ owner: ['Ann'] }).text).toBe('TRUE');
		const f = spendFilter({ owner: ['Ann'], source: ['Paid', 'Events'] });
		expect(f.text).toBe('channel IN (?, ?)');
		expect(f.params).toEqual(['Paid', 'Events']);
	});

	it('inPeriod(column, period) binds both ends', () => {
		const f = inPeriod(ident('created'), { from: '2024-01-01', to: '2024-01-31' });
		expect(f.text).toBe('"created" BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)');
		expect(f.params).toEqual(['2024-01-01', '2024-01-31']);
	});

	it('isIsoDate(text) accepts real YYYY-MM-DD dates only', () => {
		expect(isIsoDate('2024-02-29')).toBe(true);
		expect(isIsoDate('2023-02-29')).toBe(false);
		expect(isIsoDate('2024-13-01')).toBe(false);
		expect(isIsoDate('2024-1-01')).toBe(false);
		expect(isIsoDate('01/02/2024')).toBe(false);
	});

	it('isDimension(name) knows owner, source, pipeline and segment', () => {
		expect(['owner', 'source', 'pipeline', 'segment'].every(isDimension)).toBe(true);
		expect(isDimension('region')).toBe(false);
		expect(isDimension('amount')).toBe(false);
	});
});
