import type { Db } from '../db/types';
import type { RawTable } from '../ingest/raw-table';
import { createSpend } from '../model/canonical';
import type { DateOrder } from '../model/config';
import type { SpendMapping } from '../model/mapping';
import { parseNumber, parseSpendDate } from '../model/parse';
import { ident, sql } from '../sql/sql';
import { auditParsing, failureText, type ParsedColumn } from './audit';
import { dateOrderFor } from './load-options';
import { profileColumns, type Profile } from './profile';
import { checkSpendColumns } from './required-columns';
import { runStatements } from './statements';
import { caseVariants } from './warnings';

/**
 * The `spend` table, typed from the spend file (empty without one), and its warnings: the
 * profile's notes, then the values that do not read and the channels that differ only in case.
 */
export async function buildSpend(
	db: Db,
	spend: { raw: RawTable; mapping: SpendMapping } | null,
	chosen: DateOrder | undefined
): Promise<string[]> {
	if (!spend) {
		await runStatements(db, [
			sql`DROP TABLE IF EXISTS spend`,
			sql`CREATE TABLE spend (row BIGINT, date DATE, channel VARCHAR, amount DOUBLE)`
		]);
		return [];
	}
	const { raw, mapping } = spend;
	checkSpendColumns(raw, mapping);
	const p = await profileColumns(db, raw.table, {
		dates: [mapping.columns.date].filter((c) => c !== undefined),
		numbers: [mapping.columns.amount].filter((c) => c !== undefined),
		...dateOrderFor(chosen, mapping)
	});
	const notes = p.notes.map((n) => `${raw.file}: ${n}`);
	await db.query(createSpend({ rawTable: raw.table, mapping, formats: p.formats }));
	return [...notes, ...(await spendWarnings(db, raw, mapping, p))];
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
