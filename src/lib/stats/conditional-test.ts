/**
 * Pearson's χ² test of homogeneity for two samples of counts with its conditional p-value by Monte Carlo: under no
 * difference, given each cell's total over both samples, the second sample's counts are multivariate hypergeometric
 * (drawing its m values without replacement from the pooled n + m). The p-value is the share of such tables whose
 * statistic is at least the observed one — exact up to simulation error whatever the expected counts are (Hope 1968;
 * R's chisq.test(simulate.p.value = TRUE) uses the same conditional distribution, drawn by Patefield's algorithm).
 *
 * Sequential stopping (Besag & Clifford 1991): draw until H tables reach the observed statistic, or R have been drawn;
 * p = H/L when stopped after L tables, (hits + 1)/(R + 1) otherwise. Both are valid p-values (P(p ≤ α) ≤ α under
 * no difference), so most tables that are far from significant stop after a few draws.
 */
import type { Rng } from '../data/rng';
import { lgamma } from './special';

const lfact = (x: number) => (x < 2 ? 0 : lgamma(x + 1));

/** One draw of Hypergeometric(population N, K successes, n draws): inversion outward from the mode (O(sd) steps). */
export function hypergeometric(rng: Rng, N: number, K: number, n: number): number {
	const lo = Math.max(0, n - (N - K));
	const hi = Math.min(n, K);
	if (lo === hi) return lo;
	const mode = Math.min(hi, Math.max(lo, Math.floor(((n + 1) * (K + 1)) / (N + 2))));
	const pMode = Math.exp(
		lfact(K) - lfact(mode) - lfact(K - mode) + lfact(N - K) - lfact(n - mode) - lfact(N - K - n + mode) - (lfact(N) - lfact(n) - lfact(N - n))
	);
	let u = rng.next() - pMode;
	if (u <= 0) return mode;
	let down = mode;
	let pDown = pMode;
	let up = mode;
	let pUp = pMode;
	while (down > lo || up < hi) {
		if (up < hi) {
			pUp *= ((K - up) * (n - up)) / ((up + 1) * (N - K - n + up + 1));
			up++;
			u -= pUp;
			if (u <= 0) return up;
		}
		if (down > lo) {
			pDown *= (down * (N - K - n + down)) / ((K - down + 1) * (n - down + 1));
			down--;
			u -= pDown;
			if (u <= 0) return down;
		}
	}
	// Rounding left a sliver of probability unassigned: the mode is the draw.
	return mode;
}

export interface ConditionalP {
	pValue: number;
	/** Tables drawn and how many reached the observed statistic. */
	replicates: number;
	hits: number;
}

/**
 * Conditional Monte Carlo p-value of Pearson's statistic for a 2 × k table (`a`, `b` the two samples' counts, every
 * cell with a positive total). `maxReplicates` bounds the work; `stopAt` is H above.
 */
export function conditionalChiSquareP(a: ArrayLike<number>, b: ArrayLike<number>, rng: Rng, maxReplicates: number, stopAt = 4): ConditionalP {
	const k = a.length;
	if (b.length !== k || k < 2) throw new RangeError('The two samples need the same number of cells, at least 2.');
	if (!Number.isInteger(maxReplicates) || maxReplicates < 1) throw new RangeError(`maxReplicates must be a whole number ≥ 1 (got ${maxReplicates}).`);
	const t = new Float64Array(k);
	let na = 0;
	let nb = 0;
	for (let j = 0; j < k; j++) {
		if (!(a[j] >= 0 && b[j] >= 0) || !Number.isInteger(a[j]) || !Number.isInteger(b[j])) throw new RangeError(`Cell ${j} needs whole counts ≥ 0.`);
		t[j] = a[j] + b[j];
		if (!t[j]) throw new RangeError(`Cell ${j} is empty in both samples.`);
		na += a[j];
		nb += b[j];
	}
	if (!na || !nb) throw new RangeError('Each sample needs at least one value.');
	const N = na + nb;
	// Draw the smaller sample's row; X² = Σ (x_j − E_j)² · N² / (n_a · n_b · t_j), E_j = n_b · t_j / N for that row.
	const small = nb <= na ? b : a;
	const m = Math.min(na, nb);
	const f = (N * N) / (na * nb);
	const stat = (x: (j: number) => number) => {
		let s = 0;
		for (let j = 0; j < k; j++) {
			const d = x(j) - (m * t[j]) / N;
			s += (d * d * f) / t[j];
		}
		return s;
	};
	const observed = stat((j) => small[j]) * (1 - 1e-12);
	const x = new Float64Array(k);
	let hits = 0;
	let L = 0;
	while (L < maxReplicates) {
		let left = m;
		let pop = N;
		for (let j = 0; j < k - 1; j++) {
			x[j] = left ? hypergeometric(rng, pop, t[j], left) : 0;
			left -= x[j];
			pop -= t[j];
		}
		x[k - 1] = left;
		L++;
		if (stat((j) => x[j]) >= observed && ++hits >= stopAt) return { pValue: hits / L, replicates: L, hits };
	}
	return { pValue: (hits + 1) / (maxReplicates + 1), replicates: L, hits };
}
