/**
 * Drift statistics comparing a reference sample with a current one.
 *
 * - ksTwoSample: the two-sample Kolmogorov–Smirnov statistic D = sup |F_a − F_b| computed exactly over the pooled
 *   sample (as scipy.stats.ks_2samp), and the asymptotic two-sided p-value Q_KS(√(n·m/(n+m))·D) from the
 *   Kolmogorov limiting distribution (scipy.stats.kstwobign.sf). Note: scipy's ks_2samp(method='asymp') instead uses
 *   the finite-n distribution kstwo with n = round(n·m/(n+m)); the two agree closely for n·m/(n+m) ≳ 100.
 *   Reference: Hodges (1958), Ark. Mat. 3; Marsaglia, Tsang & Wang (2003), J. Stat. Softw. 8(18).
 * - psi: Population Stability Index over bins whose inner edges are the reference quantiles k/bins, k = 1..bins−1
 *   (numpy linear quantiles). The outer bins are open. A value x falls in bin #{edges ≤ x}, so bins are [e_k, e_{k+1}).
 *   An empty bin counts as half an observation (proportion 0.5/n for a sample of n), so the floor shrinks as the
 *   sample grows instead of a fixed 1e-6 that makes one empty bin of a small batch worth ≈ 1.3 on its own;
 *   PSI = Σ (a − e)·ln(a/e), a = current, e = reference (expected).
 *   Rule of thumb (Siddiqi, Credit Risk Scorecards, 2006): < 0.1 stable, 0.1–0.25 moderate shift, > 0.25 major shift.
 *   The rule ignores sample size: with no drift at all PSI averages about (bins − 1)(1/n + 1/m) and exceeds 0.25 in
 *   most batches of 50. psi-null.ts gives its null distribution for given sizes.
 * - jensenShannonDivergence: JS(p, q) = ½ KL(p‖m) + ½ KL(q‖m), m = (p + q)/2, base 2, in [0, 1]. Inputs are normalised
 *   to sum to 1 (as scipy.spatial.distance.jensenshannon, which returns the square root of this value).
 * - wasserstein1: the first Wasserstein (earth mover's) distance between two empirical distributions,
 *   ∫ |F_a(x) − F_b(x)| dx (scipy.stats.wasserstein_distance).
 */
import { kolmogorovSf } from './distributions';
import { countAtMost, quantileSorted, sortedCopy } from './quantile';
import { assertNumericArray, assertSameLength, type NumericArray } from './validate';

export interface KsResult {
	statistic: number;
	pValue: number;
}

export function ksTwoSample(a: NumericArray, b: NumericArray): KsResult {
	assertNumericArray('a', a);
	assertNumericArray('b', b);
	return ksSorted(sortedCopy(a), sortedCopy(b));
}

/**
 * KS on already sorted samples (ascending, no NaN). Between two consecutive distinct values of `b` its cdf is
 * constant and `a`'s only grows, so the supremum is reached at a value of `b` or just before one:
 * O(m log n) with binary searches, which is what a small batch against a large reference needs.
 */
export function ksSorted(sa: ArrayLike<number>, sb: ArrayLike<number>): KsResult {
	const n = sa.length;
	const m = sb.length;
	if (n === 0 || m === 0) throw new RangeError('KS needs two non-empty samples.');
	let d = 0;
	let j = 0;
	while (j < m) {
		const x = sb[j];
		// Just before x: b's cdf is j/m, a's counts values < x.
		d = Math.max(d, Math.abs(countBelow(sa, x) / n - j / m));
		while (j < m && sb[j] === x) j++;
		// At x.
		d = Math.max(d, Math.abs(countAtMost(sa, x) / n - j / m));
	}
	const en = (n * m) / (n + m);
	return { statistic: d, pValue: Math.min(1, Math.max(0, kolmogorovSf(Math.sqrt(en) * d))) };
}

export interface PsiOptions {
	bins?: number;
}

export interface PsiDetail {
	psi: number;
	/** Inner edges (bins − 1 reference quantiles). */
	edges: number[];
	/** Proportions per bin as used in the sum (empty bins at 0.5/n). */
	expected: number[];
	actual: number[];
	/** Raw counts per bin. */
	expectedCounts: number[];
	actualCounts: number[];
}

/** Proportions from bin counts, an empty bin counted as half an observation. */
export function flooredProportions(counts: ArrayLike<number>, total: number): number[] {
	return Array.from(counts, (c) => Math.max(c, 0.5) / total);
}

/** PSI with its bins, for charts. `psi()` returns only the number. */
export function psiDetail(reference: NumericArray, current: NumericArray, options: PsiOptions = {}): PsiDetail {
	const { bins = 10 } = options;
	assertNumericArray('reference', reference);
	assertNumericArray('current', current);
	if (!Number.isInteger(bins) || bins < 2) throw new RangeError(`bins must be a whole number ≥ 2 (got ${bins}).`);
	return psiDetailSorted(sortedCopy(reference), sortedCopy(current), bins);
}

/** psiDetail on already sorted samples (ascending, no NaN). */
export function psiDetailSorted(ref: ArrayLike<number>, cur: ArrayLike<number>, bins = 10): PsiDetail {
	if (ref.length === 0 || cur.length === 0) throw new RangeError('PSI needs two non-empty samples.');
	const edges: number[] = [];
	for (let k = 1; k < bins; k++) edges.push(quantileSorted(ref, k / bins));
	const counts = (sorted: ArrayLike<number>): number[] => {
		const out: number[] = [];
		let prev = 0;
		for (let k = 0; k < bins; k++) {
			// Bin k holds values v with #{edges ≤ v} = k.
			const upto = k < bins - 1 ? countBelow(sorted, edges[k]) : sorted.length;
			out.push(upto - prev);
			prev = upto;
		}
		return out;
	};
	const expectedCounts = counts(ref);
	const actualCounts = counts(cur);
	const e = flooredProportions(expectedCounts, ref.length);
	const a = flooredProportions(actualCounts, cur.length);
	return { psi: psiFromProportions(e, a), edges, expected: e, actual: a, expectedCounts, actualCounts };
}

/** Σ (a − e)·ln(a/e) over bins. */
export function psiFromProportions(e: ArrayLike<number>, a: ArrayLike<number>): number {
	let total = 0;
	for (let k = 0; k < e.length; k++) total += (a[k] - e[k]) * Math.log(a[k] / e[k]);
	return total;
}

/** Number of sorted values strictly below x (numpy.searchsorted(side='left')). */
export function countBelow(sorted: ArrayLike<number>, x: number): number {
	let lo = 0;
	let hi = sorted.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (sorted[mid] < x) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

export function psi(reference: NumericArray, current: NumericArray, options: PsiOptions = {}): number {
	return psiDetail(reference, current, options).psi;
}

export function jensenShannonDivergence(p: NumericArray, q: NumericArray): number {
	assertNumericArray('p', p);
	assertNumericArray('q', q);
	assertSameLength('p', p, 'q', q);
	let sp = 0;
	let sq = 0;
	for (let i = 0; i < p.length; i++) {
		if (p[i] < 0) throw new RangeError(`p[${i}] is negative (${p[i]}); a probability vector cannot be.`);
		if (q[i] < 0) throw new RangeError(`q[${i}] is negative (${q[i]}); a probability vector cannot be.`);
		sp += p[i];
		sq += q[i];
	}
	if (sp === 0) throw new RangeError('p sums to 0: it is not a probability vector.');
	if (sq === 0) throw new RangeError('q sums to 0: it is not a probability vector.');
	let js = 0;
	for (let i = 0; i < p.length; i++) {
		const pi = p[i] / sp;
		const qi = q[i] / sq;
		const mi = 0.5 * (pi + qi);
		if (pi > 0) js += 0.5 * pi * Math.log2(pi / mi);
		if (qi > 0) js += 0.5 * qi * Math.log2(qi / mi);
	}
	return Math.min(1, Math.max(0, js));
}

export function wasserstein1(a: NumericArray, b: NumericArray): number {
	assertNumericArray('a', a);
	assertNumericArray('b', b);
	return wassersteinSorted(sortedCopy(a), sortedCopy(b));
}

/** wasserstein1 on already sorted samples (ascending, no NaN): one merge walk over both, O(n + m). */
export function wassersteinSorted(sa: ArrayLike<number>, sb: ArrayLike<number>): number {
	const n = sa.length;
	const m = sb.length;
	if (n === 0 || m === 0) throw new RangeError('The Wasserstein distance needs two non-empty samples.');
	let i = 0;
	let j = 0;
	let total = 0;
	let x = Math.min(sa[0], sb[0]);
	while (i < n || j < m) {
		// Step past every value equal to x, then integrate |F_a − F_b| up to the next value.
		while (i < n && sa[i] <= x) i++;
		while (j < m && sb[j] <= x) j++;
		if (i === n && j === m) break;
		const next = Math.min(i < n ? sa[i] : Infinity, j < m ? sb[j] : Infinity);
		total += Math.abs(i / n - j / m) * (next - x);
		x = next;
	}
	return total;
}
