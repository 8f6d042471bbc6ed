import { detect } from '../../src/lib/crm/detect';
import type { DealField } from '../../src/lib/model/config';
import type { DealsMapping, FileSample, HistoryMapping } from '../../src/lib/model/mapping';

/** A header: its column names, or the header line of a comma-separated file. */
export type Header = readonly string[] | string;

/** A file sample as the detectors see it: the header, some rows and the file name. */
export function sample(header: Header, rows: string[][] = [], name = 'file.csv'): FileSample {
	return { name, columns: typeof header === 'string' ? header.split(',') : [...header], rows };
}

/** The mapping `detect` gives a sample of `header` and `rows`, read as a deals mapping. */
export function detectDeals(header: Header, rows?: string[][], name?: string): DealsMapping {
	return detect(sample(header, rows, name))?.mapping as DealsMapping;
}

/** The mapping `detect` gives a sample of `header`, read as a history mapping. */
export function detectHistory(header: Header): HistoryMapping {
	return detect(sample(header))?.mapping as HistoryMapping;
}

/** A header with the field each column is read as (`null`: none), as a test states it once. */
export type ReadAs = readonly (readonly [column: string, field: DealField | null])[];

/** The column names of a `ReadAs` table, and the deals mapping's `columns` it expects. */
export function readAs(table: ReadAs): { header: string[]; columns: DealsMapping['columns'] } {
	const columns: DealsMapping['columns'] = {};
	for (const [column, field] of table) if (field) columns[field] = column;
	return { header: table.map(([column]) => column), columns };
}
