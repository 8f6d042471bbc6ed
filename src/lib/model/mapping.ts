import type { DateOrder, DealField, HistoryField, SpendField } from './config';

/** What role a file plays in a dataset: deals, stage history, spend, or a stage list (id → name). */
export type FileRole = 'deals' | 'history' | 'spend' | 'stages';

/** A per-stage date column (HubSpot `Date entered "<stage> (<pipeline>)"`): entering `stage` at the column's value. */
export interface StageColumn {
	column: string;
	stage: string;
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
	/** Values of the outcome column meaning won / lost (besides the won / lost stage labels). */
	outcomeWon: string[];
	outcomeLost: string[];
	stageColumns: StageColumn[];
	/**
	 * Yes/no columns deciding the outcome when no outcome column is mapped (Salesforce `IsClosed` /
	 * `IsWon`, Bitrix24 `Сделка закрыта`): won when `won` says yes; lost when `closed` says yes and
	 * the stage is not a won label; open when `closed` says no.
	 */
	flags?: { closed?: string; won?: string };
	/** For day/month-ambiguous dates, the order the CRM's locale writes them in. */
	dateOrder?: DateOrder;
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
	field?: { column: string; values: string[] };
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
}
