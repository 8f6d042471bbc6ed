import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeDb } from '../db/node';
import type { Db } from '../db/types';
import { raw } from '../sql/sql';
import { loadRawTable } from '../ingest/raw-table';
import { isOutOfMemory, outOfMemoryMessage } from './out-of-memory';

/** A CSV of `rows` deals with a long name each: ~90 bytes a row. */
function wideCsv(rows: number): string {
	const lines = ['id,name,amount,created'];
	for (let i = 0; i < rows; i++)
		lines.push(
			`${i},Deal ${i} ${'x'.repeat(60)},${i * 3.5},2024-01-${String(1 + (i % 28)).padStart(2, '0')}`
		);
	return lines.join('\n');
}

describe('an engine that runs out of memory', () => {
	let db: Db;
	beforeAll(async () => {
		// DuckDB held to 8 MB: a real "Out of Memory Error" from the engine, not a simulated one.
		db = await startNodeDb({ memoryLimitMb: 8 });
	});
	afterAll(async () => db?.close());

	it('fails a load too big for its limit with an error the page turns into one sentence', async () => {
		const error = await loadRawTable(
			db,
			{ name: 'big.csv', source: wideCsv(200_000) },
			'raw_0'
		).then(
			() => null,
			(e: unknown) => e
		);
		expect(isOutOfMemory(error)).toBe(true);
		const message = outOfMemoryMessage(error)!;
		expect(message).toMatch(
			/^The analysis engine ran out of memory \(it needed [\d.]+ \w+ more with [\d.]+ \w+ of its [\d.]+ \w+ in use\)\. Close other tabs and retry/
		);
		expect(message).not.toContain('\n');
		expect(message).not.toContain('temp_directory');
	});

	it('still answers after the error', async () => {
		expect(await db.query(raw('SELECT 42 AS n'))).toEqual([{ n: 42 }]);
	});

	it('other errors are not mistaken for it', () => {
		expect(outOfMemoryMessage(new Error('Parser Error: syntax error'))).toBeNull();
		expect(isOutOfMemory('Conversion Error')).toBe(false);
		expect(outOfMemoryMessage('Out of Memory Error: something new')).toBe(
			'The analysis engine ran out of memory. Close other tabs and retry, filter the export (a shorter period, one pipeline), or run `npm run report -- --engine native` on it.'
		);
	});
});
