import { sql, type Fragment } from '../sql/sql';
import { periodEnd, periodStart, type Period, type ViewScope } from '../model/filters';

/** One calendar month of a period, clipped to it: `month` is `YYYY-MM`, `from`/`to` inclusive dates. */
export interface Month {
	month: string;
	from: string;
	to: string;
}

function iso(ms: number): string {
	return new Date(ms).toISOString().slice(0, 10);
}

function parse(date: string): { y: number; m: number } {
	return { y: Number(date.slice(0, 4)), m: Number(date.slice(5, 7)) - 1 };
}

/** Every calendar month the period touches, in order, the first and last clipped to the period. */
export function monthsOf(period: Period): Month[] {
	if (period.from > period.to) return [];
	const out: Month[] = [];
	let { y, m } = parse(period.from);
	const last = parse(period.to);
	while (y < last.y || (y === last.y && m <= last.m)) {
		const start = iso(Date.UTC(y, m, 1));
		const end = iso(Date.UTC(y, m + 1, 0));
		out.push({
			month: start.slice(0, 7),
			from: start < period.from ? period.from : start,
			to: end > period.to ? period.to : end
		});
		m += 1;
		if (m === 12) {
			y += 1;
			m = 0;
		}
	}
	return out;
}

/** The `YYYY-MM` key of a DATE column, to group by month. */
export function monthOf(column: Fragment): Fragment {
	return sql`strftime(${column}, '%Y-%m')`;
}

/**
 * The months `monthsOf(period)` lists, as a table `months(month, month_from, month_to)` built in
 * SQL from the two bound dates: the same text for any period (a list of values would change it
 * with the number of months).
 */
export function monthsTable(scope: ViewScope): Fragment {
	return sql`(SELECT strftime(month_start, '%Y-%m') AS month,
			greatest(month_start, p.period_from) AS month_from,
			least(CAST(month_start + INTERVAL 1 MONTH - INTERVAL 1 DAY AS DATE), p.period_to) AS month_to
		FROM (SELECT ${periodStart(scope)} AS period_from, ${periodEnd(scope)} AS period_to) p,
			unnest(generate_series(CAST(date_trunc('month', p.period_from) AS TIMESTAMP),
				CAST(p.period_to AS TIMESTAMP), INTERVAL 1 MONTH)) AS series(ts),
			LATERAL (SELECT CAST(series.ts AS DATE) AS month_start)
		WHERE p.period_from <= p.period_to)`;
}
