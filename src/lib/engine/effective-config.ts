import type { Config } from '../model/config';
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
		columns: { ...dataset.deals.columns }
	};
	if (dataset.history) config.history = { ...dataset.history.columns };
	if (dataset.spend) config.spend = { ...dataset.spend.columns };
	return config;
}
