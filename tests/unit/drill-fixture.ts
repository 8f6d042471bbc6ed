import type { Config } from '../../src/lib/model/config';
import { csv, dealsConfig } from './tiny-dataset';

/**
 * The drill-down fixture (the unit and browser tests of the deals behind a number): stages
 * Lead < Demo < Proposal, with names, lost reasons and expected close dates, and no history, so
 * an open or lost deal's furthest stage is its stage and a won deal's is past Proposal.
 */
export const DRILL_DEALS = csv`
	id,name,owner,source,amount,probability,created,closed,status,stage,expected,reason
	1,Acme,Ann,Paid,100,,2024-01-02,2024-01-20,Lost,Demo,,Price
	2,Birch,Ann,Paid,,,2024-01-03,2024-01-25,Lost,Proposal,,price
	3,Cobalt,Bob,Organic,300,,2024-01-04,2024-01-26,Lost,Lead,,Timing
	4,,Bob,Organic,400,,2024-01-05,2024-01-27,Lost,Demo,,
	5,Elm,Cy,Paid,500,,2024-01-06,2024-02-10,Lost,Demo,,Price
	6,Fir,Cy,Paid,600,,2023-12-01,2024-01-15,Lost,Lead,,Timing
	7,Gale,Ann,Paid,700,,2024-01-07,2024-01-10,Won,Won,,
	8,Hale,Ann,Paid,800,50,2024-01-08,,Open,Demo,2024-03-15,
	9,Iris,Bob,Organic,900,,2024-01-09,,Open,Lead,2024-02-01,
	10,Jade,Bob,Paid,,20,2024-01-10,,Open,Proposal,2024-02-28,
	11,Kite,Cy,Paid,1100,10,2024-01-11,,Open,Lead,,
	12,Lark,Cy,Organic,1200,30,2024-02-05,,Open,Lead,2024-01-20,
	13,Moss,Ann,Organic,1300,40,2023-11-01,,Open,Demo,2023-12-31,
`;

/** The fixture's config: every column named, the expected close and lost reason too. */
export const DRILL_CONFIG: Config = dealsConfig({
	columns: { expected_close: 'expected', lost_reason: 'reason' }
});
