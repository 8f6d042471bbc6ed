/** Salesforce's default open stages, first three of them as the fixture's deals enter them. */
const STAGES = ['Prospecting', 'Qualification', 'Needs Analysis'];

/**
 * A Salesforce Data Export of opportunities with no `CreatedDate` column, beside its
 * OpportunityHistory object (`OpportunityId, StageName, CreatedDate, Amount, CloseDate`: a row per
 * stage entered). Each entry of `deals` is `[outcome, entered]`: the deal entered the first
 * `entered` stages (at most 3) one every three days from 2024-03-i 09:00 (deal i, from 1, at most
 * 28), and a closed one then entered `Closed Won` or `Closed Lost` three days after its last
 * stage, its close date. An open deal's `CloseDate` is an expected date, 2024-12-31. Amount
 * 1000 × i.
 * @param {[('open' | 'won' | 'lost'), number][]} deals
 * @returns {{ deals: string, history: string }}
 */
export function generateSalesforceNoCreated(deals) {
	const at = (/** @type {number} */ i, /** @type {number} */ days) =>
		new Date(Date.UTC(2024, 2, i, 9, 0, 0) + days * 86_400_000)
			.toISOString()
			.replace('T', ' ')
			.slice(0, 19);
	const dealLines = ['Id,Name,StageName,Amount,CloseDate,IsClosed,IsWon,OwnerId'];
	const historyLines = ['OpportunityId,StageName,CreatedDate,Amount,CloseDate'];
	deals.forEach(([outcome, entered], k) => {
		const i = k + 1;
		const id = `006A0000${String(i).padStart(6, '0')}`;
		const closeAt = outcome === 'open' ? '2024-12-31' : at(i, 3 * entered).slice(0, 10);
		const stage =
			outcome === 'won' ? 'Closed Won' : outcome === 'lost' ? 'Closed Lost' : STAGES[entered - 1];
		dealLines.push(
			[
				id,
				`Opportunity ${i}`,
				stage,
				String(1000 * i),
				closeAt,
				outcome === 'open' ? '0' : '1',
				outcome === 'won' ? '1' : '0',
				'005A00000000001'
			].join(',')
		);
		for (let j = 0; j < entered; j++)
			historyLines.push([id, STAGES[j], at(i, 3 * j), String(1000 * i), closeAt].join(','));
		if (outcome !== 'open')
			historyLines.push([id, stage, at(i, 3 * entered), String(1000 * i), closeAt].join(','));
	});
	return { deals: `${dealLines.join('\n')}\n`, history: `${historyLines.join('\n')}\n` };
}
