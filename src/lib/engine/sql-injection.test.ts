import { existsSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeDb } from '../db/node';
import type { Db } from '../db/types';
import { DEAL_FIELDS, HISTORY_FIELDS, SPEND_FIELDS, type Config } from '../model/config';
import { raw, sql } from '../sql/sql';
import { loadDataset } from './load';
import { runDashboard } from './dashboard';
import { runReport } from './report';

/**
 * Hostile names through every mapped field of the config (METRICS.md §5), hostile stage labels,
 * and hostile cell text: each tries to make DuckDB read a URL or another path, write a file,
 * attach a database, install or load an extension, or unlock a locked setting. Identifiers are
 * quoted and values bound, so the report is the same as with plain names, nothing is executed,
 * and the lockdown still holds afterwards.
 */
const TRAPS = ['/tmp/pipelens-pwn.csv', '/tmp/pipelens-pwn.db', '/tmp/pipelens-pwn2.csv'];

const PAYLOADS = [
	`x"; COPY (SELECT 1) TO '/tmp/pipelens-pwn.csv'; --`,
	`x') ; ATTACH '/tmp/pipelens-pwn.db' AS p; --`,
	`" || (SELECT * FROM read_csv('/etc/hostname')) || "`,
	`x"); SELECT * FROM read_csv('https://example.com/x.csv'); --`,
	`'; INSTALL httpfs; LOAD httpfs; --`,
	`"; SET enable_external_access = true; SET lock_configuration = false; --`,
	`x\`; COPY deals TO '/tmp/pipelens-pwn2.csv' (FORMAT csv); --`,
	`]; DROP TABLE deals; --`,
	`$1; SELECT ?; --`,
	`\\"; SELECT 1; --`,
	`x"; PRAGMA enable_profiling; --`,
	`x"; CALL pragma_version(); --`
];

/** A hostile name per field, each different (a suffix names the field). */
function hostile(field: string, i: number): string {
	return `${PAYLOADS[i % PAYLOADS.length]} ${field}`;
}

const PLAIN_DEAL: Record<string, string> = Object.fromEntries(
	DEAL_FIELDS.filter((f) => f !== 'outcome').map((f) => [f, `col_${f}`])
);

const STAGES = ['Lead', 'Demo', 'Proposal'];
const EVIL_STAGES = [
	`Lead'); DROP TABLE deals; --`,
	`Demo" OR 1=1; COPY deals TO '/tmp/pipelens-pwn.csv'; --`,
	`Proposal'; ATTACH '/tmp/pipelens-pwn.db'; --`
];

function dealsCsv(names: Record<string, string>, stages: string[]): string {
	const cols = Object.keys(PLAIN_DEAL);
	const q = (v: string) => `"${v.replaceAll('"', '""')}"`;
	const rows = [cols.map((c) => q(names[c])).join(',')];
	const stageOf = (i: number) => (i % 5 === 3 ? 'Won' : i % 5 === 4 ? 'Lost' : stages[i % 3]);
	for (let i = 0; i < 12; i++) {
		const created = `2024-0${1 + (i % 6)}-1${i % 10}`;
		const outcome = stageOf(i);
		const values: Record<string, string> = {
			id: `D${i}`,
			// Hostile cell text too: values are bound, never spliced.
			owner: i % 2 ? `'); COPY deals TO '/tmp/pipelens-pwn.csv'; --` : 'Ann',
			source: i % 3 ? 'Ads' : `" OR 1=1 --`,
			pipeline: 'Main',
			segment: i % 2 ? 'SMB' : `'; LOAD httpfs; --`,
			amount: String(100 * (i + 1)),
			probability: '50',
			created,
			closed: outcome === 'Won' || outcome === 'Lost' ? `2024-07-0${1 + (i % 8)}` : '',
			stage: outcome,
			currency: 'USD',
			expected_close: outcome === 'Won' || outcome === 'Lost' ? '' : '2024-09-15',
			lost_reason: outcome === 'Lost' ? `'); DROP TABLE deals; --` : '',
			lost_stage: outcome === 'Lost' ? stages[1] : '',
			is_closed: outcome === 'Won' || outcome === 'Lost' ? 'yes' : 'no',
			is_won: outcome === 'Won' ? 'yes' : 'no'
		};
		rows.push(cols.map((c) => q(values[c])).join(','));
	}
	return rows.join('\n') + '\n';
}

function historyCsv(names: Record<string, string>, stages: string[]): string {
	const q = (v: string) => `"${v.replaceAll('"', '""')}"`;
	const rows = [[names.id, names.stage, names.at, names.from].map(q).join(',')];
	for (let i = 0; i < 12; i++) {
		rows.push([`D${i}`, stages[0], `2024-0${1 + (i % 6)}-1${i % 10} 10:00`, ''].map(q).join(','));
		rows.push(
			[`D${i}`, stages[1], `2024-0${1 + (i % 6)}-2${i % 8} 10:00`, stages[0]].map(q).join(',')
		);
	}
	return rows.join('\n') + '\n';
}

function spendCsv(names: Record<string, string>): string {
	const q = (v: string) => `"${v.replaceAll('"', '""')}"`;
	const rows = [[names.date, names.channel, names.amount].map(q).join(',')];
	for (let m = 1; m <= 6; m++) rows.push([`2024-0${m}`, 'Ads', String(100 * m)].map(q).join(','));
	return rows.join('\n') + '\n';
}

function load(db: Db, evil: boolean) {
	const deal = evil
		? Object.fromEntries(Object.keys(PLAIN_DEAL).map((f, i) => [f, hostile(f, i)]))
		: PLAIN_DEAL;
	const history = Object.fromEntries(
		HISTORY_FIELDS.map((f, i) => [f, evil ? hostile(`history ${f}`, i + 3) : `h_${f}`])
	);
	const spend = Object.fromEntries(
		SPEND_FIELDS.map((f, i) => [f, evil ? hostile(`spend ${f}`, i + 7) : `s_${f}`])
	);
	const stages = evil ? EVIL_STAGES : STAGES;
	const config: Config = {
		columns: deal,
		history: history as Config['history'],
		spend: spend as Config['spend'],
		stages,
		won: ['Won'],
		lost: ['Lost']
	};
	return loadDataset(
		db,
		[
			{ name: 'deals.csv', source: dealsCsv(deal, stages) },
			{ name: 'history.csv', source: historyCsv(history, stages) },
			{ name: 'spend.csv', source: spendCsv(spend) }
		],
		{ config, roles: { 'deals.csv': 'deals', 'history.csv': 'history', 'spend.csv': 'spend' } }
	);
}

let db: Db;
beforeAll(async () => {
	for (const t of TRAPS) rmSync(t, { force: true });
	db = await startNodeDb();
});
afterAll(async () => {
	await db?.close();
	for (const t of TRAPS) rmSync(t, { force: true });
});

describe('SQL fragments through every mapped name, stage label and cell', () => {
	it('the config maps every field of deals, history and spend', () => {
		expect(Object.keys(PLAIN_DEAL).length).toBe(DEAL_FIELDS.length - 1);
		expect(HISTORY_FIELDS.length + SPEND_FIELDS.length).toBe(7);
	});

	it('gives the same report and dashboard as plain names, and executes nothing', async () => {
		const plain = await load(db, false);
		const plainReport = await runReport(db, plain);
		const plainBoard = await runDashboard(db, plain, { breakdown: 'owner' });
		const evil = await load(db, true);
		const names = Object.keys(PLAIN_DEAL).map((f, i) => [f, hostile(f, i)]);
		const flags = ['is_closed', 'is_won'];
		expect(evil.deals.columns).toEqual(
			Object.fromEntries(names.filter(([f]) => !flags.includes(f)))
		);
		// The yes/no columns are the outcome's flags.
		const named = Object.fromEntries(names);
		expect(evil.deals.flags).toEqual({ closed: named.is_closed, won: named.is_won });
		const evilReport = await runReport(db, evil);
		expect(evilReport.deals).toEqual(plainReport.deals);
		expect(evilReport.deals.created).toBe(12);
		expect(evilReport.funnel.map((f) => f.reached)).toEqual(
			plainReport.funnel.map((f) => f.reached)
		);
		expect(evilReport.funnel.map((f) => f.stage)).toEqual([...EVIL_STAGES, 'won']);
		expect(evilReport.cac).toEqual(plainReport.cac);
		expect(evilReport.avg_deal_size).toBe(plainReport.avg_deal_size);
		expect(evilReport.time_in_stage?.map((s) => s.n)).toEqual(
			plainReport.time_in_stage?.map((s) => s.n)
		);
		const board = await runDashboard(db, evil, {
			breakdown: 'owner',
			filters: { owner: [`'); COPY deals TO '/tmp/pipelens-pwn.csv'; --`] }
		});
		expect(board.report.deals.created).toBe(6);
		expect(plainBoard.report.deals.created).toBe(12);
		for (const t of TRAPS) expect(existsSync(t), t).toBe(false);
	});

	it('leaves the engine locked: settings unchanged, no extension, outside reads refused', async () => {
		const [s] = await db.query<{ ext: string; lock: string; auto: string }>(sql`
			SELECT current_setting('enable_external_access')::VARCHAR AS ext,
				current_setting('lock_configuration')::VARCHAR AS lock,
				current_setting('autoload_known_extensions')::VARCHAR AS auto`);
		expect(s).toEqual({ ext: 'false', lock: 'true', auto: 'false' });
		const loaded = await db.query(
			sql`SELECT extension_name FROM duckdb_extensions() WHERE loaded AND extension_name IN ('httpfs', 'sqlite_scanner', 'postgres_scanner')`
		);
		expect(loaded).toEqual([]);
		await expect(db.query(raw(`SELECT * FROM read_csv('/etc/hostname')`))).rejects.toThrow(
			/permission|disabled|locked/i
		);
		await expect(db.query(raw(`ATTACH '/tmp/pipelens-pwn.db' AS p`))).rejects.toThrow();
		// INSTALL is a no-op in the wasm build (nothing is fetched); what matters is that LOAD fails.
		await db.query(raw(`INSTALL httpfs`)).catch(() => []);
		await expect(db.query(raw(`LOAD httpfs`))).rejects.toThrow(/disabled/i);
		await expect(db.query(raw(`SET memory_limit = '100GB'`))).rejects.toThrow(/lock/i);
		for (const t of TRAPS) expect(existsSync(t), t).toBe(false);
	});
});
