import { afterEach, describe, expect, it } from 'vitest';
import { raw, sql } from '../sql/sql';
import { markStatement, STATEMENT_MARK } from './timing';

describe('markStatement(statement)', () => {
	afterEach(() => performance.clearMarks(STATEMENT_MARK));

	it('leaves one pipelens:sql mark per statement with its text length, not its text or values', () => {
		markStatement(raw('SELECT 1'));
		markStatement(sql`SELECT * FROM deals WHERE owner = ${'Alice Moreau'}`);
		const marks = performance.getEntriesByName(STATEMENT_MARK, 'mark') as PerformanceMark[];
		expect(marks.map((m) => m.detail)).toEqual([
			{ chars: 'SELECT 1'.length },
			{ chars: 'SELECT * FROM deals WHERE owner = ?'.length }
		]);
	});
});
