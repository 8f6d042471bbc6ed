import type { Db } from '../db/types';
import { DIMENSIONS, type Dimension } from '../model/config';
import { dimensionValuesQuery, type DimensionValue } from '../metrics/dimensions';
import { stageLabelsQuery, type StageLabel } from '../metrics/stage-labels';

/** What the controls offer for a built dataset: each dimension's values, the stage labels seen. */
export interface Facets {
	dimensionValues: Partial<Record<Dimension, DimensionValue[]>>;
	stageLabels: StageLabel[];
}

/** The filter menus' values (most deals first) and the stage editor's labels of the tables loaded. */
export async function facets(db: Db): Promise<Facets> {
	const dimensionValues: Facets['dimensionValues'] = {};
	for (const dim of DIMENSIONS) {
		dimensionValues[dim] = await db.query<DimensionValue & Record<string, string | number>>(
			dimensionValuesQuery(dim)
		);
	}
	const stageLabels = await db.query<StageLabel & Record<string, string | number>>(
		stageLabelsQuery
	);
	return { dimensionValues, stageLabels };
}
