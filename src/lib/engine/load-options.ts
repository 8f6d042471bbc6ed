import type { Encoding } from '../ingest/decode';
import type { Config, DateOrder } from '../model/config';
import type { RoleChoice } from './recognise';

/**
 * What every load is given: the config and the roles already known. The `report` command gives
 * these alone.
 */
export interface LoadSetup {
	config?: Config;
	/**
	 * Roles the caller already knows (the CLI's `--deals/--history/--spend`, the page's role
	 * choices), by file name; `ignore` sets the file aside.
	 */
	roles?: Record<string, RoleChoice>;
}

/** The page's choices, each over what was detected or sniffed. */
export interface PageChoices {
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

/** A load's step, named by the page in its language: reading a file, typing deals, and so on. */
export type LoadStep = 'read' | 'deals' | 'history' | 'spend' | 'ready';

/** What a step knows besides its place: the file it reads, the rows read before it. */
export interface LoadStepDetail {
	file?: string;
	rows?: number;
}

/** Where a load reports its steps (the page's progress bar). */
export interface LoadProgress {
	onProgress?: (step: LoadStep, done: number, total: number, detail?: LoadStepDetail) => void;
}

export type LoadOptions = LoadSetup & PageChoices & LoadProgress;

/** The day/month order for undecided date columns, and where it came from (for the note). */
export function dateOrderFor(
	chosen: DateOrder | undefined,
	mapping: { crm: string; dateOrder?: DateOrder }
): { dateOrder?: DateOrder; dateOrderFrom?: string } {
	if (chosen) return { dateOrder: chosen, dateOrderFrom: 'as chosen' };
	if (mapping.dateOrder)
		return { dateOrder: mapping.dateOrder, dateOrderFrom: `as ${mapping.crm} exports write dates` };
	return {};
}
