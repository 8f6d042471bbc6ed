import { describe, expect, it } from 'vitest';
import { recordingDb, useNodeDb } from '../../../tests/unit/node-db';
import { raw } from '../sql/sql';
import type { Config } from '../model/config';
import { loadDataset } from './load';

// A wide HubSpot export whose deals exercise every rule of the stage facts: stays to the next
// event and to the close, ties in time (stage order decides), a skip to won, a skip between open
// stages, a backward move, a negative stay, a deal without stage dates.
const HEADER = `"Record ID","Deal Stage","Pipeline","Amount","Close Date","Create Date","Deal owner","Date entered 'Lead (Sales Pipeline)'","Date entered 'Demo (Sales Pipeline)'","Date entered 'Offer (Sales Pipeline)'","Date entered 'Closed Won (Sales Pipeline)'","Date entered 'Closed Lost (Sales Pipeline)'"`;
const DEALS = [
	// Lead 4 d, Demo 4.625 d (to Offer at 00:00), Offer 10 d to won.
	`"1","Closed Won","Sales Pipeline","100","2024-01-20 00:00","2024-01-01 09:00","Ann","2024-01-01 09:00","2024-01-05 09:00","2024-01-10 00:00","2024-01-20 00:00",""`,
	// Lead → Offer skips Demo; Offer → Demo moves back; still open at Demo.
	`"2","Demo","Sales Pipeline","200","","2024-01-01 09:00","Ann","2024-01-01 09:00","2024-01-05 09:00","2024-01-03 09:00","",""`,
	// Lead and Demo entered at once: Lead 0 d, Demo 1 d, Offer 1.125 d to the lost event.
	`"3","Closed Lost","Sales Pipeline","300","2024-01-04 00:00","2024-01-01 09:00","Bob","2024-01-01 09:00","2024-01-01 09:00","2024-01-02 09:00","","2024-01-03 12:00"`,
	// Lead straight to won: two stages skipped.
	`"4","Closed Won","Sales Pipeline","400","2024-01-02 00:00","2024-01-01 09:00","Bob","2024-01-01 09:00","","","2024-01-02 09:00",""`,
	// Open at Lead: its stay is not over.
	`"5","Lead","Sales Pipeline","500","","2024-01-01 09:00","Cy","2024-01-01 09:00","","","",""`,
	// Lost before it entered Offer: the stay in Offer is negative and left out.
	`"6","Closed Lost","Sales Pipeline","600","2024-01-05 00:00","2024-01-01 09:00","Cy","2024-01-01 09:00","","2024-01-06 09:00","",""`,
	// No stage dates at all.
	`"7","Demo","Sales Pipeline","700","","2024-01-01 09:00","Cy","","","","",""`
];

const engine = useNodeDb();

/** Load the rows, recording the statements, and read back every table built from stage events. */
async function facts(rows: readonly string[], config?: Config) {
	const { db, statements } = recordingDb(engine);
	const dataset = await loadDataset(
		db,
		[{ name: 'deals.csv', source: [HEADER, ...rows].join('\n') }],
		{ config }
	);
	const read = (query: string) => engine.query(raw(query));
	return {
		dataset,
		byRow: statements.some((s) => s.text.includes('stage_lists')),
		events: await read(
			`SELECT id, stage, "at"::VARCHAR AS "at", idx, position FROM stage_events ORDER BY id, "at", position`
		),
		furthest: await read(`SELECT id, furthest FROM deal_facts ORDER BY id`),
		stays: await read(
			`SELECT idx, days, group_id, created::VARCHAR AS created FROM stays ORDER BY ALL`
		),
		skips: await read(
			`SELECT id, row, group_id, "from", "to", skipped, "at"::VARCHAR AS "at" FROM stage_skips ORDER BY id`
		),
		moves: await read(
			`SELECT id, "from", "to", "at"::VARCHAR AS "at" FROM backward_moves ORDER BY id`
		)
	};
}

type Facts = Awaited<ReturnType<typeof facts>>;

/** Both loads built the same stage events, furthest stages, stays, skips and backward moves. */
function expectSameTables(events: Facts, wide: Facts): void {
	for (const table of ['events', 'furthest', 'stays', 'skips', 'moves'] as const) {
		expect(events[table], table).toEqual(wide[table]);
	}
}

describe('stage dates read row by row', () => {
	it('a wide export gives the furthest stages, stays, skips and backward moves METRICS.md defines, without the event sort', async () => {
		const wide = await facts(DEALS);
		expect(wide.byRow).toBe(true);
		expect(wide.dataset.stages).toEqual(['Lead', 'Demo', 'Offer']);
		// Won is 4; deal 2 reached Offer before moving back; deal 7 sits at Demo.
		expect(wide.furthest).toEqual([
			{ id: '1', furthest: 4 },
			{ id: '2', furthest: 3 },
			{ id: '3', furthest: 3 },
			{ id: '4', furthest: 4 },
			{ id: '5', furthest: 1 },
			{ id: '6', furthest: 3 },
			{ id: '7', furthest: 2 }
		]);
		const days = (idx: number) =>
			(wide.stays as { idx: number; days: number }[])
				.filter((s) => s.idx === idx)
				.map((s) => s.days);
		// Lead: 1 → 4, 2 → 2 (to Offer), 3 → 0 (tie), 4 → 1 (to won), 6 → 5 (to Offer); 5 still open.
		expect(days(1)).toEqual([0, 1, 2, 4, 5]);
		// Demo: 1 → 4.625, 3 → 1 (to Offer); 2 is still there.
		expect(days(2)).toEqual([1, 4.625]);
		// Offer: 1 → 10 (to won), 2 → 2 (back to Demo), 3 → 1.125 (to the lost event); 6 negative.
		expect(days(3)).toEqual([1.125, 2, 10]);
		expect(wide.skips).toEqual([
			expect.objectContaining({ id: '2', from: 'Lead', to: 'Offer', skipped: 1 }),
			expect.objectContaining({ id: '4', from: 'Lead', to: 'Closed Won', skipped: 2 }),
			expect.objectContaining({ id: '6', from: 'Lead', to: 'Offer', skipped: 1 })
		]);
		expect(wide.moves).toEqual([{ id: '2', from: 'Offer', to: 'Demo', at: '2024-01-05 09:00:00' }]);
	});

	it('gives what the event path gives for the same deals', async () => {
		const wide = await facts(DEALS);
		// A row with an id and no created date is no deal: its events take the event path.
		const events = await facts([
			...DEALS,
			`"8","Demo","Sales Pipeline","800","","","Cy","2024-01-01 09:00","","","",""`
		]);
		expect(events.byRow).toBe(false);
		expectSameTables(events, wide);
	});

	it('a stage the stage list leaves out ends the stay before it, counts for no stage, and is warned about as before', async () => {
		const config: Config = { stages: ['Lead', 'Offer'] };
		const unknown = (w: readonly string[]) => w.filter((x) => x.includes('in the history'));
		const wide = await facts(DEALS, config);
		expect(wide.byRow).toBe(true);
		// Deals 1, 2 and 3 entered Demo.
		expect(unknown(wide.dataset.warnings)).toEqual([
			'deals.csv: stage "Demo" in the history (3 events) is not in the stage list; it ends the stay before it but counts for no stage'
		]);
		const events = await facts(
			[...DEALS, `"8","Lead","Sales Pipeline","800","","","Cy","2024-01-01 09:00","","","",""`],
			config
		);
		expect(events.byRow).toBe(false);
		expect(unknown(events.dataset.warnings)).toEqual(unknown(wide.dataset.warnings));
		expectSameTables(events, wide);
	});
});
