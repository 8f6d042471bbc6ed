import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { useNodeDb } from '../../../tests/unit/node-db';
import { useTempDir } from '../../../tests/unit/temp-dir';
import { main } from '../cli/report';
import { openFile, startNativeDb } from '../db/native';
import { loadDataset } from '../engine/load';
import { runReport } from '../engine/report';
import { columnarFormat } from './columnar';
import { loadRawTable } from './raw-table';

const HUBSPOT = join(import.meta.dirname, '../../../tests/fixtures/examples/hubspot');
const DEALS = join(HUBSPOT, 'hubspot-crm-exports-all-deals-2025-07-01.csv');

describe('Parquet and Arrow IPC input', () => {
	const db = useNodeDb();
	const tempDir = useTempDir('pipelens-columnar-');

	it('tells the formats apart by their magic bytes', () => {
		const bytes = (text: string) => new TextEncoder().encode(text);
		expect(columnarFormat(bytes('PAR1\x15\x04'))).toBe('parquet');
		expect(columnarFormat(bytes('ARROW1\0\0'))).toBe('arrow');
		expect(columnarFormat(Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x10, 0, 0, 0))).toBe('arrow');
		expect(columnarFormat(bytes('"Record ID","Deal Stage"'))).toBeNull();
		expect(columnarFormat(bytes('PAR'))).toBeNull();
	});

	it('opens the deals Parquet that report --parquet writes, with the same numbers', async () => {
		const out = join(tempDir(), 'deals.parquet');
		let json = '';
		const code = await main(['--deals', DEALS, '--engine', 'native', '--parquet', out, '--json'], {
			out: (t) => (json += t),
			err: () => {}
		});
		expect(code).toBe(0);
		const fromCsv = JSON.parse(json);
		const native = await startNativeDb();
		try {
			const dataset = await loadDataset(native, [
				{ name: 'deals.parquet', source: await openFile(out) }
			]);
			expect(dataset.files[0].raw.format).toBe('parquet');
			expect(dataset.dealCount).toBe(fromCsv.deals.created);
			const fromParquet = await runReport(native, dataset);
			expect(fromParquet.deals).toEqual(fromCsv.deals);
			expect(fromParquet.win_rate).toEqual(fromCsv.win_rate);
			expect(fromParquet.avg_deal_size).toBeCloseTo(fromCsv.avg_deal_size, 6);
			expect(fromParquet.sales_cycle_days).toBeCloseTo(fromCsv.sales_cycle_days, 6);
		} finally {
			await native.close();
		}
		// The browser's engine has no Parquet reader: it says so instead of failing obscurely.
		await expect(
			loadRawTable(
				db,
				{ name: 'deals.parquet', source: new Uint8Array(readFileSync(out)) },
				'raw_pq'
			)
		).rejects.toThrow(/^deals\.parquet: Parquet files cannot be read in the browser/);
	});

	it('reads an Arrow IPC file as text columns, every row kept', async () => {
		const arrow = tableFromArrays({
			id: Int32Array.from([1, 2, 3]),
			owner: ['Ann', 'Bob', null],
			amount: Float64Array.from([10.5, 20, 30.25])
		});
		for (const [kind, bytes] of [
			['file', tableToIPC(arrow, 'file')],
			['stream', tableToIPC(arrow, 'stream')]
		] as const) {
			const raw = await loadRawTable(db, { name: `t.${kind}.arrow`, source: bytes }, `raw_${kind}`);
			expect(raw.format).toBe('arrow');
			expect(raw.columns).toEqual(['id', 'owner', 'amount']);
			expect(raw.rowsLoaded).toBe(3);
			const rows = await db.query({
				text: `SELECT id, owner, amount FROM raw_${kind} ORDER BY __row`,
				params: []
			});
			expect(rows).toEqual([
				{ id: '1', owner: 'Ann', amount: '10.5' },
				{ id: '2', owner: 'Bob', amount: '20' },
				{ id: '3', owner: null, amount: '30.25' }
			]);
		}
	});

	it('says which Parquet file is damaged', async () => {
		const native = await startNativeDb();
		try {
			const broken = new TextEncoder().encode('PAR1 this is not really parquet PAR1');
			await expect(
				loadRawTable(native, { name: 'bad.parquet', source: broken }, 'raw_bad')
			).rejects.toThrow(/^bad\.parquet: this Parquet file could not be read/);
		} finally {
			await native.close();
		}
	});
});
