import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../src/lib/db/types';
import type { Dataset } from '../../src/lib/engine/dataset';
import { loadDataset } from '../../src/lib/engine/load';

/** The HubSpot worked example (tests/fixtures/examples/hubspot). */
export const HUBSPOT_EXAMPLE = join(import.meta.dirname, '..', 'fixtures', 'examples', 'hubspot');

/** The worked example's deals file. */
export const HUBSPOT_DEALS = 'hubspot-crm-exports-all-deals-2025-07-01.csv';

/** The worked example's deals and spend files loaded into `db`, their roles given. */
export function loadHubspotExample(db: Db): Promise<Dataset> {
	const read = (name: string) => ({
		name,
		source: readFileSync(join(HUBSPOT_EXAMPLE, name), 'utf8')
	});
	return loadDataset(db, [read(HUBSPOT_DEALS), read('spend.csv')], {
		roles: { [HUBSPOT_DEALS]: 'deals', 'spend.csv': 'spend' }
	});
}
