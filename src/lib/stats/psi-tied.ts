/**
 * PSI for numbers with repeated values (counts, ages, amounts rounded to cents, a value most rows share), and its
 * no-drift distribution from the data's own distribution.
 *
 * On tied data the reference's deciles coincide (a count that is 0 in 40% of rows gives four edges at 0): the bins
 * between equal edges are empty in both samples, and PSI's floor of half an observation per empty bin adds
 * (0.5/m − 0.5/n)·ln(n/m) for each — an upward bias when the sizes differ. psi-null.ts's band, simulated for
 * continuous values, is then wrong as well. Here instead:
 * - support: the distinct values of both samples pooled, with their counts; with more than MAX_GROUPS distinct
 *   values, neighbouring rare values are grouped (each group at least 1/MAX_GROUPS of the values; a value that heavy
 *   keeps a group of its own), so a group is an interval of values;
 * - bins on the support: the k-th edge is the group holding the reference's 'higher' k/bins quantile (an observed
 *   value), equal edges merged and an edge at the reference's first group dropped, so every bin holds reference
 *   values and no bin is empty by construction; a value goes to the last group starting at or below it;
 * - the no-drift distribution: both samples drawn from the pooled distribution over the support (the bootstrap under
 *   no drift, Efron & Tibshirani 1993 §16.2, ties included: Multinomial(n) and Multinomial(m) over the groups), the
 *   bins cut again on each drawn reference, PSI computed as for the data. Its sorted draws give a Monte Carlo test
 *   (mcCritical in psi-null.ts); their mean and variance the moment-matched scaled χ² of psi-null.ts (a PsiNull) for screening and
 *   display — that χ²'s far tail is too light on tied data.
 */
import type { Rng } from '../data/rng';
import { flooredProportions, psiFromProportions } from './drift';
import type { PsiNull } from './psi-null';
import { countAtMost } from './quantile';

export const MAX_GROUPS = 100;

export interface TiedSupport {
	/** Each group's smallest value, ascending. */
	starts: Float64Array;
	counts: Float64Array;
	/** Reference values (the sum of counts). */
	n: number;
	/** Distinct values in the reference (before grouping). */
	distinct: number;
}

/**
 * Whether a sorted sample has ties that matter to decile bins: some value holds at least 1% of the sample (and at
 * least two values). Continuous data, or integers spread over many values, keep psi-null.ts's exact band.
 */
export function hasHeavyTies(sorted: ArrayLike<number>): boolean {
	const need = Math.max(2, Math.ceil(0.01 * sorted.length));
	let run = 1;
	for (let i = 1; i < sorted.length; i++) {
		run = sorted[i] === sorted[i - 1] ? run + 1 : 1;
		if (run >= need) return true;
	}
	return false;
}

export function tiedSupport(sorted: ArrayLike<number>, maxGroups = MAX_GROUPS): TiedSupport {
	const n = sorted.length;
	if (!n) throw new RangeError('The reference has no values.');
	const values: number[] = [];
	const counts: number[] = [];
	for (let i = 0; i < n; i++) {
		if (i && sorted[i] === sorted[i - 1]) counts[counts.length - 1]++;
		else {
			values.push(sorted[i]);
			counts.push(1);
		}
	}
	const distinct = values.length;
	if (distinct <= maxGroups) return { starts: Float64Array.from(values), counts: Float64Array.from(counts), n, distinct };
	const target = n / maxGroups;
	const starts: number[] = [];
	const grouped: number[] = [];
	let open = false;
	for (let j = 0; j < distinct; j++) {
		const heavy = counts[j] >= target;
		if (heavy || !open) {
			starts.push(values[j]);
			grouped.push(counts[j]);
			open = !heavy;
		} else grouped[grouped.length - 1] += counts[j];
		if (open && grouped[grouped.length - 1] >= target) open = false;
	}
	return { starts: Float64Array.from(starts), counts: Float64Array.from(grouped), n, distinct };
}

/** Groups at which bins start (ascending, the first group excluded) for reference counts per group. */
export function tiedBinStarts(counts: ArrayLike<number>, total: number, bins: number): number[] {
	const out: number[] = [];
	let first = -1;
	let g = 0;
	let below = 0;
	for (let k = 1; k < bins; k++) {
		// The 'higher' k/bins quantile: the order statistic (0-based) at ceil((n − 1)·k/bins).
		const i = Math.ceil(((total - 1) * k) / bins);
		while (below + counts[g] <= i) below += counts[g++];
		if (first < 0) for (first = 0; !counts[first];) first++;
		if (g > first && out[out.length - 1] !== g) out.push(g);
	}
	return out;
}

function binCounts(counts: ArrayLike<number>, starts: number[], into: Float64Array): void {
	into.fill(0);
	let b = 0;
	for (let g = 0; g < counts.length; g++) {
		if (b < starts.length && g === starts[b]) b++;
		into[b] += counts[g];
	}
}

export interface TiedPsi {
	psi: number;
	/** The values at which bins start (the groups' smallest values). */
	edges: number[];
	expectedCounts: number[];
	actualCounts: number[];
}

/** Counts per group of a sample (a value below every group goes to the first). */
export function groupCounts(support: TiedSupport, cur: ArrayLike<number>): Float64Array {
	const out = new Float64Array(support.starts.length);
	for (let i = 0; i < cur.length; i++) out[Math.max(0, countAtMost(support.starts, cur[i]) - 1)]++;
	return out;
}

/** PSI of sorted samples on a support (built from the reference, or from both samples pooled). */
export function psiTied(support: TiedSupport, ref: ArrayLike<number>, cur: ArrayLike<number>, bins: number): TiedPsi {
	if (!ref.length || !cur.length) throw new RangeError('PSI needs two non-empty samples.');
	const refCounts = groupCounts(support, ref);
	const starts = tiedBinStarts(refCounts, ref.length, bins);
	const e = new Float64Array(starts.length + 1);
	const a = new Float64Array(starts.length + 1);
	binCounts(refCounts, starts, e);
	binCounts(groupCounts(support, cur), starts, a);
	return {
		psi: psiFromProportions(flooredProportions(e, ref.length), flooredProportions(a, cur.length)),
		edges: starts.map((g) => support.starts[g]),
		expectedCounts: Array.from(e),
		actualCounts: Array.from(a)
	};
}

/**
 * Multinomial(total, probs) counts. Few draws over many groups: one categorical draw each by Walker's alias method
 * (O(1) a draw); otherwise sequential binomials (O(groups)). Both exact; the choice is only speed.
 */
function multinomial(rng: Rng, total: number, probs: Float64Array, alias: Alias, into: Float64Array): void {
	if (total < 3 * probs.length) {
		into.fill(0);
		const G = probs.length;
		for (let i = 0; i < total; i++) {
			const u = rng.next() * G;
			const g = Math.min(G - 1, Math.floor(u));
			into[u - g < alias.keep[g] ? g : alias.other[g]]++;
		}
		return;
	}
	let left = total;
	let massLeft = 1;
	for (let g = 0; g < probs.length; g++) {
		if (left === 0 || g === probs.length - 1) {
			into[g] = left;
			left = 0;
			continue;
		}
		const x = rng.binomial(left, Math.min(1, Math.max(0, probs[g] / massLeft)));
		into[g] = x;
		left -= x;
		massLeft -= probs[g];
	}
}

interface Alias {
	keep: Float64Array;
	other: Int32Array;
}

/** Vose's alias table for probabilities that sum to 1. */
function aliasTable(probs: Float64Array): Alias {
	const G = probs.length;
	const keep = new Float64Array(G);
	const other = new Int32Array(G);
	const scaled = Array.from(probs, (p) => p * G);
	const small: number[] = [];
	const large: number[] = [];
	scaled.forEach((v, g) => (v < 1 ? small : large).push(g));
	while (small.length && large.length) {
		const s = small.pop()!;
		const l = large[large.length - 1];
		keep[s] = scaled[s];
		other[s] = l;
		scaled[l] -= 1 - scaled[s];
		if (scaled[l] < 1) small.push(large.pop()!);
	}
	for (const g of [...small, ...large]) {
		keep[g] = 1;
		other[g] = g;
	}
	return { keep, other };
}

/** `replicates` draws of PSI without drift: a reference of n and a current sample of m, both from the support's distribution. */
export function psiNullTiedSample(support: TiedSupport, n: number, m: number, bins: number, rng: Rng, replicates: number): Float64Array {
	if (!Number.isInteger(n) || n < 1) throw new RangeError(`The reference needs at least one value (got ${n}).`);
	if (!Number.isInteger(m) || m < 1) throw new RangeError(`The current sample needs at least one value (got ${m}).`);
	if (!Number.isInteger(replicates) || replicates < 100) throw new RangeError(`Simulate at least 100 replicates (got ${replicates}).`);
	const G = support.counts.length;
	const probs = support.counts.map((c) => c / support.n);
	const alias = aliasTable(probs);
	const ref = new Float64Array(G);
	const cur = new Float64Array(G);
	const e = new Float64Array(bins);
	const a = new Float64Array(bins);
	const out = new Float64Array(replicates);
	for (let r = 0; r < replicates; r++) {
		multinomial(rng, n, probs, alias, ref);
		multinomial(rng, m, probs, alias, cur);
		const starts = tiedBinStarts(ref, n, bins);
		const k = starts.length + 1;
		binCounts(ref, starts, e);
		binCounts(cur, starts, a);
		out[r] = psiFromProportions(flooredProportions(e.subarray(0, k), n), flooredProportions(a.subarray(0, k), m));
	}
	return out;
}

/**
 * PSI's no-drift distribution as a PsiNull (moments and the moment-matched scaled χ²). Its far tail is too light for
 * tied data (at the 0.999 quantile it was exceeded 0.26% of the time for Poisson(3) counts, 2,000 vs 50, against
 * 0.1%): use it to screen, and tiedExceedance for a verdict.
 */
export function psiNullTied(support: TiedSupport, n: number, m: number, bins: number, rng: Rng, replicates = 2000): PsiNull {
	return nullMoments(psiNullTiedSample(support, n, m, bins, rng, replicates), n, m, bins);
}

/** A PsiNull from draws of PSI without drift: their mean and variance, and the scaled χ² with those moments. */
export function nullMoments(sample: ArrayLike<number>, n: number, m: number, bins: number): PsiNull {
	const replicates = sample.length;
	let sum = 0;
	let sumSq = 0;
	for (let i = 0; i < replicates; i++) {
		sum += sample[i];
		sumSq += sample[i] * sample[i];
	}
	const mean = sum / replicates;
	const variance = Math.max(1e-300, (sumSq - replicates * mean * mean) / (replicates - 1));
	// A support of one value: PSI is always 0 (a zero quantile), not a χ² with no degrees of freedom.
	if (!(mean > 1e-12)) return { reference: n, current: m, bins, replicates, mean: 0, variance: 0, scale: 0, df: 1 };
	return { reference: n, current: m, bins, replicates, mean, variance, scale: variance / (2 * mean), df: (2 * mean * mean) / variance };
}
