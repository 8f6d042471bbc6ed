/**
 * A Bitrix24 REST deal dump (`crm.deal.list` fields as columns): `STAGE_ID` carries the pipeline
 * as a prefix (`C2:WON` is pipeline 2's won stage; the default pipeline's ids have none), `CLOSED`
 * is Y/N, and no column names the pipeline. `counts` says how many deals stand at each stage id,
 * so a test can work its expected figures out by hand: a stage id ending in `WON`, `LOSE` or
 * `APOLOGY` is closed (`CLOSED` = Y, closed on 2024-03-01), any other is open (N, with a later
 * expected close date that must be ignored). Deal i (from 1) is created on day i of January 2024
 * with an amount of 1000 × i.
 * @param {Record<string, number>} counts stage id → deals at it, in file order
 * @returns {string}
 */
export function generateBitrix24Rest(counts) {
	const header = [
		'ID',
		'TITLE',
		'STAGE_ID',
		'OPPORTUNITY',
		'CURRENCY_ID',
		'DATE_CREATE',
		'CLOSEDATE',
		'CLOSED',
		'ASSIGNED_BY_ID'
	];
	const lines = [header.join(',')];
	let i = 0;
	for (const [stage, n] of Object.entries(counts)) {
		const closed = /(WON|LOSE|APOLOGY)$/.test(stage);
		for (let j = 0; j < n; j++) {
			i++;
			const day = String(i).padStart(2, '0');
			lines.push(
				[
					String(i),
					`Deal ${i}`,
					stage,
					(1000 * i).toFixed(2),
					'RUB',
					`2024-01-${day}T10:00:00+03:00`,
					closed ? '2024-03-01T00:00:00+03:00' : '2024-12-31T00:00:00+03:00',
					closed ? 'Y' : 'N',
					String(1 + (i % 3))
				].join(',')
			);
		}
	}
	return `${lines.join('\n')}\n`;
}
