import type { Db } from '../db/types';
import type { Filters } from '../model/filters';
import { viewStatements, type DashboardRequest } from './dashboard';
import type { Dataset } from './dataset';

/**
 * The views a click on `request`'s view most likely asks for, as far as their statements go.
 * A view's statements are one text for any period and filter values (`view_values`), and three
 * sets of texts by the filters: none, some (one list of filter groups whatever the dimensions),
 * and a source among them (spend is filtered too). A period with a period before it within the
 * data adds the previous period's report (the KPI cards' change), which the whole data has not.
 * So: each set of filters, over the period on screen and over the last day of the data (whose
 * day before is within it). Any value stands for the values: only the statements' texts matter.
 */
export function likelyViews(dataset: Dataset, request: DashboardRequest): DashboardRequest[] {
	const some: Filters = { owner: [''] };
	const sets: Filters[] = [{}, some, { ...some, source: [''] }];
	const whole = dataset.whole;
	const periods: DashboardRequest['period'][] = [request.period ?? null];
	if (whole && whole.from < whole.to) periods.push({ from: whole.to, to: whole.to });
	return periods.flatMap((period) => sets.map((filters) => ({ ...request, period, filters })));
}

/**
 * Plan the statements of the views a click most likely asks for next (`likelyViews`) while the
 * page waits, one statement at a time so that a click's own statements wait for one plan at
 * most; a statement kept already costs nothing. Stops as soon as `wanted()` says the dataset is
 * no longer on screen (a load rebuilds the tables under the plans). Without an engine that keeps
 * plans (`Db.prepare`), does nothing. Resolves with the number of statements sent to be planned.
 */
export async function planAhead(
	db: Db,
	dataset: Dataset,
	request: DashboardRequest,
	wanted: () => boolean
): Promise<number> {
	if (!db.prepare || !dataset.whole) return 0;
	const seen = new Set<string>();
	let planned = 0;
	for (const view of likelyViews(dataset, request)) {
		for (const statement of viewStatements(dataset, view)) {
			if (seen.has(statement.text)) continue;
			seen.add(statement.text);
			if (!wanted()) return planned;
			await db.prepare(statement);
			planned += 1;
		}
	}
	return planned;
}
