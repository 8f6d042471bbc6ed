import { defined } from '../crm/columns';
import { MEDDIC_ELEMENTS, type Config } from '../model/config';
import { detectMeddic } from '../model/meddic';
import type { Dataset } from './dataset';

/**
 * The config that reproduces a dataset's mappings (METRICS.md §5): what the page downloads and
 * what `report --config` takes to get the same numbers.
 */
export function effectiveConfig(dataset: Dataset): Config {
	const config: Config = {
		stages: [...dataset.deals.stages],
		won: [...dataset.deals.won],
		lost: [...dataset.deals.lost],
		columns: {
			...dataset.deals.columns,
			...defined({ is_closed: dataset.deals.flags?.closed, is_won: dataset.deals.flags?.won })
		}
	};
	// A generic file's guessed stage-date columns, so that the config names them whatever the
	// headers (a CRM detector finds its own again).
	if (dataset.deals.crm === 'generic' && dataset.deals.stageColumns.length)
		config.stage_dates = Object.fromEntries(
			dataset.deals.stageColumns.map((s) => [s.stage, s.column])
		);
	if (dataset.deals.leftOut?.length) config.left_out = [...dataset.deals.leftOut];
	if (dataset.history) config.history = { ...dataset.history.columns };
	const dealsFile = dataset.files.find((f) => f.role === 'deals');
	const detected = dealsFile ? detectMeddic(dealsFile.raw.columns) : {};
	if (dataset.deals.meddic || Object.keys(detected).length) {
		// Every element, `null` where none is mapped, so a removed one stays removed on reload.
		config.meddic = Object.fromEntries(
			MEDDIC_ELEMENTS.map((e) => [e, dataset.deals.meddic?.[e] ?? null])
		);
	}
	if (dataset.spend) config.spend = { ...dataset.spend.columns };
	return config;
}
