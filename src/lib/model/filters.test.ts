import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeDb } from '../db/node';
import type { Db } from '../db/types';
import {
	boundValues,
	dealFilter,
	groupFilter,
	inPeriod,
	isDimension,
	isIsoDate,
	spendFilter,
	type Filters,
	type ViewScope
} from './filters';
import { ident, sql } from '../sql/sql';

/** The filters over a period, bound (no `view_values` slot). */
const over = (filters: Filters): ViewScope => ({
	period: { from: '2024-01-01', to: '2024-12-31' },
	filters
});

describe('filters', () => {
	it('dealFilter(filters) has one text for any filters, each dimension bound as one value', () => {
		const views: Filters[] = [
			{},
			{ owner: ['Ann'] },
			{ owner: ['Ann', 'Bob', 'Cy'], source: ['Paid'] },
			{ segment: [] }
		];
		expect(new Set(views.map((f) => dealFilter(f).text)).size).toBe(1);
		const f = dealFilter({ owner: ['Ann', 'Bob'], source: ['Paid'] });
		// Two placeholders per dimension (the null test, the list): owner, source, pipeline, segment.
		expect(f.params).toEqual([
			'\x1fAnn\x1fBob',
			'\x1fAnn\x1fBob',
			'\x1fPaid',
			'\x1fPaid',
			null,
			null,
			null,
			null
		]);
	});

	it('dealFilter(filters, alias) qualifies the columns', () => {
		expect(dealFilter({ segment: ['SMB'] }, 'd').text).toContain('"d"."segment"');
	});

	it('groupFilter(filters): TRUE without filters, else one text for any values', () => {
		expect(groupFilter(over({}))).toMatchObject({ text: 'TRUE', params: [] });
		const a = groupFilter(over({ owner: ['Ann'], segment: ['SMB', 'Mid'] }));
		const b = groupFilter(over({ pipeline: ['Default'] }));
		expect(a.text).toBe(b.text);
		expect(a.text).toMatch(/^group_id IN \(SELECT group_id FROM deal_groups WHERE /);
	});

	it('spendFilter(filters) has one text, the sources bound (null: every channel)', () => {
		const a = spendFilter(over({ owner: ['Ann'] }));
		const b = spendFilter(over({ owner: ['Ann'], source: ['Paid', 'Events'] }));
		expect(a.text).toBe(b.text);
		expect(a.params).toEqual([null, null]);
		expect(b.params).toEqual(['\x1fPaid\x1fEvents', '\x1fPaid\x1fEvents']);
	});

	it('boundValues(values) marks each value and escapes the separator and the escape', () => {
		expect(boundValues(undefined)).toBeNull();
		expect(boundValues([])).toBe('');
		expect(boundValues([''])).toBe('\x1f');
		expect(boundValues(['a\x1fb', '\x1e1'])).toBe('\x1fa\x1e1b\x1f\x1e01');
	});

	it('inPeriod(column, period) binds both ends', () => {
		const f = inPeriod(ident('created'), {
			period: { from: '2024-01-01', to: '2024-01-31' },
			filters: {}
		});
		expect(f.text).toBe('"created" BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)');
		expect(f.params).toEqual(['2024-01-01', '2024-01-31']);
	});

	it('isIsoDate(text) accepts real YYYY-MM-DD dates only', () => {
		expect(isIsoDate('2024-02-29')).toBe(true);
		for (const text of ['2023-02-29', '2024-13-01', '2024-1-01', '01/02/2024']) {
			expect(isIsoDate(text), text).toBe(false);
		}
	});

	it('isDimension(name) knows owner, source, pipeline and segment', () => {
		expect(['owner', 'source', 'pipeline', 'segment'].every(isDimension)).toBe(true);
		expect(isDimension('region')).toBe(false);
		expect(isDimension('amount')).toBe(false);
	});
});

describe('filters run in DuckDB', () => {
	let db: Db;
	// Owners with the separator (chr 31), the escape (chr 30), both, the text an escape makes,
	// the empty text and plain names: a filter keeps exactly the owners it names.
	const OWNERS = ['Ann', 'Bob', 'Ann\x1fBob', '\x1f', '\x1e1', '\x1e\x1f', '', 'Ann\x1e'];
	beforeAll(async () => {
		db = await startNodeDb();
		await db.query(sql`CREATE TABLE deal_groups (group_id INTEGER, owner VARCHAR, source VARCHAR,
			pipeline VARCHAR, segment VARCHAR)`);
		for (const [i, owner] of OWNERS.entries())
			await db.query(
				sql`INSERT INTO deal_groups VALUES (${i + 1}, ${owner}, ${i % 2 ? 'Paid' : 'Events'}, 'P', 'S')`
			);
	});
	afterAll(async () => {
		await db?.close();
	});

	async function kept(filters: Filters): Promise<string[]> {
		const rows = await db.query<{ owner: string }>(
			sql`SELECT owner FROM deal_groups WHERE ${groupFilter(over(filters))} ORDER BY group_id`
		);
		return rows.map((r) => r.owner);
	}

	it.each([
		[['Ann'], ['Ann']],
		[['Ann\x1fBob'], ['Ann\x1fBob']],
		[['\x1f'], ['\x1f']],
		[['\x1e1'], ['\x1e1']],
		[
			['\x1e\x1f', 'Ann\x1e'],
			['\x1e\x1f', 'Ann\x1e']
		],
		[[''], ['']],
		[['Bob', 'nobody'], ['Bob']],
		[[], []]
	])('an owner filter %j keeps exactly %j', async (values, expected) => {
		expect(await kept({ owner: values })).toEqual(expected);
	});

	it('keeps every group without a filter, and crosses dimensions with AND', async () => {
		expect(await kept({})).toEqual(OWNERS);
		expect(await kept({ owner: ['Ann', 'Bob'], source: ['Paid'] })).toEqual(['Bob']);
	});

	it('filters spend channels by the source filter, separators included', async () => {
		const channels = ['Paid', 'Paid\x1fAds', 'Ads'];
		const pick = async (filters: Filters) =>
			(
				await db.query<{ channel: string }>(
					sql`SELECT channel FROM (VALUES (${channels[0]}), (${channels[1]}), (${channels[2]})) t(channel)
						WHERE ${spendFilter(over(filters))} ORDER BY channel`
				)
			).map((r) => r.channel);
		expect(await pick({})).toEqual(['Ads', 'Paid', 'Paid\x1fAds']);
		expect(await pick({ source: ['Paid\x1fAds'] })).toEqual(['Paid\x1fAds']);
		expect(await pick({ source: ['Paid', 'Ads'] })).toEqual(['Ads', 'Paid']);
	});
});
