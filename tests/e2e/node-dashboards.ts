import { startNodeDb } from '../../src/lib/db/node';
import {
	runDashboard,
	type DashboardRequest,
	type DashboardResults
} from '../../src/lib/engine/dashboard';
import { loadDataset } from '../../src/lib/engine/load';
import type { InputFile } from '../../src/lib/ingest/raw-table';

/**
 * The same files through the same engine in Node, a dashboard for each named request: what the
 * page must show for them.
 */
export async function nodeDashboards<K extends string>(
	files: InputFile[],
	requests: Record<K, DashboardRequest>
): Promise<Record<K, DashboardResults>> {
	const db = await startNodeDb();
	try {
		const dataset = await loadDataset(db, files);
		const out = {} as Record<K, DashboardResults>;
		for (const [name, request] of Object.entries(requests) as [K, DashboardRequest][])
			out[name] = await runDashboard(db, dataset, request);
		return out;
	} finally {
		await db.close();
	}
}
