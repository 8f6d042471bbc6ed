import { groundTruth } from '../generators/ground-truth.mjs';
import type { Db } from '../../src/lib/db/types';
import type { Dataset } from '../../src/lib/engine/dataset';
import { runReport } from '../../src/lib/engine/report';
import type { Filters, Period } from '../../src/lib/model/filters';
import { expectClose } from './expect-close';

/** What a generator wrote an export from: its deals, events, spend and stages. */
export type Truth = Parameters<typeof groundTruth>[0];

/** A period (null: the whole data) and filters, as `runReport` takes them. */
export interface View {
	period: Period | null;
	filters: Filters;
}

/**
 * The report of each view of `dataset` equals, but for its warnings, the report worked out
 * independently from the truth the export was generated from (tests/generators/ground-truth).
 */
export async function expectGroundTruth(
	db: Db,
	dataset: Dataset,
	truth: Truth,
	views: readonly View[]
): Promise<void> {
	for (const view of views) {
		const { warnings: _w, ...actual } = await runReport(db, dataset, view);
		expectClose(actual, groundTruth({ ...truth, ...view }), `view ${JSON.stringify(view)}`);
	}
}
