import type { Report } from '../metrics/report';

const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });

function fmt(value: number | null, kind: 'n' | '%' | 'd' = 'n'): string {
	if (value === null) return '—';
	if (kind === '%') return percent.format(value);
	if (kind === 'd') return `${number.format(value)} d`;
	return number.format(value);
}

function table(rows: string[][]): string {
	const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
	return rows
		.map((r) =>
			r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')
		)
		.join('\n');
}

/** The readable report: key figures, funnel, time in stage, warnings. */
export function formatSummary(r: Report): string {
	const parts: string[] = [];
	parts.push(`Period ${r.period.from} … ${r.period.to}`);
	parts.push(
		table([
			['Deals created', fmt(r.deals.created)],
			['Won / lost (closed in period)', `${fmt(r.deals.won)} / ${fmt(r.deals.lost)}`],
			['Win rate', fmt(r.win_rate, '%')],
			['Average deal size', fmt(r.avg_deal_size)],
			['Median deal size', fmt(r.median_deal_size)],
			[
				'Sales cycle (mean / median)',
				`${fmt(r.sales_cycle_days, 'd')} / ${fmt(r.median_sales_cycle_days, 'd')}`
			],
			['Sales velocity per day', fmt(r.sales_velocity_per_day)],
			['Spend', fmt(r.spend)],
			['CAC', fmt(r.cac)],
			[
				'Open pipeline (deals / value)',
				`${fmt(r.pipeline.open_deals)} / ${fmt(r.pipeline.open_value)}`
			],
			['Weighted pipeline', fmt(r.pipeline.weighted_value)]
		])
	);
	parts.push(
		table([
			['Stage', 'Reached', '% of previous', '% of first', 'Cost per deal'],
			...r.funnel.map((f, i) => [
				f.stage,
				fmt(f.reached),
				fmt(f.from_previous, '%'),
				fmt(f.from_first, '%'),
				fmt(r.cost_per_stage?.[i]?.cost ?? null)
			])
		])
	);
	if (r.time_in_stage) {
		parts.push(
			table([
				['Time in stage', 'Stays', 'Mean', 'Median'],
				...r.time_in_stage.map((t) => [
					t.stage,
					fmt(t.n),
					fmt(t.mean_days, 'd'),
					fmt(t.median_days, 'd')
				])
			])
		);
	}
	if (r.warnings.length) parts.push(['Warnings:', ...r.warnings.map((w) => `  - ${w}`)].join('\n'));
	return parts.join('\n\n') + '\n';
}
