import { test } from 'vitest';
import { readFileSync } from 'node:fs';
import { startNodeDb } from './lib/db/node';
import { loadRawTable } from './lib/ingest/raw-table';
const n = process.env.DEALS ?? '1000000';
test('speed', async () => {
	const db = await startNodeDb();
	const bytes = new Uint8Array(readFileSync(`.bench/hubspot-deals-${n}.csv`));
	let t0 = performance.now();
	console.log('includes', bytes.includes(0), Math.round(performance.now() - t0));
	t0 = performance.now();
	await loadRawTable(db, { name: 'deals.csv', source: bytes }, 'raw_deals');
	console.log('RAW', Math.round(performance.now() - t0));
	const path = await db.registerFile('again.csv', bytes);
	const qs = readFileSync('/tmp/variants.sql', 'utf8').replaceAll('$PATH', path).split(';\n').map((q) => q.trim()).filter(Boolean);
	for (const text of qs) {
		const t = performance.now();
		const out = await db.query({ text, params: [] } as never);
		console.log(Math.round(performance.now() - t), JSON.stringify(out.slice(0, 2), (k, v) => typeof v === 'bigint' ? Number(v) : v).slice(0, 200), '|', text.replace(/\s+/g, ' ').slice(0, 120));
	}
}, 1200000);
