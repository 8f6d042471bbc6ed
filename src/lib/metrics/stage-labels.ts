import { sql, type Fragment } from '../sql/sql';

export interface StageLabel {
	label: string;
	deals: number;
	events: number;
}

/** Every stage label in the deals and the history with how often it occurs (for the stage editor). */
export const stageLabelsQuery: Fragment = sql`
	SELECT label, sum(deals)::DOUBLE AS deals, sum(events)::DOUBLE AS events FROM (
		SELECT stage AS label, count(*) AS deals, 0 AS events FROM deals WHERE stage IS NOT NULL GROUP BY 1
		UNION ALL
		SELECT stage AS label, 0 AS deals, count(*) AS events FROM stage_events GROUP BY 1
	) GROUP BY label ORDER BY sum(deals) + sum(events) DESC, label`;
