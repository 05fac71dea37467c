/**
 * The null distribution of PSI: how large the Population Stability Index (drift.ts) gets between a reference sample
 * of n and a current sample of m drawn from the same continuous distribution, with bins cut at the reference's
 * quantiles. Used to tell drift from sampling noise: the 0.1 / 0.25 rules of thumb ignore sample size, and with
 * 50 examples per batch PSI averages ≈ 0.2–0.3 with no drift at all.
 *
 * Because the bins are reference quantiles, the statistic depends only on ranks, so its null distribution is the same
 * for every continuous distribution. It is simulated directly from that fact:
 * - the reference counts per bin are fixed by n (the values strictly below each linear-interpolation quantile);
 * - the true probability mass of each bin is a difference of uniform order statistics at the quantile positions,
 *   drawn exactly as partial sums of Gamma variates (U₍ᵢ₎ = Sᵢ / Sₙ₊₁ with exponential spacings);
 * - the current counts are Multinomial(m, masses), drawn as sequential binomials;
 * - PSI is computed as in drift.ts, an empty bin counted as half an observation.
 * Each replicate costs O(bins) draws, whatever n and m are.
 *
 * Tail quantiles (for a family of many batches × features one needs the 1 − 0.05/B quantile) come from a scaled
 * chi-square a·χ²(ν) matched to the simulated mean and variance (Satterthwaite 1946). The textbook approximation
 * PSI ≈ (1/n + 1/m)·χ²(bins − 1) is 10–15% too low at m = 50 and too high at m = 20 (checked against numpy
 * simulations of the statistic itself in tests/fixtures/generate.py). The moment-matched form is good to the 0.99
 * quantile, but not far out: at 1 − 0.00125 with 300 vs 150 values it was exceeded 0.198% of the time (40,000
 * null pairs), and at 1 − 0.0003 with 1,000 vs 50 only 0.010%. A verdict far in the tail therefore uses the draws
 * themselves: a Monte Carlo test (mcCritical) on enough of them (psiNullDrawsCached).
 */
import { createRng, mixSeed, type Rng } from '../data/rng';
import { chiSquarePpf } from './distributions';
import { flooredProportions, psiFromProportions } from './drift';

export interface PsiNull {
	reference: number;
	current: number;
	bins: number;
	replicates: number;
	/** Simulated mean and variance of PSI under no drift. */
	mean: number;
	variance: number;
	/** Moment-matched scaled chi-square: PSI ≈ scale·χ²(df). */
	scale: number;
	df: number;
}

/** Positions (0-based, fractional) of the bins − 1 reference quantiles, as quantileSorted computes them. */
function quantilePositions(n: number, bins: number): number[] {
	return Array.from({ length: bins - 1 }, (_, k) => (n - 1) * ((k + 1) / bins));
}

export function psiNull(reference: number, current: number, bins: number, rng: Rng, replicates = 20000): PsiNull {
	const draws = psiNullSample(reference, current, bins, rng, replicates);
	let sum = 0;
	let sumSq = 0;
	for (const v of draws) {
		sum += v;
		sumSq += v * v;
	}
	const mean = sum / replicates;
	const variance = Math.max(1e-300, (sumSq - replicates * mean * mean) / (replicates - 1));
	return { reference, current, bins, replicates, mean, variance, scale: variance / (2 * mean), df: (2 * mean * mean) / variance };
}

/** `replicates` draws of PSI under no drift for these sizes (unsorted, in the order simulated). */
export function psiNullSample(reference: number, current: number, bins: number, rng: Rng, replicates = 20000): Float64Array {
	if (!Number.isInteger(reference) || reference < bins) throw new RangeError(`The reference needs at least one value per bin (${bins}; got ${reference}).`);
	if (!Number.isInteger(current) || current < 1) throw new RangeError(`The current sample needs at least one value (got ${current}).`);
	if (!Number.isInteger(bins) || bins < 2) throw new RangeError(`bins must be a whole number ≥ 2 (got ${bins}).`);
	if (!Number.isInteger(replicates) || replicates < 100) throw new RangeError(`Simulate at least 100 replicates (got ${replicates}).`);
	const pos = quantilePositions(reference, bins);
	// Reference counts: values strictly below each edge.
	const below = pos.map((h) => {
		const fl = Math.floor(h);
		return h - fl > 0 ? fl + 1 : fl;
	});
	const refCounts = below.map((b, k) => b - (k ? below[k - 1] : 0));
	refCounts.push(reference - below[below.length - 1]);
	const expected = flooredProportions(refCounts, reference);
	// Order statistics needed (0-based), ascending and distinct.
	const needed = [...new Set(pos.flatMap((h) => (h % 1 > 0 ? [Math.floor(h), Math.floor(h) + 1] : [h])))].sort((a, b) => a - b);
	const u = new Map<number, number>();
	const edgeMass = new Float64Array(bins + 1);
	const counts = new Float64Array(bins);
	const draws = new Float64Array(replicates);
	for (let r = 0; r < replicates; r++) {
		// Partial sums of n + 1 exponential spacings, evaluated only at the needed order statistics.
		let s = 0;
		let at = -1;
		for (const i of needed) {
			s += rng.gamma(i - at);
			at = i;
			u.set(i, s);
		}
		const total = s + rng.gamma(reference - at);
		edgeMass[0] = 0;
		for (let k = 0; k < pos.length; k++) {
			const fl = Math.floor(pos[k]);
			const fr = pos[k] - fl;
			const lo = u.get(fl)! / total;
			edgeMass[k + 1] = fr > 0 ? lo + fr * (u.get(fl + 1)! / total - lo) : lo;
		}
		edgeMass[bins] = 1;
		let left = current;
		let massLeft = 1;
		for (let k = 0; k < bins; k++) {
			const mass = Math.max(0, edgeMass[k + 1] - edgeMass[k]);
			const c = k === bins - 1 || left === 0 ? left : rng.binomial(left, Math.min(1, mass / massLeft));
			counts[k] = c;
			left -= c;
			massLeft -= mass;
		}
		draws[r] = psiFromProportions(expected, flooredProportions(counts, current));
	}
	return draws;
}

/** The q-quantile of PSI under no drift. */
export function psiNullQuantile(n: PsiNull, q: number): number {
	return n.scale * chiSquarePpf(q, n.df);
}

/**
 * The value the largest of `comparisons` null PSIs exceeds with probability at most `alpha` (Bonferroni: the
 * 1 − alpha/comparisons quantile; conservative when the comparisons share a reference and so are correlated).
 */
export function psiFamilyCritical(n: PsiNull, alpha: number, comparisons: number): number {
	if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1) (got ${alpha}).`);
	if (!Number.isInteger(comparisons) || comparisons < 1) throw new RangeError(`comparisons must be a whole number ≥ 1 (got ${comparisons}).`);
	return psiNullQuantile(n, 1 - alpha / comparisons);
}

/**
 * The Monte Carlo test at `level` from R sorted draws of a statistic under the null: p = (#{draws ≥ x} + 1)/(R + 1)
 * is below `level` exactly when x is above the returned value (the (K + 1)-th largest draw, K the most draws allowed
 * at or above x). Null when R is too small to reach the level (R + 1 < 1/level).
 */
export function mcCritical(sortedDraws: ArrayLike<number>, level: number): number | null {
	if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1) (got ${level}).`);
	const R = sortedDraws.length;
	const K = Math.ceil(level * (R + 1) - 1) - 1;
	if (K < 0) return null;
	return sortedDraws[R - 1 - K];
}

/**
 * Draws for a Monte Carlo test at `level`: about 50/level (at most MC_MAX_DRAWS; at least 1,000). The critical value
 * is the (K + 1)-th largest draw, and its real tail probability varies around the level like Beta(K + 1, R − K): with
 * 5/level draws (K = 4) an outside review found it between 0.07 and 2.95 × the level across 45 size pairs (the draws
 * are seeded by the sizes, so every comparison of one size shares one critical value); with 50/level its spread is
 * about ±14%.
 */
export const MC_MAX_DRAWS = 500_000;
export const drawsFor = (level: number, perLevel = 50, max = MC_MAX_DRAWS) => Math.min(max, Math.max(1000, Math.ceil(perLevel / level)));

const drawCache = new Map<string, Float64Array>();
const DRAWS_CACHED = 12;

/** Sorted psiNullSample draws for these sizes, from a seed derived from them, kept for later calls (a few sizes). */
export function psiNullDrawsCached(reference: number, current: number, bins: number, replicates: number): Float64Array {
	const key = `${reference}/${current}/${bins}/${replicates}`;
	let draws = drawCache.get(key);
	if (!draws) {
		draws = psiNullSample(reference, current, bins, createRng(mixSeed(mixSeed(reference, current), replicates)), replicates).sort();
		if (drawCache.size >= DRAWS_CACHED) drawCache.delete(drawCache.keys().next().value!);
		drawCache.set(key, draws);
	}
	return draws;
}

const cache = new Map<string, PsiNull>();
const CACHED = 400;

/**
 * psiNull for these sizes from a seed derived from them — the same numbers every time, whatever the data or the run —
 * simulated once and kept for later calls (the most recent CACHED pairs of sizes).
 */
export function psiNullCached(reference: number, current: number, bins: number, replicates = 20000): PsiNull {
	const key = `${reference}/${current}/${bins}/${replicates}`;
	let nul = cache.get(key);
	if (!nul) {
		nul = psiNull(reference, current, bins, createRng(mixSeed(reference, current)), replicates);
		if (cache.size >= CACHED) cache.delete(cache.keys().next().value!);
		cache.set(key, nul);
	}
	return nul;
}
