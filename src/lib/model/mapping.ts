import type { DateOrder, DealField, HistoryField, SpendField } from './config';

/** What role a file plays in a dataset. */
export type FileRole = 'deals' | 'history' | 'spend';

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
	/** For day/month-ambiguous dates, the order the CRM's locale writes them in. */
	dateOrder?: DateOrder;
}

/** How a stage history file maps onto stage events. */
export interface HistoryMapping {
	role: 'history';
	crm: string;
	columns: Partial<Record<HistoryField, string>>;
	dateOrder?: DateOrder;
}

/** How a spend file maps onto spend rows. */
export interface SpendMapping {
	role: 'spend';
	crm: string;
	columns: Partial<Record<SpendField, string>>;
	dateOrder?: DateOrder;
}

export type Mapping = DealsMapping | HistoryMapping | SpendMapping;

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
