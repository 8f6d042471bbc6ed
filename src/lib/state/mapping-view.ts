import { defined } from '../crm/columns';
import { applyConfig, detectAll } from '../crm/detect';
import type { Dataset, LoadedFile } from '../engine/dataset';
import type { ReadFiles } from '../engine/load';
import type { RoleChoice } from '../engine/recognise';
import type { Encoding } from '../ingest/decode';
import type { QuickPreview } from '../ingest/quick-preview';
import type { RawTable } from '../ingest/raw-table';
import type { Config, DealField, MeddicElement } from '../model/config';
import type { DealsMapping, Detection, FileRole, Mapping } from '../model/mapping';

/** One file as the mapping editor shows it. */
export interface EditorFile {
	name: string;
	/** Null: no detector recognised it (the user picks a role); `ignore`: the user set it aside. */
	role: RoleChoice | null;
	crm: string | null;
	candidates: { crm: string; role: FileRole; confidence: number }[];
	encoding: Encoding;
	delimiter: string;
	/** Rows loaded; null while only the quick preview is read. */
	rows: number | null;
	columns: string[];
	/** First rows: the sample values shown beside each mapped column. */
	preview: string[][];
	/** The column in force for each field of its role (config laid over detection). */
	fields: Record<string, string>;
}

/**
 * What the mapping editor edits, from whatever is known so far: the quick preview while the full
 * load runs, the files read when building the dataset failed (to fix it), or the dataset.
 */
export interface EditorView {
	files: EditorFile[];
	/** The deals file and its columns per field (config laid over detection); null: none yet. */
	deals: {
		file: string;
		columns: Partial<Record<DealField, string>>;
		meddic: Partial<Record<MeddicElement, string>>;
	} | null;
	/** Only the quick preview is read: the full load is running. */
	preview: boolean;
}

function candidatesOf(detections: readonly Detection[]): EditorFile['candidates'] {
	return detections.map((d) => ({
		crm: d.mapping.crm,
		role: d.mapping.role,
		confidence: d.confidence
	}));
}

function rawFile(
	raw: RawTable,
	role: RoleChoice | null,
	crm: string | null,
	detections: readonly Detection[],
	mapping?: Mapping
): EditorFile {
	return {
		name: raw.file,
		role,
		crm,
		candidates: candidatesOf(detections),
		encoding: raw.encoding,
		delimiter: raw.delimiter,
		rows: raw.rowsLoaded,
		columns: raw.columns,
		preview: raw.preview,
		fields: fieldsOf(mapping)
	};
}

function fieldsOf(mapping: Mapping | undefined): Record<string, string> {
	if (mapping?.role === 'deals') return dealColumns(mapping);
	const out: Record<string, string> = {};
	for (const [field, column] of Object.entries(mapping?.columns ?? {}))
		if (typeof column === 'string') out[field] = column;
	return out;
}

/** A deals mapping's columns per field, its yes/no outcome flags as `is_closed` and `is_won`. */
function dealColumns(mapping: DealsMapping): Partial<Record<DealField, string>> {
	const { closed, won } = mapping.flags ?? {};
	return defined({ ...mapping.columns, is_closed: closed, is_won: won });
}

/** A file set aside: ignored by the user's choice, or recognised by nobody. */
function setAsideFile(raw: RawTable, roles: Record<string, RoleChoice>): EditorFile {
	return rawFile(raw, roles[raw.file] === 'ignore' ? 'ignore' : null, null, []);
}

function dealsOf(file: string, mapping: Mapping | undefined): EditorView['deals'] {
	return mapping?.role === 'deals'
		? {
				file,
				columns: dealColumns(mapping as DealsMapping),
				meddic: { ...(mapping as DealsMapping).meddic }
			}
		: null;
}

/** The editor over a built dataset (and the files set aside beside it). */
export function viewOfDataset(
	dataset: Dataset,
	setAside: readonly RawTable[] = [],
	roles: Record<string, RoleChoice> = {}
): EditorView {
	const deals = dataset.files.find((f) => f.role === 'deals');
	return {
		files: [
			...dataset.files.map((f) => rawFile(f.raw, f.role, f.crm, f.candidates, f.mapping)),
			...setAside.map((raw) => setAsideFile(raw, roles))
		],
		deals: deals
			? {
					file: deals.raw.file,
					columns: dealColumns(dataset.deals),
					meddic: { ...dataset.deals.meddic }
				}
			: null,
		preview: false
	};
}

/** The editor over files read whose dataset could not be built (or that nobody recognised). */
export function viewOfRead(
	read: ReadFiles,
	config: Config,
	crm: Record<string, string>,
	roles: Record<string, RoleChoice> = {}
): EditorView {
	const mappingOf = (f: LoadedFile) => {
		const base = f.candidates.find((c) => c.mapping.crm === crm[f.raw.file])?.mapping ?? f.detected;
		return applyConfig(base, config);
	};
	const files = read.files.map((f) => {
		const mapping = mappingOf(f);
		return { ...rawFile(f.raw, mapping.role, mapping.crm, f.candidates, mapping), mapping };
	});
	const deals = files.find((f) => f.role === 'deals');
	return {
		files: [
			...files.map(({ mapping: _m, ...f }) => f),
			...read.setAside.map((raw) => setAsideFile(raw, roles))
		],
		deals: deals ? dealsOf(deals.name, deals.mapping) : null,
		preview: false
	};
}

/** The editor over quick previews, before the full load has read anything. */
export function viewOfPreviews(
	previews: readonly QuickPreview[],
	config: Config,
	roles: Record<string, RoleChoice> = {}
): EditorView {
	let deals: EditorView['deals'] = null;
	const files = previews.map((p): EditorFile => {
		const chosen = roles[p.file];
		const sample = { name: p.file, columns: p.columns, rows: p.rows };
		const detections =
			chosen === 'ignore'
				? []
				: detectAll(sample, config).filter((d) => !chosen || d.mapping.role === chosen);
		const best = detections[0];
		const mapping = best ? applyConfig(best.mapping, config) : undefined;
		if (!deals && mapping?.role === 'deals') deals = dealsOf(p.file, mapping);
		return {
			name: p.file,
			role: chosen === 'ignore' ? 'ignore' : (mapping?.role ?? chosen ?? null),
			crm: best?.mapping.crm ?? null,
			candidates: candidatesOf(detections),
			encoding: p.encoding,
			delimiter: p.delimiter,
			rows: null,
			columns: p.columns,
			preview: p.rows,
			fields: fieldsOf(mapping)
		};
	});
	return { files, deals, preview: true };
}

/** Up to three non-empty sample values of a column, as the editor shows them. */
export function sampleValues(file: EditorFile, column: string | undefined): string[] {
	if (!column) return [];
	const i = file.columns.indexOf(column);
	if (i < 0) return [];
	return file.preview
		.map((r) => r[i] ?? '')
		.filter((v) => v.trim() !== '')
		.slice(0, 3);
}
