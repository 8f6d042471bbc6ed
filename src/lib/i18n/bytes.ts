/*
 * Byte counts for people. The page's sizes (a link, a download's progress) read as browsers
 * show them, in decimal units with one decimal; the limits in messages are binary round numbers
 * (`256 kB`, `4 MB`), so they are shown whole in binary units.
 */

/** A byte count as the page shows it: `950 B`, `12.3 kB`, `4.1 MB` (decimal units). */
export function formatBytes(n: number): string {
	if (n < 1000) return `${n} B`;
	if (n < 1_000_000) return `${(n / 1000).toFixed(1)} kB`;
	return `${(n / 1_000_000).toFixed(1)} MB`;
}

/** Whole binary kilobytes, rounded up (a size over a limit never reads as the limit): `1,025 kB`. */
export function kilobytes(n: number): string {
	return `${Math.ceil(n / 1024).toLocaleString('en-US')} kB`;
}

/** Whole binary megabytes, rounded: `3,072 MB`. */
export function megabytes(n: number): string {
	return `${Math.round(n / 1024 ** 2).toLocaleString('en-US')} MB`;
}
