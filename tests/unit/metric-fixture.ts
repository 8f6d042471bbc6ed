import type { MetricContext } from '../../src/lib/metrics/context';
import type { Filters, Period } from '../../src/lib/model/filters';
import type { Config } from '../../src/lib/model/config';
import {
	csv,
	dealsConfig,
	HISTORY_COLUMNS,
	useTinyDataset,
	type TinyFiles,
	type TinyFixture
} from './tiny-dataset';

/** The columns of the metric fixtures' deals files, as `dealsConfig` names them. */
export const DEALS_HEADER = 'id,owner,source,amount,probability,created,closed,status,stage';

/** The columns of the metric fixtures' spend files. */
export const SPEND_COLUMNS = { date: 'date', channel: 'channel', amount: 'amount' };

type Tag = (strings: TemplateStringsArray, ...values: readonly unknown[]) => string;

/** A `csv` tag that writes `header` above the rows it is given. */
const withHeader =
	(header: string): Tag =>
	(strings, ...values) =>
		`${header}\n${csv(strings, ...values)}`;

/** A metric fixture's deals file: its rows under `DEALS_HEADER`. */
export const dealRows = withHeader(DEALS_HEADER);

/**
 * A `csv` tag for files of three columns read as one line per run of rows with the same `key`
 * column, `key: a b, a b, …` (each pair split at its last space): the rows in file order.
 */
function groupedRows(header: readonly [string, string, string], key: string): Tag {
	const [first, second] = header.filter((column) => column !== key);
	return (strings, ...values) => {
		const rows = csv(strings, ...values)
			.trimEnd()
			.split('\n')
			.flatMap((line) => {
				const [value, pairs] = line.split(/:\s+(.*)/);
				return pairs.split(/,\s*/).map((pair) => {
					const at = pair.lastIndexOf(' ');
					const row = { [key]: value, [first]: pair.slice(0, at), [second]: pair.slice(at + 1) };
					return header.map((column) => row[column]).join(',');
				});
			});
		return `${header.join(',')}\n${rows.join('\n')}\n`;
	};
}

/**
 * A metric fixture's stage history file (`id,stage,at`), a line per deal with its events in file
 * order: `d1: Lead 2024-01-01T00:00:00, Won 2024-01-03T00:00:00` is the rows
 * `d1,Lead,2024-01-01T00:00:00` and `d1,Won,2024-01-03T00:00:00`.
 */
export const historyRows = groupedRows(['id', 'stage', 'at'], 'id');

/**
 * A metric fixture's spend file (`date,channel,amount`), a line per run of rows of one channel:
 * `Paid: 2024-01-01 600, 2024-01-31 300` is the rows `2024-01-01,Paid,600` and `2024-01-31,Paid,300`.
 */
export const spendRows = groupedRows(['date', 'channel', 'amount'], 'channel');

/**
 * The config of a metric fixture's files: `dealsConfig(extra)`, naming the history and spend
 * columns when there is a history or spend file.
 */
export function fixtureConfig(files: Omit<TinyFiles, 'config'>, extra: Config = {}): Config {
	return dealsConfig({
		...(files.history === undefined ? {} : { history: HISTORY_COLUMNS }),
		...(files.spend === undefined ? {} : { spend: SPEND_COLUMNS }),
		...extra
	});
}

/** A metric fixture: a tiny dataset loaded once, with its config. */
export interface MetricFixture extends TinyFixture {
	readonly config: Config;
	/** The context the metric builders take: the loaded stages, a period and filters. */
	context(period: Period, filters?: Filters): MetricContext;
}

/** `useTinyDataset` of a metric fixture's files with `fixtureConfig(files, extra)`. */
export function useMetricFixture(files: Omit<TinyFiles, 'config'>, extra?: Config): MetricFixture {
	const config = fixtureConfig(files, extra);
	const fixture = useTinyDataset({ ...files, config });
	return Object.assign(fixture, {
		config,
		context: (period: Period, filters: Filters = {}) => ({
			period,
			filters,
			stages: fixture.dataset.stages
		})
	});
}
