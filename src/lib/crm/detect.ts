import { stageKey, type Config } from '../model/config';
import type { DealsMapping, Detection, FileSample, Mapping } from '../model/mapping';
import { withFlags } from './columns';
import { configStageColumns } from './stage-date-columns';
import { detectGenericDeals, detectGenericHistory, detectSpend } from './generic';
import { detectHubspot } from './hubspot';
import { detectZoho } from './zoho';
import { detectClose } from './close';
import { detectMaven } from './maven';
import { detectAmocrm } from './amocrm';
import { detectBitrix24, detectBitrix24History, detectBitrix24Table } from './bitrix24';
import { detectPipedriveChanges, detectPipedriveDeals } from './pipedrive';
import { detectStageList } from './stage-list';
import {
	detectSalesforceCampaigns,
	detectSalesforceExport,
	detectSalesforceFieldHistory,
	detectSalesforceHistory,
	detectSalesforceHistoryObject,
	detectSalesforceReport
} from './salesforce';

type Detector = (sample: FileSample, config: Config) => Detection | null;

const DETECTORS: readonly Detector[] = [
	detectHubspot,
	detectSalesforceReport,
	detectSalesforceHistory,
	detectSalesforceExport,
	detectSalesforceHistoryObject,
	detectSalesforceFieldHistory,
	detectSalesforceCampaigns,
	detectZoho,
	detectClose,
	detectMaven,
	detectPipedriveDeals,
	detectPipedriveChanges,
	detectAmocrm,
	detectBitrix24,
	detectBitrix24Table,
	detectBitrix24History,
	detectStageList,
	detectGenericDeals,
	detectGenericHistory,
	detectSpend
];

/** Every detector's verdict on a file, most confident first. */
export function detectAll(sample: FileSample, config: Config = {}): Detection[] {
	return DETECTORS.map((d) => d(sample, config))
		.filter((d): d is Detection => d !== null)
		.sort((a, b) => b.confidence - a.confidence);
}

/** The best mapping for a file, with the config's explicit choices laid over it. */
export function detect(sample: FileSample, config: Config = {}): Detection | null {
	const best = detectAll(sample, config)[0];
	if (!best) return null;
	return { confidence: best.confidence, mapping: applyConfig(best.mapping, config) };
}

/** What the config says overrides what detection found. */
export function applyConfig<M extends Mapping>(mapping: M, config: Config): M {
	if (mapping.role === 'deals') {
		// A stage list of the user's own applies to every pipeline; one equal to the detected
		// combined list (a downloaded config, a share link) keeps each pipeline's own order.
		const sameStages =
			config.stages === undefined ||
			config.stages.map(stageKey).join('\n') === mapping.stages.map(stageKey).join('\n');
		// A config column of `null` removes the field that detection found; `is_closed` and
		// `is_won` name the yes/no flags.
		const deals = mapping as DealsMapping;
		const claimed = claimedColumns(config);
		const { columns, flags } = withFlags(
			{ ...unclaimed(deals.columns, claimed), ...config.columns },
			unclaimed(deals.flags ?? {}, claimed, { closed: 'is_closed', won: 'is_won' })
		);
		const out: DealsMapping = {
			...(mapping as DealsMapping),
			columns,
			stages: config.stages ?? mapping.stages,
			won: config.won ?? mapping.won,
			lost: config.lost ?? mapping.lost
		};
		const stageColumns = configStageColumns(config);
		if (stageColumns) out.stageColumns = stageColumns;
		if (Object.keys(flags).length) out.flags = flags;
		else delete out.flags;
		if (config.left_out) out.leftOut = config.left_out;
		if (!sameStages) delete out.pipelineStages;
		return out as M;
	}
	if (mapping.role === 'history') {
		return { ...mapping, columns: { ...mapping.columns, ...config.history } };
	}
	if (mapping.role === 'spend')
		return { ...mapping, columns: { ...mapping.columns, ...config.spend } };
	return mapping;
}

/** The config's deal fields by the column each names. */
function claimedColumns(config: Config): Map<string, string> {
	const out = new Map<string, string>();
	for (const [field, column] of Object.entries(config.columns ?? {}))
		if (typeof column === 'string') out.set(column, field);
	return out;
}

/**
 * A detected field whose column the config gives to another field is dropped: a column is never
 * kept for two fields (`created` named as the column detection took for `closed`). The close
 * date and the expected close date may share one column (HubSpot, Salesforce, Zoho write the
 * expected date in the close date of an open deal).
 */
function unclaimed<K extends string>(
	columns: Partial<Record<K, string>>,
	claimed: ReadonlyMap<string, string>,
	names: Partial<Record<K, string>> = {}
): Partial<Record<K, string>> {
	const together = new Set(['closed', 'expected_close']);
	const out: Partial<Record<K, string>> = {};
	for (const [key, column] of Object.entries(columns) as [K, string | undefined][]) {
		if (column === undefined) continue;
		const field = names[key] ?? key;
		const owner = claimed.get(column);
		if (owner && owner !== field && !(together.has(owner) && together.has(field))) continue;
		out[key] = column;
	}
	return out;
}
