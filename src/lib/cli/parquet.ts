import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { NativeDb } from '../db/native';
import { raw } from '../sql/sql';
import { CANONICAL_EXPORTS } from '../engine/canonical-export';

/**
 * Write the canonical tables as Parquet (zstd) for reuse elsewhere, and for the dashboard to
 * open: `out.parquet` holds the deals; a folder `out/` gets `deals.parquet`, `stage_events.parquet`
 * and (with spend) `spend.parquet`. DuckDB writes only inside its working folder, so each file is
 * written there and copied out. Returns the paths written.
 */
export async function writeParquet(
	db: NativeDb,
	out: string,
	hasSpend: boolean
): Promise<string[]> {
	const single = out.toLowerCase().endsWith('.parquet');
	const tables = CANONICAL_EXPORTS.filter(
		(t) => (single ? t.name === 'deals' : true) && (t.name !== 'spend' || hasSpend)
	);
	if (!single) mkdirSync(out, { recursive: true });
	const written: string[] = [];
	for (const table of tables) {
		// Our own folder and a fixed table name: nothing from the data or the command line.
		const inside = join(db.workDir, `${table.name}.parquet`);
		await db.query(raw(`COPY (${table.select}) TO '${inside}' (FORMAT parquet, COMPRESSION zstd)`));
		const target = single ? out : join(out, `${table.name}.parquet`);
		copyFileSync(inside, target);
		rmSync(inside, { force: true });
		written.push(target);
	}
	return written;
}
