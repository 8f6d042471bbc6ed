import type { Db } from '../db/types';
import { detectGenericDeals } from '../crm/generic';
import { loadRawTable, InputError, type InputFile, type RawTable } from '../ingest/raw-table';
import { createHistoryFirst, createStageLookup, usesPipelineStages } from '../model/canonical';
import type { Config } from '../model/config';
import type { DealsMapping } from '../model/mapping';
import { sql, ident } from '../sql/sql';
import { parseWarnings } from './audit';
import { summarize } from './dataset-summary';
import type { Dataset, LoadedFile } from './dataset';
import { derivedDealsFile } from './derived-deals';
import { checkRoles, placeFiles, renameRawTables, type FilesByRole } from './files-by-role';
import type { LoadOptions, LoadProgress, LoadStep } from './load-options';
import type { Profile } from './profile';
import { loadedFile, recognise } from './recognise';
import { withParseMacros } from './parse-macros';
import { checkDealsColumns } from './required-columns';
import { rowCounts, rowGaps } from './row-counts';
import { buildSpend } from './spend-table';
import {
	auditTypedRows,
	buildEvents,
	buildStageFacts,
	keepDeals,
	profileHistory
} from './stage-facts';
import { timed } from './timing';
import { typeDeals } from './type-deals';
import { fileWarnings } from './warnings';

/** Files read as all-text tables and recognised, before any typing: what the mapping editor edits. */
export interface ReadFiles {
	files: LoadedFile[];
	/** Warnings for files set aside (not deals, history, spend or a stage list). */
	ignored: string[];
	/** Those files as read (their tables dropped): the mapping editor offers them a role. */
	setAside: RawTable[];
	/** Why files set aside are not deals files (`x.csv: no column holds the deal stage or status`). */
	unusable?: string[];
}

/**
 * Load files into the canonical tables: each file as all text, recognised (CRM and role), typed
 * once with explicit formats, and audited so that nothing is dropped without a warning.
 */
export async function loadDataset(
	db: Db,
	inputs: InputFile[],
	options: LoadOptions = {}
): Promise<Dataset> {
	return buildDataset(db, await readFiles(db, inputs, options), options);
}

/** Read every file as an all-text table and recognise it (CRM, role, detected mapping). */
export async function readFiles(
	db: Db,
	inputs: InputFile[],
	options: LoadOptions = {}
): Promise<ReadFiles> {
	const config = options.config ?? {};
	const progress = options.onProgress ?? (() => {});
	const total = inputs.length + 3;
	const files: LoadedFile[] = [];
	const ignored: string[] = [];
	const setAside: RawTable[] = [];
	const unusable: string[] = [];
	let rows = 0;
	for (const [i, input] of inputs.entries()) {
		progress('read', i, total, { file: input.name, rows });
		const role = options.roles?.[input.name];
		const raw = await timed(`read ${input.name}`, () =>
			loadRawTable(db, input, `raw_${i}`, { encoding: options.encodings?.[input.name] })
		);
		rows += raw.rowsLoaded;
		if (role === 'ignore') {
			ignored.push(`${input.name}: not used, as chosen`);
			await db.query(sql`DROP TABLE IF EXISTS ${ident(raw.table)}`);
			setAside.push(raw);
			continue;
		}
		if (role === 'deals') refuseHistoryAsDeals(raw, config);
		const candidates = recognise(raw, config, role, options.blankWhenUnknown);
		const found = candidates[0];
		if (!found) {
			// What a deals file would miss, by the plain-CSV reading of the header and values.
			const why = { missing: [] as string[] };
			detectGenericDeals({ name: raw.file, columns: raw.columns, rows: raw.preview }, config, why);
			const lacks = why.missing.length ? `no column holds ${why.missing.join(' or ')}` : null;
			if (role === 'deals' && lacks)
				throw new InputError(
					input.name,
					`${lacks}, so this is not a deals file (${describeColumns(raw.columns)})`
				);
			if (role)
				throw new InputError(
					input.name,
					`the columns do not look like a ${role} file (${describeColumns(raw.columns)})`
				);
			// Exports often come with side tables (accounts, products, users): set aside, and said so.
			ignored.push(
				`${input.name}: not used: not recognised as deals, stage history, spend or a stage list (${describeColumns(raw.columns)})`
			);
			if (lacks) unusable.push(`${input.name}: ${lacks}`);
			await db.query(sql`DROP TABLE IF EXISTS ${ident(raw.table)}`);
			setAside.push(raw);
			continue;
		}
		files.push(loadedFile(raw, candidates)!);
	}
	return { files, ignored, setAside, unusable };
}

/**
 * A file given as deals (`--deals`, or the deals role in the mapping editor) that reads as a stage
 * history more surely than as deals is refused with what to do: read as deals, its rows would be
 * stage changes counted as deals.
 */
function refuseHistoryAsDeals(raw: RawTable, config: Config): void {
	const found = recognise(raw, config, undefined);
	const history = found.find((d) => d.mapping.role === 'history');
	const deals = found.find((d) => d.mapping.role === 'deals');
	if (!history || (deals && deals.confidence >= history.confidence)) return;
	const c = history.mapping.columns as Partial<Record<string, string>>;
	const named = [c.id, c.stage, c.at].filter((n) => n !== undefined).map((n) => `"${n}"`);
	throw new InputError(
		raw.file,
		`this is a stage history (a row per stage change: ${named.join(', ')}), not a deals file: give it as the history (--history FILE, or the role "stage history" in the mapping editor) beside the deals export`
	);
}

/**
 * Build the typed tables from files already read, with the config laid over what detection
 * found. The mapping and stage editors call this again after each edit; files are not re-read.
 */
export async function buildDataset(
	db: Db,
	read: ReadFiles,
	options: LoadOptions = {}
): Promise<Dataset> {
	const config = options.config ?? {};
	const { dateOrder } = options;
	const progress = buildProgress(read, options.onProgress);
	await withParseMacros(db);
	const files = placeFiles(read.files, config, options.crm);
	const roles = checkRoles(files, read);
	// A role chosen in the mapping editor reaches here without reading the files again.
	if (roles.deals) refuseHistoryAsDeals(roles.deals.raw, config);
	await renameRawTables(db, files);
	const history = roles.history ?? null;
	const spend = roles.spend ?? null;
	const hasStageList = roles.stages !== undefined;
	const dealsFile = await dealsFileOf(db, roles, config);
	const ordered = await decideStageOrder(db, dealsFile.file, roles.stages, config);
	const historyProfile = await profileHistory(db, history, dateOrder);
	const created = await createdFromHistory(db, ordered, history, historyProfile);
	const mapping = checkDealsColumns(dealsFile.file.raw, created, config.meddic);

	progress('deals', 0);
	const dealsRaw = dealsFile.file.raw;
	const toType = { raw: dealsRaw, mapping, hasStageList, history, config, dateOrder };
	const typed = await typeDeals(db, toType);
	const deals = typed.mapping;
	const byRow = await keepDeals(db, typed);

	progress('history', 1);
	const profiled = history && historyProfile ? { ...history, profile: historyProfile } : null;
	const historyNotes = profiled
		? profiled.profile.notes.map((n) => `${profiled.raw.file}: ${n}`)
		: [];
	await buildEvents(db, { dealsRaw, typed, byRow, history: profiled, hasStageList });
	const rowNotes = await auditTypedRows(db, { dealsRaw, typed, byRow, historyRaw: history?.raw });
	await buildStageFacts(db, byRow, deals.stages.length);

	progress('spend', 2);
	const spendNotes = await buildSpend(db, spend, dateOrder);
	const historyParseNotes = profiled
		? await parseWarnings(
				db,
				profiled.raw,
				profiled.mapping,
				profiled.profile.formats,
				profiled.profile.unparsed
			)
		: [];
	const perPipeline = usesPipelineStages(deals);
	const summary = await summarize(db, perPipeline);
	const rows = rowCounts(files, dealsFile.file, summary.deals, typed.leftOut);
	progress('ready', 3);
	return {
		files,
		deals,
		history: history?.mapping ?? null,
		spend: spend?.mapping ?? null,
		stages: deals.stages,
		pipelines: perPipeline
			? { pipelines: deals.pipelineStages ?? [], others: summary.others > 0 }
			: null,
		whole: summary.from && summary.to ? { from: summary.from, to: summary.to } : null,
		dealCount: summary.deals,
		eventCount: summary.events,
		hasSpend: spend !== null,
		warnings: [
			...files.flatMap((f) => fileWarnings(f.raw)),
			...read.ignored,
			...dealsFile.notes,
			...typed.notes,
			...historyNotes,
			...spendNotes,
			...rowNotes.parse,
			...rowNotes.deals,
			...historyParseNotes,
			...rowNotes.events,
			...rowGaps(rows)
		],
		rows
	};
}

/**
 * A deals file with no created date beside a history: each deal's created date is its first
 * history event (`history_first`). Any other mapping is returned as it is.
 */
async function createdFromHistory(
	db: Db,
	mapping: DealsMapping,
	history: NonNullable<FilesByRole['history']> | null,
	profile: Profile | null
): Promise<DealsMapping> {
	if (mapping.columns.created || !history || !profile) return mapping;
	if (!history.mapping.columns.id || !history.mapping.columns.at) return mapping;
	await db.query(createHistoryFirst(history.raw.table, history.mapping, profile.formats));
	return { ...mapping, createdFromHistory: true };
}

/**
 * The build's steps on the load's progress bar: reading counted one step per file; typing,
 * history and spend are the three after them.
 */
function buildProgress(
	read: ReadFiles,
	onProgress: LoadProgress['onProgress'] = () => {}
): (step: LoadStep, after: number) => void {
	const readSteps = read.files.length + read.ignored.length;
	const rows = read.files.reduce((sum, f) => sum + f.raw.rowsLoaded, 0);
	return (step, after) => onProgress(step, readSteps + after, readSteps + 3, { rows });
}

/** The deals file: the one given, else the deals a change log describes (with notes on them). */
async function dealsFileOf(
	db: Db,
	roles: FilesByRole,
	config: Config
): Promise<{ file: LoadedFile; notes: string[] }> {
	const derived = roles.deals
		? null
		: await derivedDealsFile(db, roles.history, config, roles.stages !== undefined);
	const file = derived?.file ?? roles.deals;
	if (!file) throw new Error('no deals file was given: drop a deals export (one row per deal)');
	return { file, notes: derived?.notes ?? [] };
}

/**
 * The deals mapping with its stage order: `stage_lookup` built from the stage list file (empty
 * without one), which gives the order unless the config names it.
 */
async function decideStageOrder(
	db: Db,
	dealsFile: LoadedFile,
	stagesFile: FilesByRole['stages'],
	config: Config
): Promise<DealsMapping> {
	await db.query(
		createStageLookup(
			stagesFile ? { rawTable: stagesFile.raw.table, mapping: stagesFile.mapping } : null
		)
	);
	return withStageOrder(db, dealsFile.mapping as DealsMapping, config, stagesFile !== undefined);
}

/**
 * A stage list file gives the stage order and the won / lost labels, unless the config names them.
 */
async function withStageOrder(
	db: Db,
	mapping: DealsMapping,
	config: Config,
	hasStageList: boolean
): Promise<DealsMapping> {
	if (!hasStageList) return mapping;
	const rows = await db.query<{ name: string; kind: string }>(
		sql`SELECT name, kind FROM stage_lookup ORDER BY position NULLS LAST, name`
	);
	const names = (kind: string) => [
		...new Set(rows.filter((r) => r.kind === kind).map((r) => r.name))
	];
	return {
		...mapping,
		stages: config.stages ?? names('open'),
		stageOrder: { from: config.stages ? 'config' : 'stage list', weak: false },
		won: config.won ?? [...new Set([...names('won'), ...mapping.won])],
		lost: config.lost ?? [...new Set([...names('lost'), ...mapping.lost])]
	};
}

function describeColumns(columns: readonly string[]): string {
	const shown = columns.slice(0, 8).map((c) => `"${c.length > 40 ? `${c.slice(0, 40)}…` : c}"`);
	return `columns: ${shown.join(', ')}${columns.length > 8 ? `, and ${columns.length - 8} more` : ''}`;
}
