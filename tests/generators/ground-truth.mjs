// A reference implementation of METRICS.md in plain JavaScript, over the canonical records a
// generator wrote its export from. It shares no code with the engine (which is SQL), so a
// generator's ground truth is an independent check of what `report --json` prints.

/**
 * @typedef {{ id: string, owner?: string, source?: string, pipeline?: string, segment?: string,
 *   amount: number | null, probability?: number | null, created: string, closed: string | null,
 *   outcome: 'won' | 'lost' | 'open', stage: string | null }} Deal
 * @typedef {{ id: string, stage: string, at: string, pipeline?: string }} StageEvent
 *   `pipeline`: the pipeline a per-stage column names (HubSpot `Date entered "<stage> (<pipeline>)"`)
 * @typedef {{ date: string, channel: string, amount: number }} SpendRow
 * @typedef {{ stages: string[], won: string[], lost: string[],
 *   pipelines?: { pipeline: string, stages: string[] }[] }} Stages
 *   `pipelines`: each pipeline's own order of open stages (an export with several pipelines);
 *   `stages` is then the combined list used for deals of any other pipeline
 * @typedef {{ from: string, to: string }} Period
 */

const DAY_MS = 86_400_000;
const key = (/** @type {string} */ s) => s.trim().toLowerCase();

/** @param {number[]} values */
function mean(values) {
	return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

/** @param {number[]} values */
function median(values) {
	if (!values.length) return null;
	const s = [...values].sort((a, b) => a - b);
	const m = Math.floor(s.length / 2);
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** @param {string} a @param {string} b */
function days(a, b) {
	return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** @param {string} d @param {Period} p */
const inPeriod = (d, p) => d >= p.from && d <= p.to;

/**
 * The METRICS.md §4 object (without warnings) for a period and filters.
 * @param {{ deals: Deal[], events?: StageEvent[] | null, spend?: SpendRow[] | null, stages: Stages,
 *   period?: Period | null, filters?: Partial<Record<string, string[]>> }} input
 */
export function groundTruth({
	deals: all,
	events = null,
	spend = null,
	stages,
	period = null,
	filters = {}
}) {
	const own = new Map((stages.pipelines ?? []).map((p) => [key(p.pipeline), p.stages]));
	/** The order a deal is placed by: its pipeline's own, else the combined list. @param {Deal} d */
	const orderOf = (d) => (own.size && own.get(key(d.pipeline ?? '(none)'))) || null;
	/** @param {readonly string[]} list @param {string} stage */
	const indexIn = (list, stage) => list.findIndex((s) => key(s) === key(stage)) + 1 || undefined;
	// The view's stage list: one pipeline's order, or (several in view) step positions labelled
	// with each pipeline's stage at that step.
	/** @type {(readonly string[])[]} */
	const lists = !own.size
		? [stages.stages]
		: filters.pipeline
			? filters.pipeline.map((v) => own.get(key(v)) ?? stages.stages)
			: [...own.values(), ...(all.some((d) => !orderOf(d)) ? [stages.stages] : [])];
	const unique = [...new Map(lists.map((l) => [l.map(key).join('|'), l])).values()];
	const view =
		unique.length === 1
			? [...unique[0]]
			: Array.from({ length: Math.max(...unique.map((l) => l.length)) }, (_, i) =>
					[...new Map(unique.filter((l) => l[i]).map((l) => [key(l[i]), l[i]])).values()].join(
						' / '
					)
				);
	const k = view.length;
	/** A deal's position of a stage (undefined: not an open stage of its order, or an event of
	 * another pipeline than the deal's). @param {Deal} d @param {string} stage @param {string} [pipeline] */
	const positionOf = (d, stage, pipeline) => {
		const list = orderOf(d);
		if (!list) return indexIn(stages.stages, stage);
		if (pipeline !== undefined && key(pipeline) !== key(d.pipeline ?? '')) return undefined;
		return indexIn(list, stage);
	};
	const period_ = period ?? {
		from: all.map((d) => d.created).sort()[0],
		to:
			all
				.flatMap((d) => [d.created, d.closed ?? d.created])
				.sort()
				.at(-1) ?? ''
	};
	const deals = all.filter((d) =>
		Object.entries(filters).every(
			([dim, values]) =>
				!values || values.includes(/** @type {Record<string, any>} */ (d)[dim] ?? '(none)')
		)
	);
	/** @type {Map<string, StageEvent[]>} */
	const byDeal = new Map();
	for (const e of events ?? []) {
		if (!byDeal.has(e.id)) byDeal.set(e.id, []);
		byDeal.get(e.id)?.push(e);
	}
	/** @param {Deal} d */
	const furthest = (d) => {
		if (d.outcome === 'won') return k + 1;
		const at = (d.stage && positionOf(d, d.stage)) || 1;
		const seen = (byDeal.get(d.id) ?? []).map((e) => positionOf(d, e.stage, e.pipeline) ?? 0);
		return Math.max(at, ...seen);
	};
	const cohort = deals.filter((d) => inPeriod(d.created, period_));
	const closed = deals.filter(
		(d) => d.outcome !== 'open' && d.closed && inPeriod(d.closed, period_)
	);
	const won = closed.filter((d) => d.outcome === 'won');
	const lost = closed.filter((d) => d.outcome === 'lost');
	const f = cohort.map(furthest);
	const reached = [...view, 'won'].map((_, i) => f.filter((x) => x >= i + 1).length);
	const funnel = [...view, 'won'].map((stage, i) => ({
		stage,
		reached: reached[i],
		from_previous: i === 0 || reached[i - 1] === 0 ? null : reached[i] / reached[i - 1],
		from_first: reached[0] === 0 ? null : reached[i] / reached[0]
	}));
	const winRate = won.length + lost.length ? won.length / (won.length + lost.length) : null;
	const amounts = won.map((d) => d.amount).filter((a) => a !== null);
	const cycles = won
		.map((d) => days(d.created, /** @type {string} */ (d.closed)))
		.filter((c) => c >= 0);
	const avg = mean(/** @type {number[]} */ (amounts));
	const cycle = mean(cycles);
	const velocity =
		winRate === null || avg === null || cycle === null || cycle === 0
			? null
			: (cohort.length * winRate * avg) / cycle;

	let timeInStage = null;
	if (events && events.length) {
		/** @type {number[][]} */
		const stays = view.map(() => []);
		const last = Math.max(stages.stages.length, ...[...own.values()].map((l) => l.length));
		const cohortIds = new Map(cohort.map((d) => [d.id, d]));
		for (const [id, list] of byDeal) {
			const deal = cohortIds.get(id);
			if (!deal) continue;
			const order = (/** @type {StageEvent} */ e) =>
				positionOf(deal, e.stage, e.pipeline) ?? last + 1;
			const sorted = [...list].sort((a, b) =>
				a.at < b.at ? -1 : a.at > b.at ? 1 : order(a) - order(b)
			);
			sorted.forEach((e, i) => {
				const idx = positionOf(deal, e.stage, e.pipeline);
				if (!idx) return;
				const next =
					sorted[i + 1]?.at ??
					(deal.outcome !== 'open' && deal.closed ? `${deal.closed}T00:00:00` : null);
				if (next === null) return;
				const d = (Date.parse(`${next}Z`) - Date.parse(`${e.at}Z`)) / DAY_MS;
				if (d >= 0) stays[idx - 1].push(d);
			});
		}
		timeInStage = view.map((stage, i) => ({
			stage,
			n: stays[i].length,
			mean_days: mean(stays[i]),
			median_days: median(stays[i])
		}));
	}

	let spendTotal = null;
	if (spend) {
		const sources = filters.source;
		spendTotal = spend
			.filter((s) => inPeriod(s.date, period_) && (!sources || sources.includes(s.channel)))
			.reduce((a, s) => a + s.amount, 0);
	}
	const open = deals.filter((d) => d.outcome === 'open' && d.created <= period_.to);
	const withProbability = open.filter((d) => d.probability !== null && d.probability !== undefined);
	return {
		period: period_,
		deals: { created: cohort.length, won: won.length, lost: lost.length },
		funnel,
		win_rate: winRate,
		avg_deal_size: avg,
		median_deal_size: median(/** @type {number[]} */ (amounts)),
		sales_cycle_days: cycle,
		median_sales_cycle_days: median(cycles),
		sales_velocity_per_day: velocity,
		time_in_stage: timeInStage,
		spend: spendTotal,
		cac: spendTotal === null || won.length === 0 ? null : spendTotal / won.length,
		cost_per_stage:
			spendTotal === null
				? null
				: funnel.map((r) => ({
						stage: r.stage,
						cost: r.reached === 0 ? null : /** @type {number} */ (spendTotal) / r.reached
					})),
		pipeline: {
			open_deals: open.length,
			open_value: open.reduce((a, d) => a + (d.amount ?? 0), 0),
			weighted_value: withProbability.length
				? open.reduce((a, d) => a + ((d.amount ?? 0) * (d.probability ?? 0)) / 100, 0)
				: null
		}
	};
}
