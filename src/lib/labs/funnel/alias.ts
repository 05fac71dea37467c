/**
 * Walker's alias method for O(1) draws from a fixed discrete distribution, built in O(n) by Vose's algorithm
 * (M. D. Vose, "A linear algorithm for generating random numbers with a given distribution", IEEE TSE 17(9), 1991;
 * peer implementation: numpy's `Generator.choice` uses a cumulative table instead, Keith Schwarz's "Darts, Dice, and
 * Coins" write-up gives this exact construction).
 *
 * Construction: scale the weights to mean 1 (q_i = n·w_i/Σw); split into "small" (q < 1) and "large" (q ≥ 1);
 * repeatedly pair a small i with a large j: prob[i] = q_i, alias[i] = j, q_j ← q_j + q_i − 1, and j moves to the
 * small list if it fell below 1. Leftovers (rounding) get prob 1. A draw: u ~ U[0, 1), i = ⌊u·n⌋, f = u·n − i;
 * return i if f < prob[i], else alias[i] (one uniform per draw: the fraction of u·n is itself uniform).
 */
import type { Rng } from '$lib/data/rng';

export interface AliasTable {
	readonly n: number;
	readonly prob: Float64Array;
	readonly alias: Int32Array;
}

export function buildAlias(weights: ArrayLike<number>): AliasTable {
	const n = weights.length;
	if (n === 0) throw new RangeError('The alias table needs at least one weight.');
	let total = 0;
	for (let i = 0; i < n; i++) {
		const w = weights[i];
		if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`Alias weights must be finite and ≥ 0 (weight ${i} is ${w}).`);
		total += w;
	}
	if (!(total > 0)) throw new RangeError('The alias weights must not all be zero.');
	const q = new Float64Array(n);
	for (let i = 0; i < n; i++) q[i] = (weights[i] * n) / total;
	const prob = new Float64Array(n);
	const alias = new Int32Array(n);
	const small = new Int32Array(n);
	const large = new Int32Array(n);
	let ns = 0;
	let nl = 0;
	for (let i = 0; i < n; i++) {
		if (q[i] < 1) small[ns++] = i;
		else large[nl++] = i;
	}
	while (ns > 0 && nl > 0) {
		const s = small[--ns];
		const l = large[nl - 1];
		prob[s] = q[s];
		alias[s] = l;
		q[l] = q[l] + q[s] - 1;
		if (q[l] < 1) {
			nl--;
			small[ns++] = l;
		}
	}
	while (nl > 0) {
		const l = large[--nl];
		prob[l] = 1;
		alias[l] = l;
	}
	while (ns > 0) {
		const s = small[--ns];
		prob[s] = 1;
		alias[s] = s;
	}
	return { n, prob, alias };
}

export function drawAlias(table: AliasTable, rng: Rng): number {
	const x = rng.next() * table.n;
	const i = Math.floor(x);
	return x - i < table.prob[i] ? i : table.alias[i];
}
