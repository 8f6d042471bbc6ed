import type { FileRole } from '../model/mapping';
import type { Dataset } from './dataset';

/** A field of a file whose guess was a close call between columns (`Detection.unsure`). */
export interface UnsureGuess {
	file: string;
	role: FileRole;
	field: string;
	/** The column read as the field, then the ones that scored within 0.1 of it. */
	columns: string[];
}

/**
 * The close calls of each file's detection that are still in force: the field is read from the
 * guessed column (a column the config or the mapping editor gave is no guess). The page says so
 * and points at the mapping editor.
 */
export function unsureGuesses(dataset: Pick<Dataset, 'files'>): UnsureGuess[] {
	return dataset.files.flatMap((f) => {
		const chosen =
			f.candidates.find((c) => c.mapping === f.detected) ??
			f.candidates.find((c) => c.mapping.crm === f.crm && c.mapping.role === f.role);
		const columns = f.mapping.columns as Partial<Record<string, string>>;
		return (chosen?.unsure ?? [])
			.filter((u) => columns[u.field] === u.columns[0])
			.map((u) => ({ file: f.raw.file, role: f.role, field: u.field, columns: [...u.columns] }));
	});
}
