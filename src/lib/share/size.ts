/** A byte count for people: `950 B`, `12.3 kB`, `4.1 MB` (decimal units, as browsers show). */
export function formatBytes(n: number): string {
	if (n < 1000) return `${n} B`;
	if (n < 1_000_000) return `${(n / 1000).toFixed(1)} kB`;
	return `${(n / 1_000_000).toFixed(1)} MB`;
}
