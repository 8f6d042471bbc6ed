/**
 * Deals as a fixture generator takes them, from a short text: `'open 1, won 3, lost 2'` is
 * `[['open', 1], ['won', 3], ['lost', 2]]`, each an outcome and how many open stages the deal
 * entered, in deal order.
 * @param {string} text
 * @returns {[('open' | 'won' | 'lost'), number][]}
 */
export function dealPaths(text) {
	return text.split(',').map((part) => {
		const [outcome, entered] = part.trim().split(/\s+/);
		if (!['open', 'won', 'lost'].includes(outcome) || !/^\d+$/.test(entered ?? ''))
			throw new Error(`not an outcome and a number of stages: "${part}"`);
		return [/** @type {'open' | 'won' | 'lost'} */ (outcome), Number(entered)];
	});
}
