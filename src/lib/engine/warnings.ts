import type { Db } from '../db/types';
import { lineWord, rowPlace, sourceLine, type RawTable } from '../ingest/raw-table';
import type { DealsMapping } from '../model/mapping';
import { unknownStageEvents, type StageDateColumn } from '../model/stage-dates';
import { ident, join, sql, type Fragment } from '../sql/sql';

function plural(n: number, word: string): string {
	return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `line 3, 7` (`sheet row …`, `table row …`): lines of the text read, as rows of the user's file. */
function lines(raw: RawTable, list: readonly { line: number }[], max = 5): string {
	const shown = list.slice(0, max).map((r) => sourceLine(raw, r.line));
	return `${lineWord(raw)} ${shown.join(', ')}${list.length > max ? ` and ${list.length - max} more` : ''}`;
}

function short(text: string, max = 60): string {
	return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Lines of the file the rejected records cover (an unclosed quote swallows the lines after it). */
export function rejectedLines(raw: RawTable): number {
	return raw.rejected.reduce((n, r) => n + (r.lines ?? 1), 0);
}

/** What reading a file skipped or could not read: preamble, footer, rejected lines. */
export function fileWarnings(raw: RawTable): string[] {
	const out: string[] = [];
	if (raw.preamble > 0)
		out.push(`${raw.file}: skipped ${plural(raw.preamble, 'title line')} above the header`);
	if (raw.footer.length > 0) {
		out.push(
			`${raw.file}: skipped ${plural(raw.footer.length, 'report footer line')} (${lines(raw, raw.footer)}: "${raw.footer[0].text.replace(/^"+|"+$/g, '')}")`
		);
	}
	if (raw.rejected.length > 0) {
		const first = raw.rejected[0];
		const count = rejectedLines(raw);
		out.push(
			`${raw.file}: ${plural(count, 'line')} could not be read and ${count === 1 ? 'was' : 'were'} left out (${lines(raw, raw.rejected)}; ${lines(raw, [first])}: ${first.problem})`
		);
	}
	const repaired = raw.repaired ?? [];
	if (repaired.length > 0) {
		const first = repaired[0];
		out.push(
			`${raw.file}: ${plural(repaired.length, 'line')} read after a repair (${lines(raw, repaired)}; ${lines(raw, [first])}: ${first.problem})`
		);
	}
	for (const r of raw.renamed ?? []) {
		out.push(
			`${raw.file}: the column name "${short(r.from)}" appears more than once; a later one is read as "${short(r.to)}"`
		);
	}
	return out;
}

/**
 * Deals left out (no id, no created date, a left-out label), duplicates, unknown stages, mixed
 * currencies, and counts that say the outcome or the created date was misread.
 */
export async function dealWarnings(
	db: Db,
	raw: RawTable,
	mapping: Pick<DealsMapping, 'leftOut' | 'columns'> = { columns: {} }
): Promise<string[]> {
	const out: string[] = [];
	const [c] = await db.query<{
		no_id: number;
		no_id_row: number;
		no_created: number;
		no_created_row: number;
		closed_no_date: number;
		closed_no_date_row: number;
		labels: number;
		complete: number;
		kept: number;
	}>(sql`
		SELECT count(*) FILTER (WHERE id IS NULL)::DOUBLE AS no_id,
			min(row) FILTER (WHERE id IS NULL)::DOUBLE AS no_id_row,
			count(*) FILTER (WHERE id IS NOT NULL AND created IS NULL)::DOUBLE AS no_created,
			min(row) FILTER (WHERE id IS NOT NULL AND created IS NULL)::DOUBLE AS no_created_row,
			count(*) FILTER (WHERE outcome <> 'open' AND closed IS NULL)::DOUBLE AS closed_no_date,
			min(row) FILTER (WHERE outcome <> 'open' AND closed IS NULL)::DOUBLE AS closed_no_date_row,
			count(*) FILTER (WHERE id IS NOT NULL AND created IS NOT NULL AND left_out)::DOUBLE AS labels,
			count(*) FILTER (WHERE id IS NOT NULL AND created IS NOT NULL AND NOT left_out)::DOUBLE AS complete,
			(SELECT count(*) FROM deals)::DOUBLE AS kept
		FROM deals_all`);
	if (c.no_id > 0)
		out.push(
			`${raw.file}: ${plural(c.no_id, 'row')} without a deal id left out (first at ${rowPlace(raw, c.no_id_row)})`
		);
	if (c.no_created > 0) {
		out.push(
			`${raw.file}: ${plural(c.no_created, 'deal')} without a readable created date left out (first at ${rowPlace(raw, c.no_created_row)})`
		);
	}
	if (c.labels > 0) {
		const labels = (mapping.leftOut ?? []).map((l) => `"${short(l)}"`).join(', ');
		out.push(`${raw.file}: ${plural(c.labels, 'deal')} left out (labels: ${labels})`);
	}
	if (c.closed_no_date > 0) {
		out.push(
			`${raw.file}: ${plural(c.closed_no_date, 'won or lost deal')} without a readable close date, not counted as closed in any period (first at ${rowPlace(raw, c.closed_no_date_row)})`
		);
	}
	// `deals` kept one row per id of the rows with an id, a created date and a label not left
	// out: the rest repeat one.
	const repeated = c.complete - c.kept;
	if (repeated > 0) {
		const [dup] = await db.query<{ first_id: string | null; row: number | null }>(sql`
			SELECT arg_min(id, row) AS first_id, min(row)::DOUBLE AS row FROM (
				SELECT id, row, row_number() OVER (PARTITION BY id ORDER BY row) AS k FROM deals_all WHERE id IS NOT NULL AND created IS NOT NULL AND NOT left_out
			) WHERE k > 1`);
		out.push(
			`${raw.file}: ${plural(repeated, 'duplicate deal row')} left out, the first row of each id kept (first: id "${dup.first_id}" again at ${rowPlace(raw, dup.row ?? 0)})`
		);
	}
	const values = await dealValues(db);
	const early = values.early;
	if (early.n > 0) {
		out.push(
			`${raw.file}: ${plural(early.n, 'deal')} closed before ${early.n === 1 ? 'it was' : 'they were'} created, left out of cycle times (first: id "${early.id}" at ${rowPlace(raw, early.row ?? 0)})`
		);
	}
	out.push(...outcomeWarnings(raw, values, mapping.columns.created));
	// Unknown stages (the 20 with most deals) and the currencies, in one statement.
	const groups = await db.query<{ k: string; v: string; n: number }>(sql`
		SELECT * FROM (SELECT 'stage' AS k, stage AS v, count(*)::DOUBLE AS n FROM deals
			WHERE stage IS NOT NULL AND stage_kind IS NULL
			GROUP BY stage ORDER BY n DESC, stage LIMIT 20)
		UNION ALL
		SELECT * FROM (SELECT 'currency' AS k, currency AS v, count(*)::DOUBLE AS n FROM deals
			WHERE currency IS NOT NULL GROUP BY currency ORDER BY n DESC)
		ORDER BY k DESC, n DESC, v`);
	for (const u of groups.filter((g) => g.k === 'stage')) {
		out.push(
			`${raw.file}: stage "${u.v}" (${plural(u.n, 'deal')}) is not in the stage list; open deals there are counted at the first stage`
		);
	}
	const currencies = groups.filter((g) => g.k === 'currency');
	if (currencies.length > 1) {
		out.push(
			`${raw.file}: amounts are in mixed currencies (${currencies.map((c) => `${c.v}: ${c.n}`).join(', ')}); they are added as they are`
		);
	}
	out.push(...(await valueWarnings(db, raw, values, currencies.length > 0)));
	return out;
}

/**
 * Counts that say the file was misread, not that a few values are wrong: closed deals of which
 * none is won (the won labels or the outcome column are not the ones the file uses), and most
 * closed deals closed before they were created (the created column holds another date, such as
 * the date the records were imported).
 */
export function outcomeWarnings(
	raw: Pick<RawTable, 'file'>,
	v: Pick<DealValues, 'won' | 'lost' | 'dated' | 'early'>,
	created: string | undefined
): string[] {
	const out: string[] = [];
	if (v.won === 0 && v.lost > 0)
		out.push(
			`${raw.file}: no deal is won among ${plural(v.lost, 'closed deal')}: check which labels mean won (stage editor) or the outcome column`
		);
	if (v.dated > 0 && v.early.n > v.dated / 2) {
		const column = created ? ` ("${short(created)}")` : '';
		out.push(
			`${raw.file}: ${v.early.n} of ${plural(v.dated, 'closed deal')} closed before they were created: the created column${column} may hold another date (an import date); map another column as created, or set a period`
		);
	}
	return out;
}

/**
 * Values that are read but look wrong: negative amounts, deals without an owner or source (or
 * currency) among deals that have one, and dimension values that differ only in letter case
 * (`Avito`, `avito`), which count as different values.
 */
async function valueWarnings(
	db: Db,
	raw: RawTable,
	v: DealValues,
	hasCurrency: boolean
): Promise<string[]> {
	const out: string[] = [];
	const first = (id: string | null, row: number | null) =>
		`first: id "${id}" at ${rowPlace(raw, row ?? 0)}`;
	if (v.negative > 0)
		out.push(
			`${raw.file}: ${plural(v.negative, 'deal')} with a negative amount, added as ${v.negative === 1 ? 'it is' : 'they are'} (${first(v.negative_id, v.negative_row)})`
		);
	if (v.no_owner > 0 && v.owners > 0)
		out.push(
			`${raw.file}: ${plural(v.no_owner, 'deal')} without an owner, shown as "(none)" (${first(v.no_owner_id, v.no_owner_row)})`
		);
	if (v.no_source > 0 && v.sources > 0)
		out.push(
			`${raw.file}: ${plural(v.no_source, 'deal')} without a source, shown as "(none)" (${first(v.no_source_id, v.no_source_row)})`
		);
	if (hasCurrency && v.no_currency > 0)
		out.push(
			`${raw.file}: ${plural(v.no_currency, 'deal')} without a currency, added with the others (${first(v.no_currency_id, v.no_currency_row)})`
		);
	const dims = ['owner', 'source', 'pipeline', 'segment'] as const;
	const variants = await caseVariantsBy(
		db,
		join(
			dims.map((dim) => sql`SELECT ${dim} AS k, ${ident(dim)} AS v FROM deals`),
			' UNION ALL '
		)
	);
	for (const dim of dims) {
		const found = variants.get(dim) ?? [];
		if (found.length)
			out.push(
				`${raw.file}: ${dim} values that differ only in letter case are counted apart (${found.join('; ')})`
			);
	}
	return out;
}

interface DealValues {
	negative: number;
	negative_id: string | null;
	negative_row: number | null;
	no_owner: number;
	no_owner_id: string | null;
	no_owner_row: number | null;
	owners: number;
	no_source: number;
	no_source_id: string | null;
	no_source_row: number | null;
	sources: number;
	no_currency: number;
	no_currency_id: string | null;
	no_currency_row: number | null;
	early: { n: number; id: string | null; row: number | null };
	/** Won and lost deals, and closed deals with a close date. */
	won: number;
	lost: number;
	dated: number;
}

/**
 * Per-deal values that look wrong (see `valueWarnings`) and the deals closed before they were
 * created, counted in one scan of `deals`.
 */
async function dealValues(db: Db): Promise<DealValues> {
	const [v] = await db.query<
		Omit<DealValues, 'early' | 'won' | 'lost' | 'dated'> & {
			won_n: number;
			lost_n: number;
			dated_n: number;
			early_n: number;
			early_id: string | null;
			early_row: number | null;
		}
	>(sql`
		SELECT count(*) FILTER (WHERE amount < 0)::DOUBLE AS negative,
			arg_min(id, row) FILTER (WHERE amount < 0) AS negative_id,
			min(row) FILTER (WHERE amount < 0)::DOUBLE AS negative_row,
			count(*) FILTER (WHERE owner = '(none)')::DOUBLE AS no_owner,
			arg_min(id, row) FILTER (WHERE owner = '(none)') AS no_owner_id,
			min(row) FILTER (WHERE owner = '(none)')::DOUBLE AS no_owner_row,
			count(*) FILTER (WHERE owner <> '(none)')::DOUBLE AS owners,
			count(*) FILTER (WHERE source = '(none)')::DOUBLE AS no_source,
			arg_min(id, row) FILTER (WHERE source = '(none)') AS no_source_id,
			min(row) FILTER (WHERE source = '(none)')::DOUBLE AS no_source_row,
			count(*) FILTER (WHERE source <> '(none)')::DOUBLE AS sources,
			count(*) FILTER (WHERE currency IS NULL AND amount IS NOT NULL)::DOUBLE AS no_currency,
			arg_min(id, row) FILTER (WHERE currency IS NULL AND amount IS NOT NULL) AS no_currency_id,
			min(row) FILTER (WHERE currency IS NULL AND amount IS NOT NULL)::DOUBLE AS no_currency_row,
			count(*) FILTER (WHERE closed < CAST(created AS DATE))::DOUBLE AS early_n,
			arg_min(id, row) FILTER (WHERE closed < CAST(created AS DATE)) AS early_id,
			min(row) FILTER (WHERE closed < CAST(created AS DATE))::DOUBLE AS early_row,
			count(*) FILTER (WHERE outcome = 'won')::DOUBLE AS won_n,
			count(*) FILTER (WHERE outcome = 'lost')::DOUBLE AS lost_n,
			count(*) FILTER (WHERE closed IS NOT NULL)::DOUBLE AS dated_n
		FROM deals`);
	return {
		...v,
		early: { n: v.early_n, id: v.early_id, row: v.early_row },
		won: v.won_n,
		lost: v.lost_n,
		dated: v.dated_n
	};
}

/** Groups of values equal after trimming and case-folding but written differently, quoted. */
export async function caseVariants(db: Db, values: Fragment): Promise<string[]> {
	const found = await caseVariantsBy(db, sql`SELECT '' AS k, v FROM (${values})`);
	return found.get('') ?? [];
}

/**
 * `caseVariants` of several value lists in one statement: `values` yields `k` (which list) and
 * `v`; up to 10 groups per list, in the order of their case-folded text.
 */
async function caseVariantsBy(db: Db, values: Fragment): Promise<Map<string, string[]>> {
	const rows = await db.query<{ k: string; spellings: string }>(sql`
		SELECT k, string_agg('"' || v || '"', ', ' ORDER BY v) AS spellings FROM (
			SELECT DISTINCT k, v FROM (${values}) WHERE v IS NOT NULL AND v <> '(none)'
		) GROUP BY k, lower(trim(v)) HAVING count(*) > 1
		QUALIFY row_number() OVER (PARTITION BY k ORDER BY min(lower(trim(v)))) <= 10
		ORDER BY k, min(lower(trim(v)))`);
	const out = new Map<string, string[]>();
	for (const r of rows) out.set(r.k, [...(out.get(r.k) ?? []), r.spellings]);
	return out;
}

/** The deals left out by their label (config `left_out`): their events are no finding. */
const LEFT_OUT_IDS = sql`SELECT id FROM deals_all WHERE left_out AND id IS NOT NULL`;

/** Stage events that could not be used: unknown deal ids, unknown stage labels. */
export async function eventWarnings(db: Db, file: string): Promise<string[]> {
	const out: string[] = [];
	// One pass sorts events into those of known deals and orphans; the repeats are what building
	// `stage_events` merged (same deal, stage and time): the known deals' timed events it left out.
	const [counts] = await db.query<{
		orphans: number;
		orphan_id: string | null;
		known: number;
		kept: number;
	}>(sql`
		SELECT count(*) FILTER (WHERE d.id IS NULL AND e.id IS NOT NULL)::DOUBLE AS orphans,
			any_value(e.id) FILTER (WHERE d.id IS NULL AND e.id IS NOT NULL) AS orphan_id,
			count(d.id)::DOUBLE AS known,
			(SELECT count(*) FROM stage_events)::DOUBLE AS kept
		FROM events_all e LEFT JOIN (SELECT id FROM deals) d ON d.id = e.id
		WHERE e."at" IS NOT NULL AND e.id NOT IN (${LEFT_OUT_IDS})`);
	if (counts.orphans > 0)
		out.push(
			`${file}: ${plural(counts.orphans, 'stage event')} for deals not in the deals file left out (for example id "${counts.orphan_id}")`
		);
	const repeats = counts.known - counts.kept;
	if (repeats > 0) {
		const [first] = await db.query<{ id: string }>(sql`
			SELECT min(id) AS id FROM (
				SELECT e.id FROM events_all e LEFT JOIN stage_lookup sl ON sl.key = lower(e.stage)
				WHERE e."at" IS NOT NULL AND e.id IN (SELECT id FROM deals)
				GROUP BY e.id, COALESCE(sl.name, e.stage), e."at" HAVING count(*) > 1)`);
		out.push(
			`${file}: ${plural(repeats, 'stage event')} repeated (same deal, stage and time) counted once (for example id "${first.id}")`
		);
	}
	const unknown = await db.query<{ stage: string; n: number }>(sql`
		SELECT COALESCE(sl.name, e.stage) AS stage, count(*)::DOUBLE AS n FROM events_all e
		LEFT JOIN stage_lookup sl ON sl.key = lower(e.stage)
		WHERE "at" IS NOT NULL AND e.id NOT IN (${LEFT_OUT_IDS})
			AND NOT EXISTS (SELECT 1 FROM stage_map sm WHERE sm.key = lower(COALESCE(sl.name, e.stage)))
		GROUP BY 1 ORDER BY n DESC, stage LIMIT 20`);
	return [...out, ...unknownStageNotes(file, unknown)];
}

function unknownStageNotes(
	file: string,
	unknown: readonly { stage: string; n: number }[]
): string[] {
	return unknown.map(
		(u) =>
			`${file}: stage "${u.stage}" in the history (${plural(u.n, 'event')}) is not in the stage list; it ends the stay before it but counts for no stage`
	);
}

/**
 * `eventWarnings` for a wide export's stage dates read row by row: every event is a deal's own
 * and none repeats (see `stageDateColumns`), so only the unknown stages remain to tell.
 */
export async function stageDateWarnings(
	db: Db,
	file: string,
	columns: readonly StageDateColumn[]
): Promise<string[]> {
	const query = unknownStageEvents(columns);
	if (!query) return [];
	return unknownStageNotes(file, await db.query<{ stage: string; n: number }>(query));
}
