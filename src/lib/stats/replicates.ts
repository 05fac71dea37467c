/**
 * Summaries over seed replicates: the mean with a Student-t confidence interval (mean ± t_{1−α/2, n−1} · s/√n, s the
 * sample standard deviation with n − 1), and for two arms trained on the same seeds the paired difference A − B with
 * its interval (the t-interval of the per-seed differences). Reference values: scipy.stats.t
 * (tests/fixtures/generate.py); coverage is checked by simulation in the unit tests.
 */
import { studentTPpf } from './distributions';

export interface Interval {
	n: number;
	mean: number;
	/** Sample standard deviation (n − 1); NaN for one value. */
	sd: number;
	/** The interval's ends; null with fewer than two values (no spread to measure). */
	lo: number | null;
	hi: number | null;
	level: number;
}

export function meanInterval(values: ArrayLike<number>, level = 0.95): Interval {
	if (!(level > 0 && level < 1)) throw new RangeError(`The interval's level must be in (0, 1) (got ${level}).`);
	const xs = Array.from(values).filter((v) => Number.isFinite(v));
	const n = xs.length;
	if (n === 0) return { n, mean: NaN, sd: NaN, lo: null, hi: null, level };
	const mean = xs.reduce((a, b) => a + b, 0) / n;
	if (n === 1) return { n, mean, sd: NaN, lo: null, hi: null, level };
	const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
	const half = studentTPpf(1 - (1 - level) / 2, n - 1) * (sd / Math.sqrt(n));
	return { n, mean, sd, lo: mean - half, hi: mean + half, level };
}

export interface PairedComparison {
	difference: Interval;
	/** The spread from seed to seed: the larger of the two arms' standard deviations. */
	seedSpread: number;
	/** 'A' or 'B' when the interval of A − B excludes 0, 'neither' when it does not, null with one seed. */
	better: 'A' | 'B' | 'neither' | null;
}

/** A − B over the seeds both arms have (pairs with a non-finite value are left out). */
export function pairedDifference(a: ArrayLike<number>, b: ArrayLike<number>, level = 0.95): PairedComparison {
	const d: number[] = [];
	const aa: number[] = [];
	const bb: number[] = [];
	for (let i = 0; i < Math.min(a.length, b.length); i++) {
		if (Number.isFinite(a[i]) && Number.isFinite(b[i])) {
			d.push(a[i] - b[i]);
			aa.push(a[i]);
			bb.push(b[i]);
		}
	}
	const difference = meanInterval(d, level);
	const spread = Math.max(meanInterval(aa).sd, meanInterval(bb).sd);
	const better = difference.lo === null || difference.hi === null ? null : difference.lo > 0 ? 'A' : difference.hi < 0 ? 'B' : 'neither';
	return { difference, seedSpread: spread, better };
}

export interface MedianInterval {
	/** Runs with a value (reached or not). */
	n: number;
	/** Runs that never reached it within the budget (recorded as Infinity). */
	censored: number;
	/** The sample median; Infinity when half or more of the runs never reached it. */
	median: number;
	/** Distribution-free interval from order statistics (Infinity: beyond the budget); null with fewer than 6 runs. */
	lo: number | null;
	hi: number | null;
	/** The interval's exact coverage, 1 − 2·P(Bin(n, ½) < l), at least the level asked for. */
	coverage: number | null;
	level: number;
}

/**
 * The median of times-to-event (steps to a target, batches to a detection) with censoring: a run that never got there
 * within the budget is recorded as Infinity. All runs share one budget, so every censored time lies above every
 * observed one and the order statistics of the sample are known up to the censored tail — the sample median and the
 * distribution-free interval [X_(l), X_(n−l+1)] (l the largest index with P(Bin(n, ½) ≤ l − 1) ≤ (1 − level)/2; e.g.
 * Hollander & Wolfe, Nonparametric Statistical Methods, §3.6) stay exact; an end that falls among censored runs is
 * Infinity ("beyond the budget"). Needs n ≥ 6 for a 95% interval (with 5 runs the widest, min to max, covers 94%).
 * Reference values: scipy.stats.binom (tests/fixtures/generate.py).
 */
export function medianInterval(values: ArrayLike<number>, level = 0.95): MedianInterval {
	if (!(level > 0 && level < 1)) throw new RangeError(`The interval's level must be in (0, 1) (got ${level}).`);
	const xs = Array.from(values)
		.filter((v) => !Number.isNaN(v))
		.sort((a, b) => a - b);
	const n = xs.length;
	const censored = xs.filter((v) => v === Infinity).length;
	if (n === 0) return { n, censored, median: NaN, lo: null, hi: null, coverage: null, level };
	const median = n % 2 ? xs[(n - 1) / 2] : (xs[n / 2 - 1] + xs[n / 2]) / 2;
	const l = medianRankLow(n, level);
	if (l === null) return { n, censored, median, lo: null, hi: null, coverage: null, level };
	return { n, censored, median, lo: xs[l - 1], hi: xs[n - l], coverage: 1 - 2 * binomialHalfCdf(n, l - 1), level };
}

/** P(Bin(n, ½) ≤ k), summed term by term; terms in log space so that 2^−n cannot underflow (any n). */
export function binomialHalfCdf(n: number, k: number): number {
	let logTerm = -n * Math.LN2;
	let sum = 0;
	for (let i = 0; i <= k; i++) {
		sum += Math.exp(logTerm);
		logTerm += Math.log((n - i) / (i + 1));
	}
	return sum;
}

/** The lower rank l of the median's order-statistic interval, or null when even [min, max] covers less than `level`. */
export function medianRankLow(n: number, level = 0.95): number | null {
	const tail = (1 - level) / 2;
	// l = the first k with P(Bin(n, ½) ≤ k) > tail, the cdf accumulated as k grows (one pass, any n).
	let l = 0;
	let cdf = 0;
	let logTerm = -n * Math.LN2;
	while (l + 1 <= n) {
		cdf += Math.exp(logTerm);
		if (cdf > tail) break;
		logTerm += Math.log((n - l) / (l + 1));
		l++;
	}
	return l >= 1 ? l : null;
}
