import type { DateOrder, DealField, HistoryField, SpendField } from './config';
import type { MeddicElement } from './meddic';

/** What role a file plays in a dataset: deals, stage history, spend, or a stage list (id → name). */
export type FileRole = 'deals' | 'history' | 'spend' | 'stages';

/** A per-stage date column (HubSpot `Date entered "<stage> (<pipeline>)"`): entering `stage` at the column's value. */
export interface StageColumn {
	column: string;
	stage: string;
	/**
	 * The pipeline the column's header names, kept when the export has several pipelines: an
	 * event from it places the deal in that pipeline's own stage order.
	 */
	pipeline?: string;
}

/** One pipeline's own order of open stages (an export with several pipelines). */
export interface PipelineStages {
	pipeline: string;
	stages: string[];
}

/** How a deals file maps onto the canonical deals table. */
export interface DealsMapping {
	role: 'deals';
	/** Which CRM's export this is (`hubspot`, `salesforce`, `generic`, …). */
	crm: string;
	columns: Partial<Record<DealField, string>>;
	/** Ordered open stages S1 … Sk. */
	stages: string[];
	won: string[];
	lost: string[];
	/**
	 * Stage or outcome labels whose deals are left out of every metric (config `left_out`,
	 * METRICS.md §5): matched like the won and lost labels, on the stage and the outcome column.
	 */
	leftOut?: string[];
	/** Values of the outcome column meaning won / lost (besides the won / lost stage labels). */
	outcomeWon: string[];
	outcomeLost: string[];
	stageColumns: StageColumn[];
	/**
	 * Per-pipeline stage orders, when the export has several pipelines (HubSpot `Date entered
	 * "<stage> (<pipeline>)"` columns naming two or more): a deal whose `pipeline` value is one of
	 * them is placed by its own pipeline's order, not by `stages` (which then lists every
	 * pipeline's stages, pipeline by pipeline, for deals of any other pipeline). At least two
	 * entries when present.
	 */
	pipelineStages?: PipelineStages[];
	/**
	 * Yes/no columns deciding the outcome when no outcome column is mapped (Salesforce `IsClosed` /
	 * `IsWon`, Bitrix24 `Сделка закрыта`): won when `won` says yes; lost when `closed` says yes and
	 * the stage is not a won label; open when `closed` says no.
	 */
	flags?: { closed?: string; won?: string };
	/**
	 * Close date columns by outcome (Pipedrive `Deal - Won time` / `Deal - Lost time`): a won deal
	 * closes at `won`, a lost one at `lost`; `columns.closed`, when mapped, fills in where it is empty.
	 */
	closedBy?: { won?: string; lost?: string };
	/** Multiply amounts by this (Close writes opportunity values in cents: 0.01). */
	amountScale?: number;
	/**
	 * The stage list is a guess (a CRM's default pipeline, or the labels of the first rows): at
	 * load, the labels of all rows and of the history complete it (engine/stages-from-data.ts).
	 */
	stagesFromData?: boolean;
	/**
	 * With deals taken from a stage log (`HistoryMapping.dealsPerRow`): the column whose first value
	 * for each deal, in file order, is the date it was created (a plain log has no created column).
	 */
	createdFromFirst?: string;
	/**
	 * No column holds the created date: a deal's created date is the date of its first event in
	 * the history file (`history_first`, built at load; METRICS.md §1).
	 */
	createdFromHistory?: boolean;
	/**
	 * No column holds the pipeline, and stage labels carry it as a prefix (Bitrix24 `C6:WON`): a
	 * deal's pipeline is its stage's prefix (`C6`), `C0` (the default pipeline) without one.
	 */
	pipelineFromStage?: boolean;
	/**
	 * Which evidence decided the order of `stages` (engine/stages-from-data.ts): the config, a
	 * stage list file, the CRM's default pipeline, a known template (`template` names it; `stage
	 * words` is the built-in list of common stage words, a weak guess), an order column in the
	 * history, the order of per-stage date columns, each stage's typical position in the deals'
	 * histories, the stages' mean probability, or first appearance. `weak` when the page should
	 * ask the user to check it.
	 */
	stageOrder?: {
		from:
			| 'config'
			| 'stage list'
			| 'crm'
			| 'template'
			| 'history order'
			| 'stage dates'
			| 'history position'
			| 'probability'
			| 'first appearance';
		template?: string;
		weak: boolean;
	};
	/** For day/month-ambiguous dates, the order the CRM's locale writes them in. */
	dateOrder?: DateOrder;
	/** MEDDIC qualification columns by element (model/meddic.ts), when the file has them. */
	meddic?: Partial<Record<MeddicElement, string>>;
}

/** How a stage history file maps onto stage events. */
export interface HistoryMapping {
	role: 'history';
	crm: string;
	columns: Partial<Record<HistoryField, string>>;
	/**
	 * A change log of many fields (Pipedrive deal changes, Salesforce field history): only rows
	 * whose `column` holds one of `values` are stage changes.
	 */
	field?: {
		column: string;
		values: string[];
		/**
		 * Rows whose `column` holds one of `values` record the deal's creation (Salesforce field
		 * history `Created.`): the deal entered its first stage then, the `from` of its first stage
		 * change, or `current` (a column with the deal's stage now) when it never changed.
		 */
		created?: { values: string[]; current?: string };
	};
	/**
	 * Each row is the deal's state at a time (Salesforce OpportunityHistory: a row per change of
	 * stage, amount, probability or close date): a row with the same stage as the deal's previous
	 * row changed something else and is not a stage event.
	 */
	skipRepeats?: boolean;
	/**
	 * Every row also carries its deal's current fields (Salesforce history reports: `Stage`,
	 * `Amount`, `Created Date`, `Close Date`): with no deals file, the last row of each deal id
	 * stands in for the deal, mapped by this.
	 */
	dealsPerRow?: DealsMapping;
	/**
	 * A change log that also describes the deals (Pipedrive deal changes): with no deals file, one
	 * deal per id is derived from it (engine/derived-deals.ts). Each entry names the field whose
	 * rows give that fact: `created` the first value, `owner`, `outcome` and `amount` the last.
	 */
	deals?: { created: string; owner?: string; outcome?: string; amount?: string };
	dateOrder?: DateOrder;
}

/** A stage list: ids used in the deals or history files, their names, order and meaning. */
export interface StagesMapping {
	role: 'stages';
	crm: string;
	columns: {
		id: string;
		name: string;
		order?: string;
		won?: string;
		closed?: string;
		lost?: string;
	};
}

/** How a spend file maps onto spend rows. */
export interface SpendMapping {
	role: 'spend';
	crm: string;
	columns: Partial<Record<SpendField, string>>;
	dateOrder?: DateOrder;
}

export type Mapping = DealsMapping | HistoryMapping | SpendMapping | StagesMapping;

/** What a detector sees of a file: its header and its first rows (all text). */
export interface FileSample {
	name: string;
	columns: string[];
	rows: string[][];
}

/** A detector's verdict: a mapping and how sure it is (0 … 1). */
export interface Detection<M extends Mapping = Mapping> {
	mapping: M;
	confidence: number;
	/**
	 * Fields whose best two candidate columns scored within 0.1 of each other (the guess took the
	 * first of `columns`): the page points at the mapping editor for them.
	 */
	unsure?: { field: string; columns: string[] }[];
}
