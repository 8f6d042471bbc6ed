import { describe, expect, it } from 'vitest';
import { hasDataset, useSharedDataset } from '../../../tests/unit/dataset-files';

// CI lays ../shared beside the checkout; a clone without it skips these tests, saying so.
const present = hasDataset('pipedrive-enpal-deal-changes');
import { sql } from '../sql/sql';

// ../shared/datasets/pipedrive-enpal-deal-changes: a Pipedrive deal change log with no deals file
// (SOURCE.md). Deals are derived from the log: created from `add_time`, owner from the last
// `user_id`, stage from the last `stage_id`; all open (no status rows; `lost_reason` is on every
// deal, so it cannot mean lost). Hand-checked numbers come from a separate DuckDB query over the
// raw CSV (max stage id per deal; stages.csv lists ids 1–9 in order).

const STAGES = [
	'Lead Generation',
	'Qualified lead',
	'Needs Assessment',
	'Proposal/Quote Preparation',
	'Negotiation',
	'Closing',
	'Implementation/Onboarding',
	'Follow-up/Customer Success',
	'Renewal/Expansion'
];

const shared = useSharedDataset('pipedrive-enpal-deal-changes', present);

describe.skipIf(!present)(
	'dataset pipedrive-enpal-deal-changes (a change log and a stage list, no deals file)',
	() => {
		it('recognises the log as Pipedrive history and stages.csv as the stage list; sets the rest aside with a warning', () => {
			expect(
				shared().dataset.files.map((f) => [f.raw.file, f.role, f.crm, f.raw.rowsLoaded])
			).toEqual([
				['deal_changes.csv', 'history', 'pipedrive', 15_406],
				['stages.csv', 'stages', 'generic', 9]
			]);
			for (const side of ['activity.csv', 'activity_types.csv', 'fields.csv', 'users.csv']) {
				expect(shared().dataset.warnings).toContainEqual(
					expect.stringMatching(`^${side}: not used: `)
				);
			}
		});

		it('derives 1,995 deals (all open) and takes 8,906 stage events; stage order from stages.csv', () => {
			expect(shared().dataset.deals.crm).toBe('pipedrive');
			expect(shared().dataset.dealCount).toBe(1995);
			expect(shared().dataset.eventCount).toBe(8906);
			expect(shared().dataset.stages).toEqual(STAGES);
			expect(shared().dataset.warnings).toContain(
				'deal_changes.csv: no deals file was given, so 1995 deals were derived from the change log (created from its "add_time" rows, stage from the last "stage_id" row, all open: the log has no status rows)'
			);
			// 2,000 add_time rows for 1,995 ids: five ids were created twice.
			expect(shared().dataset.warnings).toContain(
				'deal_changes.csv: 5 deals have more than one "add_time" row (for example id "399956"); each is one deal, created at its earliest'
			);
			expect(shared().report.deals).toEqual({ created: 1995, won: 0, lost: 0 });
			expect(shared().report.pipeline.open_deals).toBe(1995);
		});

		it('a deal reached the furthest stage it ever entered, also after moving back or skipping stages', async () => {
			const rows = await shared().db.query<{
				id: string;
				stage: string;
				f: number;
				owner: string;
				created: string;
			}>(
				sql`SELECT id, stage, furthest::DOUBLE AS f, owner, CAST(created AS VARCHAR) AS created FROM deal_facts
				WHERE id IN ('881836', '556338', '554294', '709537', '148488') ORDER BY id`
			);
			expect(rows).toEqual([
				// 1>2>4>5>6>9: skipped 3 and 7–8, counted as passed.
				{ id: '148488', stage: 'Renewal/Expansion', f: 9, owner: '1679', created: '2024-08-27' },
				// 1>2>3>1>4>2>8>6>9 across two add_time rows (created at the earlier one).
				{ id: '554294', stage: 'Renewal/Expansion', f: 9, owner: '770', created: '2024-07-09' },
				// 1>2>3>6>7>1>2>3>4: now at 4, but reached 7.
				{
					id: '556338',
					stage: 'Proposal/Quote Preparation',
					f: 7,
					owner: '782',
					created: '2024-07-03'
				},
				{
					id: '709537',
					stage: 'Implementation/Onboarding',
					f: 7,
					owner: '1574',
					created: '2024-08-31'
				},
				{ id: '881836', stage: 'Closing', f: 6, owner: '1728', created: '2024-04-09' }
			]);
		});

		it('the funnel counts deals by furthest stage (checked against max(stage_id) per deal)', () => {
			expect(shared().report.funnel.map((r) => [r.stage, r.reached])).toEqual([
				...STAGES.map((s, i) => [s, [1995, 1990, 1951, 1862, 1693, 1424, 1081, 723, 324][i]]),
				['won', 0]
			]);
			expect(shared().report.win_rate).toBeNull();
			expect(shared().report.avg_deal_size).toBeNull();
		});

		it('time in stage: every deal entered stage 1 and left it (an open deal still there is not counted)', () => {
			const first = shared().report.time_in_stage?.[0];
			expect(first?.stage).toBe('Lead Generation');
			expect(first?.n).toBe(1995);
		});
	}
);
