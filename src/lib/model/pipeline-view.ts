import { stageKey } from './config';
import type { Filters } from './filters';
import type { PipelineStages } from './mapping';

/**
 * The stage orders of an export with several pipelines (HubSpot `Date entered "<stage>
 * (<pipeline>)"` columns naming two or more): each pipeline's own order, and whether some deals
 * belong to a pipeline no column names (those are placed by the combined list).
 */
export interface PipelineOrders {
	pipelines: PipelineStages[];
	others: boolean;
}

/**
 * The open stages S1 … Sk a view counts against (METRICS.md has one ordered list per view).
 *
 * Each deal's furthest stage is its position in **its own pipeline's** order (a deal of
 * pipeline B at B's second stage never counts as having passed A's stages). So:
 * - one pipeline in the view (the data has one, or the pipeline filter selects one): that
 *   pipeline's stages, exactly METRICS.md's funnel;
 * - several pipelines in the view (no pipeline filter on a multi-pipeline export, or a filter
 *   naming several): the funnel is by step position, row i counting deals at or beyond the i-th
 *   stage of their own pipeline, labelled with the pipelines' i-th stages joined by " / "; k is the
 *   longest order, and a won deal of a shorter pipeline counts as having passed every step, as
 *   a deal that skipped stages does. The per-pipeline funnels are the same view filtered by
 *   pipeline (the filter bar, or `report --where pipeline=…`).
 */
export function viewStages(
	stages: readonly string[],
	orders: PipelineOrders | null,
	filters: Filters
): string[] {
	if (!orders || orders.pipelines.length === 0) return [...stages];
	const own = new Map(orders.pipelines.map((p) => [stageKey(p.pipeline), p.stages]));
	const selected = filters.pipeline;
	const lists: (readonly string[])[] = selected
		? selected.map((value) => own.get(stageKey(value)) ?? stages)
		: [...orders.pipelines.map((p) => p.stages), ...(orders.others ? [stages] : [])];
	const distinct = [
		...new Map(lists.map((l) => [l.map(stageKey).join('\n'), l] as const)).values()
	];
	if (distinct.length === 0) return [...stages];
	if (distinct.length === 1) return [...distinct[0]];
	const k = Math.max(...distinct.map((l) => l.length));
	return Array.from({ length: k }, (_, i) => {
		const labels = new Map<string, string>();
		for (const l of distinct) {
			const label = l[i];
			if (label !== undefined && !labels.has(stageKey(label))) labels.set(stageKey(label), label);
		}
		return [...labels.values()].join(' / ');
	});
}
