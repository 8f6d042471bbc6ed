import { describe, expect, it } from 'vitest';
import { dealRows, useMetricFixture } from '../../../tests/unit/metric-fixture';
import { sql } from '../sql/sql';

// March 2024. Ids are text: "007" and "7" are two deals; the second "007" row is a duplicate.
const DEALS = dealRows`
	007,Ann,Paid,1,,2024-03-01,2024-03-31,Won,Won
	7,Ann,Paid,1,,2024-03-31,2024-12-31,Open,Lead
	189164774900,Bob,Paid,1,,2024-02-29,2024-03-01,Lost,Lead
	189164774901,Bob,Paid,1,,2024-03-15,2024-04-01,Won,Won
	189164774902,Bob,Paid,1,,2024-04-01,2024-04-02,Lost,Lead
	189164774903,Cy,Paid,1,,2024-03-10,,Won,Won
	007,Cy,Paid,1,,2024-03-05,2024-03-06,Lost,Lead
	X1,Cy,Paid,1,,2024-03-02,2024-03-03,Lost,Demo
`;
const MARCH = { from: '2024-03-01', to: '2024-03-31' };

const fixture = useMetricFixture({ deals: DEALS });

describe('deal counts', () => {
	it('deals.created counts the cohort: created in the period, both ends inclusive', async () => {
		// 007 (Mar 1), 7 (Mar 31), …901, …903, X1; not …900 (Feb 29) nor …902 (Apr 1).
		const r = await fixture.report({ period: MARCH });
		expect(r.deals.created).toBe(5);
	});

	it('deals.won and deals.lost count deals closed in the period, both ends inclusive, whenever created', async () => {
		// Won: 007 (closed Mar 31). Lost: …900 (created Feb 29, closed Mar 1) and X1.
		// …901 closed Apr 1 and …903 has no close date: not won in March.
		const r = await fixture.report({ period: MARCH });
		expect(r.deals).toEqual({ created: 5, won: 1, lost: 2 });
		expect(r.win_rate).toBeCloseTo(1 / 3, 12);
	});

	it('deal ids stay text: 007 and 7 are two deals, a 12-digit id is kept exactly', async () => {
		const ids = await fixture.db.query<{ id: string }>(sql`SELECT id FROM deals ORDER BY id`);
		expect(ids.map((r) => r.id)).toEqual([
			'007',
			'189164774900',
			'189164774901',
			'189164774902',
			'189164774903',
			'7',
			'X1'
		]);
	});

	it('a duplicate id keeps its first row and is named in the warnings with its line', async () => {
		const r = await fixture.report({ period: MARCH });
		// The second "007" (lost on Mar 6) would make lost 3.
		expect(r.deals.lost).toBe(2);
		expect(r.warnings.join('\n')).toMatch(/1 duplicate deal row.*"007".*line 8/);
	});

	it('a won deal without a close date is closed in no period, with a warning', async () => {
		const r = await fixture.report({ period: { from: '2000-01-01', to: '2099-12-31' } });
		// Won with a close date: 007, …901. …903 has none.
		expect(r.deals.won).toBe(2);
		expect(r.warnings.join('\n')).toMatch(
			/1 won or lost deal without a readable close date.*line 7/
		);
	});

	it('without a period the report covers the earliest created to the latest created or closed date', async () => {
		// Open deal 7's "close date" (2024-12-31) is an expected date and does not stretch the period.
		expect(fixture.dataset.whole).toEqual({ from: '2024-02-29', to: '2024-04-02' });
		const r = await fixture.report();
		expect(r.period).toEqual({ from: '2024-02-29', to: '2024-04-02' });
		expect(r.deals).toEqual({ created: 7, won: 2, lost: 3 });
	});

	it('a period with no deals counts zero everywhere', async () => {
		const r = await fixture.report({ period: { from: '2030-01-01', to: '2030-12-31' } });
		expect(r.deals).toEqual({ created: 0, won: 0, lost: 0 });
	});
});
