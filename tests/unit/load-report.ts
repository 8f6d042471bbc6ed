import type { Db } from '../../src/lib/db/types';
import { loadDataset } from '../../src/lib/engine/load';
import { runReport } from '../../src/lib/engine/report';
import type { InputFile } from '../../src/lib/ingest/raw-table';
import type { Config } from '../../src/lib/model/config';

/** The files loaded with the config, and the report over the whole data with no filter. */
export async function loadAndReport(db: Db, inputs: InputFile[], config: Config = {}) {
	const dataset = await loadDataset(db, inputs, { config });
	return { dataset, r: await runReport(db, dataset, { period: null, filters: {} }) };
}
