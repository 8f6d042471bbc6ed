import type { DealsMapping, FileRole, Mapping } from '../model/mapping';
import type { Dataset } from './dataset';

/**
 * Where a deals file's stage order came from (a template, an order column, the histories, first
 * appearance) and whether it is a weak guess. Read with optional access: not every mapping says.
 */
interface StageOrder {
	from: string;
	template?: string;
	weak: boolean;
}

/**
 * How one file was read (the `read` key of `report --json`, METRICS.md §4): its role, the CRM
 * whose export it was taken for, and which column was read as which field. A deals file also
 * says how its outcome and close date were read and its stage lists; a file set aside has the
 * role `ignored` and says why.
 */
export interface FileReading {
	file: string;
	role: FileRole | 'ignored';
	crm: string | null;
	/** Field → column name. */
	columns: Record<string, string>;
	/** Deals: yes/no columns deciding the outcome (`closed`, `won`). */
	flags?: Record<string, string>;
	/** Deals: close date columns by outcome (`won`, `lost`). */
	closed_by?: Record<string, string>;
	/** Deals with no created column: `history`, each deal's first history event is its created date. */
	created_from?: 'history';
	/** Deals: how many per-stage date columns were read as stage events. */
	stage_columns?: number;
	/** Deals: the open stages in order, and the won and lost labels. */
	stages?: string[];
	won?: string[];
	lost?: string[];
	/** Deals: where the stage order came from, when the mapping says. */
	stage_order?: StageOrder;
	/** History: a change log's rows that are stage changes (`column` holding one of `values`). */
	field?: { column: string; values: string[] };
	/** Ignored: why the file was set aside. */
	reason?: string;
}

function defined(map: object | undefined): Record<string, string> {
	return Object.fromEntries(
		Object.entries(map ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string')
	);
}

function dealsReading(file: string, m: DealsMapping): FileReading {
	const reading: FileReading = { file, role: 'deals', crm: m.crm, columns: defined(m.columns) };
	if (m.flags && Object.keys(defined(m.flags)).length) reading.flags = defined(m.flags);
	if (m.closedBy && Object.keys(defined(m.closedBy)).length)
		reading.closed_by = defined(m.closedBy);
	if (m.createdFromHistory) reading.created_from = 'history';
	reading.stage_columns = m.stageColumns.length;
	reading.stages = [...m.stages];
	reading.won = [...m.won];
	reading.lost = [...m.lost];
	const order = (m as DealsMapping & { stageOrder?: StageOrder }).stageOrder;
	if (order) reading.stage_order = { ...order };
	return reading;
}

function reading(file: string, mapping: Mapping): FileReading {
	const out: FileReading = {
		file,
		role: mapping.role,
		crm: mapping.crm,
		columns: defined(mapping.columns)
	};
	if (mapping.role === 'history' && mapping.field)
		out.field = { column: mapping.field.column, values: [...mapping.field.values] };
	return out;
}

/**
 * How each file of a dataset was read, in the order given, then the files set aside. The deals
 * file is described by the mapping in force after loading (the stage lists completed from the
 * data); deals derived from a change log are listed under the log's name.
 */
export function fileReadings(
	dataset: Pick<Dataset, 'files' | 'deals'>,
	ignored: readonly { file: string; reason: string }[] = []
): FileReading[] {
	const out = dataset.files.map((f) =>
		f.role === 'deals' ? dealsReading(f.raw.file, dataset.deals) : reading(f.raw.file, f.mapping)
	);
	if (!dataset.files.some((f) => f.role === 'deals')) {
		const log = dataset.files.find((f) => f.role === 'history');
		out.push(dealsReading(log ? `${log.raw.file} (deals derived from it)` : '', dataset.deals));
	}
	for (const i of ignored)
		out.push({ file: i.file, role: 'ignored', crm: null, columns: {}, reason: i.reason });
	return out;
}
