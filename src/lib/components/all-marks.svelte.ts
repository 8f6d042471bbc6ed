import { tick } from 'svelte';

/**
 * Marks the page writes only on demand (a sparkline month's tooltip, written when the pointer
 * comes to it) are all written while `on` is set: an exported SVG or the HTML report carries
 * every tooltip, as a chart drawn whole would.
 */
class AllMarks {
	on = $state(false);
}

export const allMarks = new AllMarks();

/** `take` (an export reading the page's SVGs) run with every on-demand mark drawn. */
export async function withAllMarks<T>(take: () => T): Promise<T> {
	allMarks.on = true;
	try {
		await tick();
		return take();
	} finally {
		allMarks.on = false;
	}
}
