import { isDimension, isIsoDate, type Filters } from '../model/filters';

export interface ReportArgs {
	deals: string;
	history?: string;
	spend?: string;
	config?: string;
	from?: string;
	to?: string;
	filters: Filters;
	json: boolean;
	help: boolean;
	/** `wasm` (the browser's engine, the default) or `native` (multi-threaded, spills to disk). */
	engine: 'wasm' | 'native';
	/** Write the canonical tables as Parquet: a folder (one file per table) or a `.parquet` file. */
	parquet?: string;
}

export const USAGE = `Usage: npm run --silent report -- --deals FILE [--history FILE] [--spend FILE] [--config FILE]
       [--from YYYY-MM-DD --to YYYY-MM-DD] [--where DIM=VALUE]... [--json]
       [--engine wasm|native] [--parquet OUT]

  --deals FILE     deals export (one row per deal)
  --history FILE   stage history export (one row per stage change)
  --spend FILE     marketing spend (date or month, channel, amount)
  --config FILE    config JSON (METRICS.md §5): columns, stage order, won/lost labels
  --from, --to     the period, both ends inclusive (default: the whole data)
  --where DIM=V    keep deals whose owner, source, pipeline or segment is V (repeat for "any of")
  --json           print the METRICS.md §4 object instead of a table
  --engine E       wasm (default: the browser's engine) or native (DuckDB for Node:
                   multi-threaded, spills to disk; for exports of tens of millions of deals)
  --parquet OUT    write the canonical tables as Parquet: OUT.parquet (the deals, which the
                   dashboard opens) or a folder OUT/ (deals, stage_events, spend)`;

export class UsageError extends Error {}

/** Parse the command line; throw a UsageError with one clear sentence when it is wrong. */
export function parseArgs(argv: readonly string[]): ReportArgs {
	const out: Partial<ReportArgs> & { filters: Filters } = {
		filters: {},
		json: false,
		help: false,
		engine: 'wasm'
	};
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i];
		const value = (): string => {
			const v = argv[++i];
			if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
			return v;
		};
		switch (flag) {
			case '--deals':
			case '--history':
			case '--spend':
			case '--config':
				out[flag.slice(2) as 'deals' | 'history' | 'spend' | 'config'] = value();
				break;
			case '--from':
			case '--to': {
				const v = value();
				if (!isIsoDate(v))
					throw new UsageError(`${flag} must be a date written YYYY-MM-DD, not "${v}"`);
				out[flag.slice(2) as 'from' | 'to'] = v;
				break;
			}
			case '--where': {
				const v = value();
				const eq = v.indexOf('=');
				const dim = eq > 0 ? v.slice(0, eq).trim() : '';
				if (!isDimension(dim)) {
					throw new UsageError(
						`--where takes DIM=VALUE with DIM one of owner, source, pipeline, segment, not "${v}"`
					);
				}
				(out.filters[dim] ??= []).push(v.slice(eq + 1));
				break;
			}
			case '--json':
				out.json = true;
				break;
			case '--engine': {
				const v = value();
				if (v !== 'wasm' && v !== 'native')
					throw new UsageError(`--engine is wasm or native, not "${v}"`);
				out.engine = v;
				break;
			}
			case '--parquet':
				out.parquet = value();
				break;
			case '--help':
			case '-h':
				out.help = true;
				break;
			default:
				throw new UsageError(`unknown option "${flag}"`);
		}
	}
	if (out.help) return { deals: '', ...out } as ReportArgs;
	if (!out.deals) throw new UsageError('--deals FILE is required');
	if ((out.from === undefined) !== (out.to === undefined))
		throw new UsageError('give both --from and --to, or neither');
	if (out.from && out.to && out.from > out.to)
		throw new UsageError(`--from ${out.from} is after --to ${out.to}`);
	return out as ReportArgs;
}
