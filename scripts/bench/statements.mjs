// The statements the page sent, read from its performance timeline: the engine's Db is wrapped
// with logStatements (src/lib/db/statement-log.ts), which leaves one `pipelens:sql` mark per
// statement with its text's length (src/lib/engine/timing.ts, markStatement).

/** The page's clock now (the timeline's milliseconds). @param {import('playwright-core').Page} page */
export function pageNow(page) {
	return page.evaluate(() => performance.now());
}

/**
 * Every statement mark since `from` (page milliseconds): when it was sent and its length.
 * @param {import('playwright-core').Page} page @param {number} from
 * @returns {Promise<{ at: number, chars: number }[]>}
 */
export function statementMarks(page, from = 0) {
	return page.evaluate(
		(since) =>
			performance
				.getEntriesByName('pipelens:sql', 'mark')
				.filter((m) => m.startTime >= since)
				.map((m) => ({
					at: m.startTime,
					chars: Number(/** @type {PerformanceMark} */ (m).detail?.chars ?? NaN)
				})),
		from
	);
}

/**
 * How many of `marks` were sent between `from` and `to` (page milliseconds, both included).
 * @param {{ at: number }[]} marks @param {number} from @param {number} to
 */
export function countBetween(marks, from, to) {
	return marks.filter((m) => m.at >= from && m.at <= to).length;
}
