/** Header matching shared by the detectors and the MEDDIC columns: trimmed, case-folded, BOM ignored. */
export function headerKey(name: string): string {
	return name
		.replace(/^\ufeff/, '')
		.trim()
		.toLowerCase();
}
