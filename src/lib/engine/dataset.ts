import type {
	DealsMapping,
	Detection,
	FileRole,
	HistoryMapping,
	Mapping,
	SpendMapping
} from '../model/mapping';
import type { Period } from '../model/filters';
import type { PipelineOrders } from '../model/pipeline-view';
import type { RawTable } from '../ingest/raw-table';

/** One input file after loading: its raw table, its role and how it was recognised. */
export interface LoadedFile {
	raw: RawTable;
	role: FileRole;
	crm: string;
	confidence: number;
	/** The mapping in force: what detection found with the config laid over it. */
	mapping: Mapping;
	/** What detection found, before the config. */
	detected: Mapping;
	/** Every detector's verdict on the file, most confident first (to pick another CRM). */
	candidates: Detection[];
}

/**
 * How the rows of one file were accounted for: every data line read is either loaded or rejected
 * (unreadable, a report footer, or a deal left out: no id, no created date, a left-out label, a
 * repeated id).
 */
export interface RowCount {
	file: string;
	role: FileRole;
	read: number;
	loaded: number;
	rejected: number;
	/** Deals file: of the rejected, the deals left out by their label (config `left_out`), when any. */
	leftOut?: number;
}

/** Everything the metrics need to know about the loaded data. */
export interface Dataset {
	files: LoadedFile[];
	deals: DealsMapping;
	history: HistoryMapping | null;
	spend: SpendMapping | null;
	/** Open stages S1 … Sk (with several pipelines, every pipeline's, pipeline by pipeline). */
	stages: string[];
	/**
	 * Each pipeline's own stage order when the export has several (null otherwise): a view's
	 * stage list is `viewStages(stages, pipelines, filters)` (model/pipeline-view.ts).
	 */
	pipelines: PipelineOrders | null;
	/** Earliest created to latest created or closed; null when no deal has a date. */
	whole: Period | null;
	/** Deals in the canonical table (after dropping rows without id or created date). */
	dealCount: number;
	eventCount: number;
	hasSpend: boolean;
	/** Data-quality findings of loading (METRICS.md §4 `warnings`). */
	warnings: string[];
	/** Rows read = rows loaded + rows rejected, per file. */
	rows: RowCount[];
}
