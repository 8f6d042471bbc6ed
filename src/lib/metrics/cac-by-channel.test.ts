import { describe, expect, it } from 'vitest';
import { expectClose } from '../../../tests/unit/expect-close';
import { dealRows, spendRows, useMetricFixture } from '../../../tests/unit/metric-fixture';
import type { Filters } from '../model/filters';
import {
	cacByChannel,
	cacByChannelQuery,
	type CacByChannel,
	type ChannelCell
} from './cac-by-channel';

// Stages Lead < Demo < Proposal. January 2024.
const DEALS = dealRows`
	c1,Ann,Paid,1,,2024-01-02,2024-01-20,Won,Won
	c2,Ann,Paid,1,,2024-01-03,2024-01-15,Lost,Demo
	c3,Bob,Paid,1,,2024-01-04,,Open,Proposal
	c4,Bob,Organic,1,,2024-01-05,2024-02-10,Won,Won
	c5,Cy,Organic,1,,2023-12-20,2024-01-10,Won,Won
	c6,Cy,Events,1,,2023-06-01,2023-07-01,Won,Won
`;
const SPEND = spendRows`
	Paid: 2024-01-01 600, 2024-01-31 300
	Radio: 2024-01-10 200
	Events: 2023-12-31 100
`;
const JANUARY = { from: '2024-01-01', to: '2024-01-31' };

const fixture = useMetricFixture({ deals: DEALS, spend: SPEND });

async function run(filters: Filters = {}): Promise<CacByChannel> {
	const ctx = fixture.context(JANUARY, filters);
	const cells = await fixture.db.query<ChannelCell & Record<string, string | number>>(
		cacByChannelQuery(ctx)
	);
	return cacByChannel(ctx.stages, cells);
}

const costs = (stages: string[], values: (number | null)[]) =>
	values.map((cost, i) => ({ stage: stages[i], cost }));

describe('cac by channel', () => {
	it('cacByChannel: spend, cohort funnel, won, CAC and cost per stage per channel, most spend first', async () => {
		const c = await run();
		expect(c.stages).toEqual(['Lead', 'Demo', 'Proposal', 'won']);
		// Events: spend only before the period and no deal created or won in it: no row.
		expect(c.channels.map((ch) => ch.channel)).toEqual(['Paid', 'Radio', 'Organic']);
		expect(c.channels[0]).toEqual({
			channel: 'Paid',
			spend: 900,
			// Rows of 2024-01-01 and 2024-01-31.
			spend_rows: 2,
			created: 3,
			reached: [3, 3, 2, 1],
			won: 1,
			cac: 900,
			cost_per_stage: costs(c.stages, [300, 300, 450, 900])
		});
	});

	it('a channel with spend and no deals has null CAC and costs; so has one with deals and no spend row', async () => {
		const [, radio, organic] = (await run()).channels;
		expect(radio).toMatchObject({
			spend: 200,
			created: 0,
			reached: [0, 0, 0, 0],
			won: 0,
			cac: null
		});
		expect(radio.cost_per_stage.every((s) => s.cost === null)).toBe(true);
		// c4 created in January (won in February), c5 won in January (created in December); no
		// Organic spend row: nothing spent is no CAC of 0.
		const { spend, spend_rows, created, won, cac } = organic;
		expect([spend, spend_rows, created, won, cac]).toEqual([0, 0, 1, 1, null]);
		expect(organic.cost_per_stage.map((s) => s.cost)).toEqual([null, null, null, null]);
	});

	it('the total is the report’s spend, CAC and cost per stage', async () => {
		const c = await run();
		const r = await fixture.report({ period: JANUARY });
		expectClose(c.total, {
			channel: 'total',
			spend: 1100,
			created: 4,
			reached: [4, 4, 3, 2],
			won: 2,
			cac: 550,
			cost_per_stage: costs(c.stages, [275, 275, 1100 / 3, 550])
		});
		expectClose(c.total, { spend: r.spend, cac: r.cac, cost_per_stage: r.cost_per_stage });
	});

	it('a source filter keeps those channels, spend included', async () => {
		const c = await run({ source: ['Organic', 'Radio'] });
		expect(c.channels.map((ch) => ch.channel)).toEqual(['Radio', 'Organic']);
		expect(c.total).toMatchObject({ spend: 200, created: 1, won: 1, cac: 200 });
	});
});
