/** `created × win rate × average deal size ÷ cycle days`; null when a factor is null or the cycle is 0. */
export function salesVelocity(
	created: number,
	winRate: number | null,
	avgDealSize: number | null,
	cycleDays: number | null
): number | null {
	if (winRate === null || avgDealSize === null || cycleDays === null || cycleDays === 0)
		return null;
	return (created * winRate * avgDealSize) / cycleDays;
}
