import type { Db } from '../db/types';
import type { Row } from '../sql/row';
import { raw, sql } from '../sql/sql';

/** What a built dataset holds, counted once its tables are built. */
export interface DatasetSummary {
	deals: number;
	events: number;
	spend: number;
	/** The earliest created date, and the latest created or closed (null without deals). */
	from: string | null;
	to: string | null;
	/** With per-pipeline orders, the deals of a pipeline without its own order (else 0). */
	others: number;
}

/** Count the deals, events and spend rows and find the data's span, in one statement. */
export async function summarize(db: Db, perPipeline: boolean): Promise<DatasetSummary> {
	const others = perPipeline
		? sql`(SELECT count(*) FROM deals WHERE lower(pipeline) NOT IN (SELECT pipeline FROM pipeline_stage_map))`
		: raw('0');
	const [summary] = await db.query<DatasetSummary & Row>(sql`
		SELECT (SELECT count(*) FROM deals)::DOUBLE AS deals,
			(SELECT count(*) FROM stage_events)::DOUBLE AS events,
			(SELECT count(*) FROM spend)::DOUBLE AS spend,
			(SELECT min(created) FROM deals) AS "from",
			(SELECT greatest(max(created), max(closed)) FROM deals) AS "to",
			${others}::DOUBLE AS others`);
	return summary;
}
