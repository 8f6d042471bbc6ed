import { applyConfig } from '../crm/detect';
import type { Db } from '../db/types';
import type { RawTable } from '../ingest/raw-table';
import type { Config } from '../model/config';
import type {
	FileRole,
	HistoryMapping,
	Mapping,
	SpendMapping,
	StagesMapping
} from '../model/mapping';
import { ident, sql } from '../sql/sql';
import type { LoadedFile } from './dataset';
import { derivesDeals } from './derived-deals';
import { runStatements } from './statements';

/** A file of a known role: its all-text table and its mapping. */
export interface RoleFile<M extends Mapping> {
	raw: RawTable;
	mapping: M;
}

/** The file of each role, when one was given (at most one of each). */
export interface FilesByRole {
	deals?: LoadedFile;
	history?: LoadedFile & RoleFile<HistoryMapping>;
	spend?: LoadedFile & RoleFile<SpendMapping>;
	stages?: LoadedFile & RoleFile<StagesMapping>;
}

/** The table each role's file is kept in, whatever `raw_i` it was read into. */
const ROLE_TABLE: Record<FileRole, string> = {
	deals: 'raw_deals',
	history: 'raw_history',
	spend: 'raw_spend',
	stages: 'raw_stages'
};

/**
 * The files read, each with the mapping in force: the one of the CRM the user picked (`crm`, by
 * file name), else the detected one, with the config laid over it. Its role follows.
 */
export function placeFiles(
	files: readonly LoadedFile[],
	config: Config,
	crm?: Record<string, string>
): LoadedFile[] {
	return files.map((f) => {
		const chosen = crm?.[f.raw.file];
		const base = f.candidates.find((c) => c.mapping.crm === chosen)?.mapping ?? f.detected;
		const mapping = applyConfig(base, config);
		return { ...f, mapping, role: mapping.role, crm: mapping.crm };
	});
}

/**
 * The file of each role. A deals file is needed (or a change log that describes the deals,
 * Pipedrive's deal changes, which stands in for one), and no role may have two files.
 */
export function checkRoles(
	files: readonly LoadedFile[],
	read: { ignored: readonly string[]; unusable?: readonly string[] }
): FilesByRole {
	const byRole = (role: FileRole) => files.filter((f) => f.role === role);
	const logOnly = byRole('history').some((f) => derivesDeals(f.mapping as HistoryMapping));
	if (byRole('deals').length === 0 && !logOnly) {
		const seen = read.unusable?.length
			? ` (${read.unusable.join('; ')})`
			: read.ignored.length
				? ` (${read.ignored.map((w) => w.split(':')[0]).join(', ')} not recognised)`
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
	return {
		deals: byRole('deals')[0],
		history: byRole('history')[0] as FilesByRole['history'],
		spend: byRole('spend')[0] as FilesByRole['spend'],
		stages: byRole('stages')[0] as FilesByRole['stages']
	};
}

/**
 * Each file's table renamed for its role (`raw_deals`, …). The raw tables are shared with the
 * files read (`ReadFiles`), so a rebuild finds them renamed already.
 */
export async function renameRawTables(db: Db, files: readonly LoadedFile[]): Promise<void> {
	for (const f of files) {
		if (f.raw.table === ROLE_TABLE[f.role]) continue;
		await runStatements(db, [
			sql`DROP TABLE IF EXISTS ${ident(ROLE_TABLE[f.role])}`,
			sql`ALTER TABLE ${ident(f.raw.table)} RENAME TO ${ident(ROLE_TABLE[f.role])}`
		]);
		f.raw.table = ROLE_TABLE[f.role];
	}
}
