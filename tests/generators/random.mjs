/**
 * mulberry32: a small seeded PRNG, so fixtures are the same on every machine.
 * @param {number} seed
 */
export function seeded(seed) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		int: (/** @type {number} */ lo, /** @type {number} */ hi) =>
			lo + Math.floor(next() * (hi - lo + 1)),
		pick: /** @template T @param {readonly T[]} list @returns {T} */ (list) =>
			list[Math.floor(next() * list.length)],
		/** Log-normal with the given median and spread (sigma of the log). */
		lognormal: (/** @type {number} */ median, /** @type {number} */ sigma) => {
			const u = Math.max(next(), 1e-12);
			const v = next();
			const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
			return median * Math.exp(sigma * z);
		},
		/** Exponential with the given mean. */
		exp: (/** @type {number} */ mean) => -mean * Math.log(Math.max(next(), 1e-12))
	};
}
