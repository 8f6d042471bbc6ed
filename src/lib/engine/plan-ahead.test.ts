import { beforeAll, describe, expect, it } from 'vitest';
import { loadHubspotExample } from '../../../tests/unit/hubspot-example';
import { useNodeDb } from '../../../tests/unit/node-db';
import { typedParams } from '../db/typed-params';
import type { Db, Row } from '../db/types';
import type { Sql } from '../sql/sql';
import { runDashboard, viewStatements, type DashboardRequest } from './dashboard';
import type { Dataset } from './dataset';
import { planAhead } from './plan-ahead';

const engine = useNodeDb();
/** The texts the engine planned ahead, and those it was asked to run, as the engine keeps them. */
const planned: string[] = [];
const ran: string[] = [];
const kept = (statement: Sql) => typedParams(statement).text;
const db: Db = {
	query: <T extends Row = Row>(statement: Sql) => {
		ran.push(kept(statement));
		return engine.query<T>(statement);
	},
	prepare: async (statement) => {
		planned.push(kept(statement));
		await engine.prepare?.(statement);
	},
	registerFile: (name, source) => engine.registerFile(name, source),
	dropFile: (path) => engine.dropFile(path),
	close: () => engine.close()
};
let dataset: Dataset;
beforeAll(async () => {
	dataset = await loadHubspotExample(db);
});

/** What a page shows after a drop: the whole data, no filter. */
const first: DashboardRequest = { period: null, filters: {} };

describe('planning ahead the views a click asks for', () => {
	it('plans every statement of the next clicks, so those clicks plan none', async () => {
		await runDashboard(db, dataset, first);
		const before = new Set(ran);
		planned.length = 0;
		const sent = await planAhead(db, dataset, first, () => true);
		expect(sent).toBe(planned.length);
		expect(new Set(planned).size).toBe(planned.length);
		// What the benchmark's clicks ask (an owner, a source, a period; other values each time),
		// and a period with no filter left: each text was planned ahead or run before.
		const clicks: DashboardRequest[] = [
			{ period: null, filters: { owner: ['Bob Ito'] } },
			{ period: null, filters: { owner: ['Bob Ito'], source: ['ORGANIC'] } },
			{
				period: { from: '2024-07-01', to: '2024-09-30' },
				filters: { owner: ['Bob Ito'], source: ['ORGANIC'] }
			},
			{ period: { from: '2024-10-01', to: '2025-03-31' }, filters: { segment: ['SMB'] } },
			{ period: { from: '2024-01-01', to: '2024-12-31' }, filters: {} }
		];
		const known = new Set([...before, ...planned]);
		const unplanned: string[] = [];
		for (const click of clicks) {
			ran.length = 0;
			await runDashboard(db, dataset, click);
			unplanned.push(...ran.filter((text) => !known.has(text)));
		}
		// The one exception: the write of the view's values for a segment filter. Which
		// dimensions are null is in its text (a null is typed as a literal); one short UPDATE.
		expect(unplanned).toHaveLength(1);
		expect(unplanned[0]).toMatch(/^UPDATE view_values SET/);
		// And every statement those views send that had not run before was among those planned.
		const texts = new Set(
			clicks
				.flatMap((click) => viewStatements(dataset, click).map(kept))
				.filter((text) => !before.has(text) && !unplanned.includes(text))
		);
		expect(texts.size).toBeGreaterThan(8);
		expect([...texts].filter((text) => !planned.includes(text))).toEqual([]);
	});

	it('stops as soon as the dataset is no longer wanted', async () => {
		let left = 3;
		planned.length = 0;
		const sent = await planAhead(db, dataset, first, () => left-- > 0);
		expect(sent).toBe(3);
		expect(planned).toHaveLength(3);
	});

	it('does nothing on an engine that keeps no plans', async () => {
		const { prepare: _, ...plain } = db;
		expect(await planAhead(plain, dataset, first, () => true)).toBe(0);
	});

	it('lists the statements a view sends, in the order it sends them', async () => {
		const request: DashboardRequest = {
			period: { from: '2024-04-01', to: '2025-03-31' },
			filters: { source: ['ORGANIC'] }
		};
		ran.length = 0;
		await runDashboard(db, dataset, request);
		expect(viewStatements(dataset, request).map(kept)).toEqual(ran);
	});
});
