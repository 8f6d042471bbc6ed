import { HUBSPOT_DEFAULTS } from '../crm/hubspot';
import type { Db } from '../db/types';
import type { InputFile } from '../ingest/raw-table';
import { runDashboard } from './dashboard';
import { facets } from './facets';
import { loadDataset } from './load';

/** HubSpot's default pipeline, as its English exports name it. */
const {
	pipeline: PIPELINE,
	stages: STAGES,
	won: [WON],
	lost: [LOST]
} = HUBSPOT_DEFAULTS.en;
const DEALS = 60;
const DAY = 86_400_000;

const at = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
const quoted = (cells: (string | number)[]) => cells.map((c) => `"${c}"`).join(',');

/**
 * A small HubSpot deals export (open, won and lost deals with their `Date entered` columns) and
 * a spend file, the same every time: what `rehearse` loads.
 */
export function rehearsalFiles(): InputFile[] {
	const header = [
		'Record ID',
		'Deal Name',
		'Deal Stage',
		'Pipeline',
		'Amount',
		'Close Date',
		'Create Date',
		'Deal owner',
		'Original Traffic Source',
		'Deal probability',
		...[...STAGES, WON, LOST].map((s) => `Date entered '${s} (${PIPELINE})'`)
	];
	const rows = Array.from({ length: DEALS }, (_, i) => {
		const created = Date.UTC(2024, 0, 1) + i * 5 * DAY;
		// Deals 0–4 of every 7 are open at stage i % 7, then one won and one lost.
		const k = i % 7;
		const reached = k < 5 ? k + 1 : k === 5 ? STAGES.length : (i % 5) + 1;
		const entered = STAGES.map((_, j) => (j < reached ? at(created + j * 7 * DAY) : ''));
		const closed = created + 40 * DAY;
		const stage = k < 5 ? STAGES[k] : k === 5 ? WON : LOST;
		return quoted([
			189164770000 + i,
			`Deal ${i}`,
			stage,
			PIPELINE,
			(1000 + 37 * i).toFixed(2),
			at(closed),
			at(created),
			['Ann Lee', 'Ben Cho', 'Cy Diaz'][i % 3],
			['ORGANIC_SEARCH', 'PAID_SEARCH'][i % 2],
			k < 5 ? (k + 1) * 0.15 : k === 5 ? 1 : 0,
			...entered,
			k === 5 ? at(closed) : '',
			k === 6 ? at(closed) : ''
		]);
	});
	const months = Array.from({ length: 12 }, (_, m) => `2024-${String(m + 1).padStart(2, '0')}`);
	const spend = months.flatMap((m, i) => [
		`${m},ORGANIC_SEARCH,${(500 + 10 * i).toFixed(2)}`,
		`${m},PAID_SEARCH,${(900 + 20 * i).toFixed(2)}`
	]);
	return [
		{ name: 'pipelens-rehearsal-deals.csv', source: [quoted(header), ...rows].join('\n') + '\n' },
		{
			name: 'pipelens-rehearsal-spend.csv',
			source: ['Month,Channel,Spend', ...spend].join('\n') + '\n'
		}
	];
}

/**
 * A load of `rehearsalFiles` and two views of it, run while the page waits for a file. A first
 * load on a fresh engine took twice as long as the same load again (V8 compiles the engine's code
 * as it first runs): this pays that cost before any file comes. The second view, of a quarter
 * with an owner and a source filtered, runs the code of filters and of the period before, which
 * a first click would run first otherwise. It leaves its tables behind, as any
 * load does for the next, which replaces them. Run it through a `Db` that stops it when a real
 * load comes.
 */
export async function rehearse(db: Db): Promise<void> {
	const dataset = await loadDataset(db, rehearsalFiles());
	await facets(db);
	await runDashboard(db, dataset, {});
	await runDashboard(db, dataset, {
		period: { from: '2024-04-01', to: '2024-06-30' },
		filters: { owner: ['Ann Lee'], source: ['PAID_SEARCH'] }
	});
}
