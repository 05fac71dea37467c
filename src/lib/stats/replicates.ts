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
