/**
 * The canonical tables as they are exported (Parquet download, `report --parquet`): the columns
 * METRICS.md §1 names, typed, in a fixed order; a deals file written this way opens again as a
 * plain deals export (its headers are the generic mapper's names).
 */
export const CANONICAL_EXPORTS: readonly { name: string; select: string }[] = [
	{
		name: 'deals',
		// The outcome is text in the file (an ENUM in the engine's `deal_facts`).
		select: `SELECT id, owner, source, pipeline, segment, amount, probability, created, closed,
			CAST(outcome AS VARCHAR) AS outcome, stage, currency, expected_close, lost_reason
			FROM deals ORDER BY row`
	},
	{ name: 'stage_events', select: `SELECT id, stage, "at" FROM stage_events ORDER BY id, "at"` },
	{ name: 'spend', select: `SELECT date, channel, amount FROM spend ORDER BY row` }
];
