import type { Db, Row } from '../db/types';
import type { Filters, Period } from '../model/filters';
import { viewStages } from '../model/pipeline-view';
import type { MetricContext } from '../metrics/context';
import {
	drillCountQuery,
	drillPageQuery,
	type DrillDeal,
	type DrillOrder,
	type DrillTarget,
	type NameColumn
} from '../metrics/drill';
import type { Dataset } from './dataset';
import { resolvePeriod } from './report';

/** The deals behind one number of a view, one page of them. */
export interface DealListRequest {
	/** The view's period (null: the whole data) and filters. */
	period: Period | null;
	filters: Filters;
	target: DrillTarget;
	order: DrillOrder;
	limit: number;
	offset: number;
}

/**
 * Headers of a deal's name or title in the exports we know (HubSpot, Salesforce, Pipedrive,
 * Zoho, amoCRM, Bitrix24, plain files), compared trimmed and case-folded.
 */
const NAME_HEADERS = [
	'deal name',
	'dealname',
	'name des deals',
	'opportunity name',
	'deal - title',
	'deal title',
	'title',
	'name',
	'название',
	'название сделки',
	'наименование',
	'сделка'
];

/**
 * The deals file's column holding each deal's name, when it has one that no canonical field
 * reads (a Salesforce export whose id is its `Opportunity Name` has no other name).
 */
export function nameColumn(dataset: Dataset): NameColumn | null {
	const file = dataset.files.find((f) => f.role === 'deals');
	if (!file || file.mapping.role !== 'deals') return null;
	const used = new Set(Object.values(file.mapping.columns));
	const key = (header: string) => header.trim().toLowerCase();
	for (const wanted of NAME_HEADERS) {
		const column = file.raw.columns.find((c) => key(c) === wanted && !used.has(c));
		if (column) return { table: file.raw.table, column };
	}
	return null;
}

function context(dataset: Dataset, period: Period | null, filters: Filters): MetricContext {
	return {
		period: resolvePeriod(dataset, period),
		filters,
		stages: viewStages(dataset.stages, dataset.pipelines, filters)
	};
}

/** How many deals the request's target lists (the number it was opened from). */
export async function dealCount(
	db: Db,
	dataset: Dataset,
	request: Omit<DealListRequest, 'order' | 'limit' | 'offset'>
): Promise<number> {
	const ctx = context(dataset, request.period, request.filters);
	const [row] = await db.query<{ n: number }>(drillCountQuery(ctx, request.target));
	return row?.n ?? 0;
}

/** One page of the deals the request's target lists, in the request's order. */
export async function dealPage(
	db: Db,
	dataset: Dataset,
	request: DealListRequest
): Promise<DrillDeal[]> {
	const ctx = context(dataset, request.period, request.filters);
	const limit = Math.max(0, Math.floor(request.limit));
	const offset = Math.max(0, Math.floor(request.offset));
	return db.query<DrillDeal & Row>(
		drillPageQuery(ctx, request.target, request.order, { limit, offset }, nameColumn(dataset))
	);
}
