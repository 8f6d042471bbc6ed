import type { FileReading } from '../engine/file-readings';
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

function pairs(map: Record<string, string>): string {
	return Object.entries(map)
		.map(([field, column]) => `${field} = "${column}"`)
		.join(', ');
}

function labels(list: readonly string[]): string {
	return list.length ? list.map((l) => `"${l}"`).join(', ') : '(none)';
}

/** Where the stage order came from, as a parenthesis (empty when the mapping does not say). */
function orderSource(order: FileReading['stage_order']): string {
	if (!order) return '';
	const template = order.template ? ` "${order.template}"` : '';
	return ` (from ${order.from}${template}${order.weak ? ', a weak guess' : ''})`;
}

/** How each file was read: role, CRM, each field's column, the deals' stage lists. */
export function formatReadings(readings: readonly FileReading[]): string {
	const lines = ['Read:'];
	for (const f of readings) {
		if (f.role === 'ignored') {
			lines.push(`  ${f.file}: ignored (${f.reason ?? ''})`);
			continue;
		}
		lines.push(`  ${f.file}: ${f.role}, read as ${f.crm}`);
		lines.push(`    columns: ${Object.keys(f.columns).length ? pairs(f.columns) : '(none)'}`);
		if (f.flags) lines.push(`    outcome flags: ${pairs(f.flags)}`);
		if (f.closed_by) lines.push(`    close date by outcome: ${pairs(f.closed_by)}`);
		if (f.field) lines.push(`    stage changes: "${f.field.column}" in ${labels(f.field.values)}`);
		if (f.role !== 'deals') continue;
		if (f.created_from) lines.push(`    created: each deal's first event in the ${f.created_from}`);
		lines.push(`    stage date columns: ${f.stage_columns ?? 0}`);
		lines.push(`    stage order${orderSource(f.stage_order)}: ${labels(f.stages ?? [])}`);
		lines.push(`    won: ${labels(f.won ?? [])}; lost: ${labels(f.lost ?? [])}`);
	}
	return lines.join('\n');
}

/** The readable report: how the files were read, key figures, funnel, time in stage, warnings. */
export function formatSummary(r: Report, readings: readonly FileReading[] = []): string {
	const parts: string[] = [];
	if (readings.length) parts.push(formatReadings(readings));
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
