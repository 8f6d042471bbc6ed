import type { Db } from '../db/types';
import { detectAll, applyConfig } from '../crm/detect';
import { blankMapping, detectGenericDeals } from '../crm/generic';
import { stagesFromData } from './stages-from-data';
import type { Encoding } from '../ingest/decode';
import {
	loadRawTable,
	rowPlace,
	InputError,
	type InputFile,
	type RawTable
} from '../ingest/raw-table';
import {
	createDealFacts,
	DEAL_FACT_COLUMNS,
	createStageFacts,
	createDeals,
	createDealsAll,
	createEvents,
	createPipelineStageMap,
	createSpend,
	createStageLookup,
	createStageMap,
	historyEvents,
	stageColumnEvents,
	pipelineStageMapEntries,
	stageMapEntries,
	usesPipelineStages,
	type ColumnFormats
} from '../model/canonical';
import type { Config, DateOrder } from '../model/config';
import type {
	DealsMapping,
	FileRole,
	HistoryMapping,
	Detection,
	Mapping,
	SpendMapping,
	StagesMapping
} from '../model/mapping';
import { withMeddic } from '../model/meddic';
import {
	createListStageFacts,
	createStageLists,
	readsStageDatesByRow,
	stageDateColumns,
	stageDateTexts
} from '../model/stage-dates';
import type { PipelineOrders } from '../model/pipeline-view';
import { parseNumber, parseSpendDate, parseTimestamp } from '../model/parse';
import { ident, join, raw, sql, type Fragment } from '../sql/sql';
import { auditParsing, type ParsedColumn } from './audit';
import type { Dataset, LoadedFile, RowCount } from './dataset';
import { derivedDealsFile, derivesDeals } from './derived-deals';
import { withParseMacros } from './parse-macros';
import {
	confirmCounts,
	confirmFlags,
	guessFormats,
	profileColumns,
	settleFormats,
	type Profile
} from './profile';
import { runStatements } from './statements';
import { timed } from './timing';
import {
	caseVariants,
	dealWarnings,
	eventWarnings,
	fileWarnings,
	rejectedLines,
	stageDateWarnings
} from './warnings';

export interface LoadOptions {
	config?: Config;
	/** Roles the caller already knows (the CLI's `--deals/--history/--spend`), by file name. */
	roles?: Record<string, FileRole>;
	onProgress?: (step: string, done: number, total: number) => void;
	/** The CRM the user picked for a file (by file name), over the most confident detection. */
	crm?: Record<string, string>;
	/** The text encoding the user picked for a file (by file name), over the sniffed one. */
	encodings?: Record<string, Encoding>;
	/** Day/month order for date columns no value decides (no day above 12), over the CRM's. */
	dateOrder?: DateOrder;
	/**
	 * A file given a role (`roles`) that no detector recognises in that role gets an empty mapping
	 * for the config to fill (the page's mapping editor), instead of an error (the CLI's).
	 */
	blankWhenUnknown?: boolean;
}

/** The day/month order for undecided date columns, and where it came from (for the note). */
function dateOrderFor(
	options: LoadOptions,
	mapping: { crm: string; dateOrder?: DateOrder }
): { dateOrder?: DateOrder; dateOrderFrom?: string } {
	if (options.dateOrder) return { dateOrder: options.dateOrder, dateOrderFrom: 'as chosen' };
	if (mapping.dateOrder)
		return { dateOrder: mapping.dateOrder, dateOrderFrom: `as ${mapping.crm} exports write dates` };
	return {};
}

const ROLE_TABLE: Record<FileRole, string> = {
	deals: 'raw_deals',
	history: 'raw_history',
	spend: 'raw_spend',
	stages: 'raw_stages'
};

/** Every detector's verdict on a file (most confident first), restricted to a known role. */
function detectCandidates(raw: RawTable, config: Config, role?: FileRole): Detection[] {
	const sample = { name: raw.file, columns: raw.columns, rows: raw.preview };
	return detectAll(sample, config).filter((d) => role === undefined || d.mapping.role === role);
}

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
	for (const [i, input] of inputs.entries()) {
		progress(`Reading ${input.name}`, i, total);
		const role = options.roles?.[input.name];
		const raw = await timed(`read ${input.name}`, () =>
			loadRawTable(db, input, `raw_${i}`, { encoding: options.encodings?.[input.name] })
		);
		const candidates = detectCandidates(raw, config, role);
		if (candidates.length === 0 && role && role !== 'stages' && options.blankWhenUnknown) {
			const sample = { name: raw.file, columns: raw.columns, rows: raw.preview };
			candidates.push({ mapping: blankMapping(role, sample, config), confidence: 0 });
		}
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
		files.push({
			raw,
			role: found.mapping.role,
			crm: found.mapping.crm,
			confidence: found.confidence,
			mapping: found.mapping,
			detected: found.mapping,
			candidates
		});
	}
	return { files, ignored, setAside, unusable };
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
	const progress = options.onProgress ?? (() => {});
	await withParseMacros(db);
	const ignored = read.ignored;
	const total = read.files.length + ignored.length + 3;
	const files = read.files.map((f) => {
		const chosen = options.crm?.[f.raw.file];
		const base = f.candidates.find((c) => c.mapping.crm === chosen)?.mapping ?? f.detected;
		const mapping = applyConfig(base, config);
		return { ...f, mapping, role: mapping.role, crm: mapping.crm };
	});
	// Reading counted one step per file; typing, history and spend are the three after them.
	const readSteps = read.files.length + ignored.length;
	const byRole = (role: FileRole) => files.filter((f) => f.role === role);
	const dealsFiles = byRole('deals');
	// A change log that describes the deals (Pipedrive deal changes) stands in for a deals file.
	const logOnly = byRole('history').some((f) => derivesDeals(f.mapping as HistoryMapping));
	if (dealsFiles.length === 0 && !logOnly) {
		const seen = read.unusable?.length
			? ` (${read.unusable.join('; ')})`
			: ignored.length
				? ` (${ignored.map((w) => w.split(':')[0]).join(', ')} not recognised)`
				: '';
		throw new Error(`no deals file was given: drop a deals export (one row per deal)${seen}`);
	}
	for (const role of ['deals', 'history', 'spend', 'stages'] as const) {
		if (byRole(role).length > 1) {
			throw new Error(
				`more than one ${role} file was given (${byRole(role)
					.map((f) => f.raw.file)
					.join(', ')}): give one of each`
			);
		}
	}
	for (const f of files) {
		if (f.raw.table === ROLE_TABLE[f.role]) continue;
		await runStatements(db, [
			sql`DROP TABLE IF EXISTS ${ident(ROLE_TABLE[f.role])}`,
			sql`ALTER TABLE ${ident(f.raw.table)} RENAME TO ${ident(ROLE_TABLE[f.role])}`
		]);
		f.raw.table = ROLE_TABLE[f.role];
	}
	const mappingOf = <M extends Mapping>(f: LoadedFile | undefined) => (f ? (f.mapping as M) : null);
	const stagesFile = byRole('stages')[0];
	const stageList = mappingOf<StagesMapping>(stagesFile);
	const derived = dealsFiles.length
		? null
		: await derivedDealsFile(db, byRole('history')[0], config, stageList !== null);
	const dealsFile = derived?.file ?? dealsFiles[0];
	await db.query(
		createStageLookup(
			stageList && stagesFile ? { rawTable: stagesFile.raw.table, mapping: stageList } : null
		)
	);
	let deals = await withStageOrder(
		db,
		mappingOf<DealsMapping>(dealsFile) as DealsMapping,
		config,
		stageList !== null
	);
	const historyFile = byRole('history')[0];
	const history = mappingOf<HistoryMapping>(historyFile);
	const spendFile = byRole('spend')[0];
	const spend = mappingOf<SpendMapping>(spendFile);
	requireColumns(dealsFile.raw, deals);
	deals = withMeddic(deals, dealsFile.raw.columns, config.meddic);
	const absentMeddic = missing(dealsFile.raw, deals.meddic ?? {});
	if (absentMeddic.length)
		throw new InputError(
			dealsFile.raw.file,
			`mapped MEDDIC columns are not in the file: ${absentMeddic.join(', ')}`
		);

	progress('Typing deals', readSteps, total);
	const warnings: string[] = [
		...files.flatMap((f) => fileWarnings(f.raw)),
		...ignored,
		...(derived?.notes ?? [])
	];
	// The formats are guessed from the first rows and confirmed as the deals are typed: the
	// typing statement flags the values that do not read, and only a column with one is counted
	// again (and the deals typed again when that changes its format).
	const guess = await guessFormats(db, dealsFile.raw.table, {
		dates: [
			deals.columns.created,
			deals.columns.closed,
			deals.closedBy?.won,
			deals.closedBy?.lost,
			deals.columns.expected_close,
			...deals.stageColumns.map((s) => s.column)
		].filter(isString),
		numbers: [deals.columns.amount, deals.columns.probability].filter(isString),
		...dateOrderFor(options, deals)
	});
	// A wide stage-date export's dates are read row by row as the deals are typed (one list per
	// row), and counted there together.
	const wide = readsStageDatesByRow(deals, {
		fromHistory: history !== null,
		hasStageList: stageList !== null
	});
	const grouped = new Set(
		wide ? deals.stageColumns.map((s) => s.column).filter((c) => !guess.full.has(c)) : []
	);
	const mapped = deals;
	/** Type the deals (`deals_all`, the stage maps) with these formats. */
	const typeDeals = async (formats: ColumnFormats, probabilityScale: number, flags?: Fragment) => {
		let mapping = mapped;
		let notes: string[] = [];
		await db.query(createPipelineStageMap(pipelineStageMapEntries(mapping)));
		// Whether `deals_all` is already built for the final mapping.
		let built = false;
		if (stageList === null) {
			// A guessed stage list (a default pipeline, a sample's labels) is completed from all rows.
			const ordered = await stagesFromData(db, {
				mapping,
				rawTable: dealsFile.raw.table,
				formats,
				probabilityScale,
				flags,
				history:
					history && historyFile
						? {
								rawTable: historyFile.raw.table,
								mapping: history,
								...dateOrderFor(options, history)
							}
						: null,
				config
			});
			built = ordered.dealsAll && sameStageLists(ordered.mapping, mapping);
			mapping = ordered.mapping;
			notes = ordered.notes;
		}
		await db.query(createStageMap(stageMapEntries(mapping)));
		await db.query(createPipelineStageMap(pipelineStageMapEntries(mapping)));
		const stageDates = wide ? stageDateColumns(mapping, stageMapEntries(mapping)) : null;
		if (!built || stageDates) {
			await db.query(
				createDealsAll({
					rawTable: dealsFile.raw.table,
					mapping,
					formats,
					probabilityScale,
					stageDates,
					flags
				})
			);
		}
		return { mapping, notes, stageDates };
	};
	const probability = deals.columns.probability;
	// A probability column written as 0–1 is scaled to percent.
	const scaleFor = (top: number | null | undefined) => (top != null && top <= 1 ? 100 : 1);
	let probabilityScale = scaleFor(probability ? guess.sampleMax[probability] : null);
	const flags = confirmFlags(guess, grouped, stageDateTexts(deals));
	let typed = await typeDeals(guess.formats, probabilityScale, flags);
	let leftOut = await dealRowsLeftOut(db, [
		...confirmCounts(guess, grouped, raw('len(stage_dates)')),
		raw('max(probability) AS confirm_probability_max')
	]);
	const dealsProfile = await settleFormats(
		db,
		dealsFile.raw.table,
		guess,
		leftOut as unknown as Record<string, number>,
		grouped
	);
	if (probability) {
		// Every typed probability is the value times the scale the first rows gave.
		const typedTop = leftOut.confirm_probability_max;
		const top = dealsProfile.recounted.has(probability)
			? dealsProfile.numbers[probability]?.max
			: typedTop == null
				? null
				: typedTop <= probabilityScale
					? 1
					: Infinity;
		const scale = scaleFor(top);
		if (scale !== probabilityScale) dealsProfile.changed = true;
		probabilityScale = scale;
	}
	if (dealsProfile.changed) {
		typed = await typeDeals(dealsProfile.formats, probabilityScale);
		leftOut = await dealRowsLeftOut(db);
	}
	deals = typed.mapping;
	warnings.push(
		...dealsProfile.notes.map((n) => `${dealsFile.raw.file}: ${n}`),
		...typed.notes.map((n) => `${dealsFile.raw.file}: ${n}`)
	);
	const k = deals.stages.length;
	const perPipeline = usesPipelineStages(deals);
	const stageDates = typed.stageDates;
	await runStatements(db, [DROP_DEALS, ...createDeals(leftOut.repeated > 0)]);
	// The rows' lists are the deals' events when every row with an id and a created date is a
	// deal of its own; else (rare) the events take the event path and are merged.
	const byRow = stageDates && leftOut.no_created + leftOut.repeated === 0 ? stageDates : null;

	progress('Building stage history', readSteps + 1, total);
	const eventSources: Fragment[] = [];
	let historyFormats: ColumnFormats | null = null;
	let historyUnparsed: Record<string, number> = {};
	if (history && historyFile) {
		const p = await profileColumns(db, historyFile.raw.table, {
			dates: [history.columns.at].filter(isString),
			numbers: [],
			...dateOrderFor(options, history)
		});
		warnings.push(...p.notes.map((n) => `${historyFile.raw.file}: ${n}`));
		historyFormats = p.formats;
		historyUnparsed = p.unparsed;
		const events = historyEvents(historyFile.raw.table, history, p.formats);
		if (events) eventSources.push(events);
	} else if (!byRow) {
		const events = stageColumnEvents(dealsFile.raw.table, deals, dealsProfile.formats);
		if (events) eventSources.push(events);
	}
	const dedupe = eventsMayRepeat(deals, leftOut, historyFormats !== null, stageList !== null);
	await runStatements(
		db,
		byRow ? createStageLists(byRow, k) : createEvents(eventSources, k, perPipeline, dedupe)
	);
	await runStatements(db, createDealFacts(k));
	// `deal_facts` holds every column of `deals`: one copy of the deals is enough.
	await runStatements(db, [
		DROP_DEALS,
		sql`DROP TABLE IF EXISTS deals_first`,
		sql`CREATE VIEW deals AS SELECT * EXCLUDE (${DEAL_FACT_COLUMNS}) FROM deal_facts`
	]);
	// What only `deals_all` and `events_all` can tell, asked now: they are dropped before the
	// stage facts are built, the load's peak of memory (the notes are listed in order below).
	const dealParseNotes = await parseWarnings(
		db,
		dealsFile.raw,
		deals,
		dealsProfile.formats,
		dealsProfile.unparsed,
		dealsProfile.numbers
	);
	const dealNotes = await dealWarnings(db, dealsFile.raw);
	const eventNotes = byRow
		? await stageDateWarnings(db, dealsFile.raw.file, byRow)
		: await eventWarnings(db, historyFile?.raw.file ?? dealsFile.raw.file);
	await runStatements(db, [
		sql`DROP TABLE IF EXISTS events_all`,
		sql`DROP TABLE IF EXISTS deals_all`,
		...(byRow ? createListStageFacts(k) : createStageFacts)
	]);

	progress('Reading spend', readSteps + 2, total);
	if (spend && spendFile) {
		requireSpendColumns(spendFile.raw, spend);
		const p = await profileColumns(db, spendFile.raw.table, {
			dates: [spend.columns.date].filter(isString),
			numbers: [spend.columns.amount].filter(isString),
			...dateOrderFor(options, spend)
		});
		warnings.push(...p.notes.map((n) => `${spendFile.raw.file}: ${n}`));
		await db.query(
			createSpend({ rawTable: spendFile.raw.table, mapping: spend, formats: p.formats })
		);
		warnings.push(...(await spendWarnings(db, spendFile.raw, spend, p)));
	} else {
		await runStatements(db, [
			sql`DROP TABLE IF EXISTS spend`,
			sql`CREATE TABLE spend (row BIGINT, date DATE, channel VARCHAR, amount DOUBLE)`
		]);
	}

	warnings.push(...dealParseNotes, ...dealNotes);
	if (historyFile && history && historyFormats) {
		warnings.push(
			...(await parseWarnings(db, historyFile.raw, history, historyFormats, historyUnparsed))
		);
	}
	warnings.push(...eventNotes);

	// With per-pipeline orders, whether any deal belongs to a pipeline without one.
	const others = perPipeline
		? sql`(SELECT count(*) FROM deals WHERE lower(pipeline) NOT IN (SELECT pipeline FROM pipeline_stage_map))`
		: raw('0');
	const [summary] = await db.query<{
		deals: number;
		events: number;
		spend: number;
		from: string | null;
		to: string | null;
		others: number;
	}>(sql`
		SELECT (SELECT count(*) FROM deals)::DOUBLE AS deals,
			(SELECT count(*) FROM stage_events)::DOUBLE AS events,
			(SELECT count(*) FROM spend)::DOUBLE AS spend,
			(SELECT min(created) FROM deals) AS "from",
			(SELECT greatest(max(created), max(closed)) FROM deals) AS "to",
			${others}::DOUBLE AS others`);
	const pipelines: PipelineOrders | null = perPipeline
		? { pipelines: deals.pipelineStages ?? [], others: summary.others > 0 }
		: null;
	const rows = rowCounts(files, dealsFile, summary.deals, leftOut);
	for (const r of rows) {
		if (r.read !== r.loaded + r.rejected)
			warnings.push(
				`${r.file}: ${r.read - r.loaded - r.rejected} of ${r.read} rows read are neither loaded nor rejected`
			);
	}
	progress('Ready', total, total);
	return {
		files,
		deals,
		history,
		spend,
		stages: deals.stages,
		pipelines,
		whole: summary.from && summary.to ? { from: summary.from, to: summary.to } : null,
		dealCount: summary.deals,
		eventCount: summary.events,
		hasSpend: spend !== null,
		warnings,
		rows
	};
}

/** `deals` is always a view (see `createDeals`): dropped without asking the catalog. */
const DROP_DEALS = sql`DROP VIEW IF EXISTS deals`;

/** Whether two mappings name the same open, won and lost stages, in the same order. */
function sameStageLists(a: DealsMapping, b: DealsMapping): boolean {
	const same = (x: readonly string[], y: readonly string[]) =>
		x.length === y.length && x.every((v, i) => v === y[i]);
	return same(a.stages, b.stages) && same(a.won, b.won) && same(a.lost, b.lost);
}

/**
 * Whether two stage events may share deal, stage and time, so that building `stage_events` must
 * merge them (a sort of every event). Events from a deals file's stage-date columns cannot when
 * each deal id is on one row and no two columns name the same stage; a history file always may.
 */
function eventsMayRepeat(
	deals: DealsMapping,
	left: LeftOut,
	fromHistory: boolean,
	hasStageList: boolean
): boolean {
	if (fromHistory || hasStageList) return true;
	const stages = deals.stageColumns.map((s) => s.stage.toLowerCase());
	if (new Set(stages).size !== stages.length) return true;
	// Every row with an id is a deal of its own (none repeats an id or lacks a created date).
	return left.no_created + left.repeated > 0;
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
		sql`SELECT name, kind FROM stage_lookup ORDER BY ord NULLS LAST, name`
	);
	const names = (kind: string) => [
		...new Set(rows.filter((r) => r.kind === kind).map((r) => r.name))
	];
	return {
		...mapping,
		stages: config.stages ?? names('open'),
		won: config.won ?? [...new Set([...names('won'), ...mapping.won])],
		lost: config.lost ?? [...new Set([...names('lost'), ...mapping.lost])]
	};
}

function isString(v: string | undefined): v is string {
	return typeof v === 'string';
}

function describeColumns(columns: readonly string[]): string {
	const shown = columns.slice(0, 8).map((c) => `"${c.length > 40 ? `${c.slice(0, 40)}…` : c}"`);
	return `columns: ${shown.join(', ')}${columns.length > 8 ? `, and ${columns.length - 8} more` : ''}`;
}

function missing(raw: RawTable, names: Record<string, string | undefined>): string[] {
	return Object.entries(names)
		.filter(([, name]) => name !== undefined && !raw.columns.includes(name))
		.map(([field, name]) => `${field} → "${name}"`);
}

/** The mapped columns must exist, and a deal needs a created date and a stage or outcome. */
function requireColumns(raw: RawTable, mapping: DealsMapping): void {
	const absent = missing(raw, mapping.columns);
	if (absent.length)
		throw new InputError(raw.file, `mapped columns are not in the file: ${absent.join(', ')}`);
	if (!mapping.columns.created)
		throw new InputError(raw.file, 'no column holds the date a deal was created (map "created")');
	if (!mapping.columns.stage && !mapping.columns.outcome) {
		throw new InputError(
			raw.file,
			'no column holds the deal stage or status (map "stage" or "outcome")'
		);
	}
}

function requireSpendColumns(raw: RawTable, mapping: SpendMapping): void {
	const absent = missing(raw, mapping.columns);
	if (absent.length)
		throw new InputError(
			raw.file,
			`mapped spend columns are not in the file: ${absent.join(', ')}`
		);
}

function failureText(
	file: RawTable,
	f: { what: string; column: string; count: number; firstRow: number; firstValue: string }
): string {
	return `${file.file}: ${f.count} ${f.what} value${f.count === 1 ? '' : 's'} in column "${f.column}" could not be read (first at ${rowPlace(file, f.firstRow)}: "${f.firstValue}")`;
}

async function parseWarnings(
	db: Db,
	file: RawTable,
	mapping: DealsMapping | HistoryMapping,
	formats: ColumnFormats,
	/** Unreadable values per date column, counted by the profile: a column with none is skipped. */
	unparsed: Record<string, number> = {},
	/** The same per number column. */
	numbers: Profile['numbers'] = {}
): Promise<string[]> {
	const checks: ParsedColumn[] = [];
	const date = (what: string, column: string | undefined, where?: Fragment) => {
		if (column && unparsed[column] !== 0)
			checks.push({
				what,
				column,
				parsed: parseTimestamp(ident(column), formats.dates[column] ?? 'iso'),
				...(where ? { where } : {})
			});
	};
	const number = (what: string, column: string | undefined) => {
		if (column && numbers[column]?.unparsed !== 0)
			checks.push({
				what,
				column,
				parsed: parseNumber(ident(column), formats.decimals[column] ?? '.')
			});
	};
	if (mapping.role === 'deals') {
		date('created date', mapping.columns.created);
		// An open deal's close date is an expectation and never used (amoCRM writes `не закрыта`
		// there): only won and lost deals' close dates must read.
		const closedDeals = sql`r.__row IN (SELECT row FROM deals_all WHERE outcome <> 'open')`;
		date('close date', mapping.columns.closed, closedDeals);
		date('close date', mapping.closedBy?.won, closedDeals);
		date('close date', mapping.closedBy?.lost, closedDeals);
		// Only an open deal's expected close date is used.
		const openDeals = sql`r.__row IN (SELECT row FROM deals_all WHERE outcome = 'open')`;
		date('expected close date', mapping.columns.expected_close, openDeals);
		number('amount', mapping.columns.amount);
		number('probability', mapping.columns.probability);
		for (const s of mapping.stageColumns) date('stage date', s.column);
	} else {
		date('stage date', mapping.columns.at);
	}
	return (await auditParsing(db, file.table, checks)).map((f) => failureText(file, f));
}

async function spendWarnings(
	db: Db,
	file: RawTable,
	mapping: SpendMapping,
	{ formats, numbers }: Profile
): Promise<string[]> {
	const checks: ParsedColumn[] = [];
	const { date, amount } = mapping.columns;
	if (date)
		checks.push({
			what: 'spend date',
			column: date,
			parsed: parseSpendDate(ident(date), formats.dates[date] ?? 'iso')
		});
	// The profile counted the amounts that do not read: none, and the column is not audited.
	if (amount && numbers[amount]?.unparsed !== 0)
		checks.push({
			what: 'spend amount',
			column: amount,
			parsed: parseNumber(ident(amount), formats.decimals[amount] ?? '.')
		});
	const out = (await auditParsing(db, file.table, checks)).map((f) => failureText(file, f));
	const variants = await caseVariants(db, sql`SELECT channel AS v FROM spend`);
	if (variants.length)
		out.push(
			`${file.file}: channel values that differ only in letter case are counted apart (${variants.join('; ')}); a source filter takes spend of the exact channel`
		);
	return out;
}

/**
 * The deals file's rows left out for no id, no created date or a repeated id (see `rowCounts`),
 * with any other counts over `deals_all` asked in the same scan (`also`, named `confirm_…`).
 */
async function dealRowsLeftOut(
	db: Db,
	also: readonly Fragment[] = []
): Promise<LeftOut & Record<string, number | null>> {
	// Counted from `deals_all` alone, so the row audit checks `deals` against it (and `deals` is
	// built without picking first rows when none repeats): of the rows with an id and a created
	// date, all but one per id repeat it.
	const [left] = await db.query<LeftOut & Record<string, number | null>>(sql`
		SELECT count(*) FILTER (WHERE id IS NULL)::DOUBLE AS no_id,
			count(*) FILTER (WHERE id IS NOT NULL AND created IS NULL)::DOUBLE AS no_created,
			(count(*) FILTER (WHERE id IS NOT NULL AND created IS NOT NULL)
				- count(DISTINCT id) FILTER (WHERE created IS NOT NULL))::DOUBLE AS repeated
			${also.length ? sql`, ${join(also)}` : raw('')}
		FROM deals_all`);
	return left;
}

interface LeftOut {
	no_id: number;
	no_created: number;
	repeated: number;
}

/**
 * Rows read, loaded and rejected per file. Read counts the data lines of the file (rows of the raw
 * table, rejected lines, footer lines); for the deals file, loaded is the deals kept and rejected
 * adds the rows left out for no id, no created date or a repeated id, each counted on its own so
 * that a row lost any other way shows as a gap.
 */
function rowCounts(
	files: readonly LoadedFile[],
	dealsFile: LoadedFile,
	deals: number,
	left: LeftOut
): RowCount[] {
	const all = files.includes(dealsFile) ? files : [dealsFile, ...files];
	return all.map((f) => {
		const unread = rejectedLines(f.raw) + f.raw.footer.length;
		const read = f.raw.rowsLoaded + unread;
		if (f === dealsFile) {
			const leftOut = left.no_id + left.no_created + left.repeated;
			return { file: f.raw.file, role: 'deals', read, loaded: deals, rejected: unread + leftOut };
		}
		return { file: f.raw.file, role: f.role, read, loaded: f.raw.rowsLoaded, rejected: unread };
	});
}
