import { parseConfig, type Config } from '../model/config';
import { hostedFile } from './codec';
import { ROLES, type HostedFile, type Role } from './view';

/** A team dashboard: `dashboard.json` next to `index.html`. */
export interface DashboardFile {
	title: string | null;
	config: Config;
	data: HostedFile[];
}

/**
 * Validate a `dashboard.json`: the config of METRICS.md §5 plus
 * `"data": {"deals": URL, "history": URL, "spend": URL}` and an optional `"title"`.
 * Throws one clear sentence when it is wrong.
 */
export function parseDashboardFile(value: unknown): DashboardFile {
	if (typeof value !== 'object' || value === null || Array.isArray(value))
		throw new Error('it must be a JSON object');
	const { data, title, ...rest } = value as Record<string, unknown>;
	if (title !== undefined && (typeof title !== 'string' || title.length > 200))
		throw new Error('"title" must be a text of at most 200 characters');
	if (typeof data !== 'object' || data === null || Array.isArray(data))
		throw new Error('"data" must be an object like {"deals": "data/deals.csv"}');
	const files: HostedFile[] = [];
	for (const [role, url] of Object.entries(data)) {
		if (!(ROLES as readonly string[]).includes(role))
			throw new Error(`"data" has an unknown file "${role}" (known: ${ROLES.join(', ')})`);
		const file = typeof url === 'string' ? hostedFile(url) : null;
		if (!file || file.role) throw new Error(`"data.${role}" must be an http(s) URL or a path`);
		files.push({ url: file.url, role: role as Role });
	}
	if (!files.some((f) => f.role === 'deals')) throw new Error('"data.deals" is missing');
	return { title: title ?? null, config: parseConfig(rest), data: files };
}
