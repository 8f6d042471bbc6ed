/** `won / (won + lost)` over deals closed in the period; null when none closed. */
export function winRate(won: number, lost: number): number | null {
	return won + lost === 0 ? null : won / (won + lost);
}
