import { detectAll } from '../crm/detect';
import { blankMapping } from '../crm/generic';
import type { RawTable } from '../ingest/raw-table';
import type { Config } from '../model/config';
import type { Detection, FileRole } from '../model/mapping';
import type { LoadedFile } from './dataset';

/** What the user says a file is: a role, or `ignore` (the file is not used). */
export type RoleChoice = FileRole | 'ignore';

/**
 * Every detector's verdict on a file read as text, most confident first, with the config's
 * columns in view (a config that describes a file makes it a plain-CSV reading of its own) and
 * restricted to the role the user gave. A role no detector sees gets an empty mapping for the
 * config to fill when `blankWhenUnknown` (the page's mapping editor). Reading files and applying
 * a config to files already read both recognise them here, so the two give the same mapping.
 */
export function recognise(
	raw: RawTable,
	config: Config,
	role: FileRole | undefined,
	blankWhenUnknown = false
): Detection[] {
	const sample = { name: raw.file, columns: raw.columns, rows: raw.preview };
	const found = detectAll(sample, config).filter(
		(d) => role === undefined || d.mapping.role === role
	);
	if (found.length === 0 && role && role !== 'stages' && blankWhenUnknown)
		found.push({ mapping: blankMapping(role, sample, config), confidence: 0 });
	return found;
}

/** A file read as text, as its most confident detection reads it (null: none recognised it). */
export function loadedFile(raw: RawTable, candidates: Detection[]): LoadedFile | null {
	const found = candidates[0];
	if (!found) return null;
	const { mapping, confidence } = found;
	return {
		raw,
		role: mapping.role,
		crm: mapping.crm,
		confidence,
		mapping,
		detected: mapping,
		candidates
	};
}

/** Files read as all-text tables, recognised: what `readFiles` gives and `redetect` renews. */
export interface Recognised {
	files: LoadedFile[];
	/** Files set aside (tables dropped): not recognised, or ignored by the user's choice. */
	setAside: RawTable[];
}

/**
 * The files already read, recognised again under a new config (the mapping editor's edits, a
 * config loaded in the editor): what reading them again with that config would give. Null when
 * that takes reading them again: a file set aside would now be recognised, or a file used would
 * not be.
 */
export function redetect<R extends Recognised>(
	read: R,
	config: Config,
	roles: Record<string, RoleChoice> = {},
	blankWhenUnknown = false
): R | null {
	const asked = (file: string) => {
		const role = roles[file];
		return role === 'ignore' ? undefined : role;
	};
	for (const raw of read.setAside) {
		if (roles[raw.file] === 'ignore') continue;
		if (recognise(raw, config, asked(raw.file), blankWhenUnknown).length) return null;
	}
	const files: LoadedFile[] = [];
	for (const f of read.files) {
		if (roles[f.raw.file] === 'ignore') return null;
		const file = loadedFile(f.raw, recognise(f.raw, config, asked(f.raw.file), blankWhenUnknown));
		if (!file) return null;
		files.push(file);
	}
	return { ...read, files };
}
