/**
 * What the capacity lab's seed replicates show, as numbers the page words.
 *
 * Bands: at each x, the geometric mean of the error over seeds with its 95% t-interval, computed on log₁₀ of the
 * per-seed errors (meanInterval, the sweep machinery's statistic) and mapped back. Test errors near the threshold are
 * heavy-tailed (one seed in fifty is 25× the median), so an arithmetic mean would follow its largest seed and a
 * t-interval on it would reach below zero; on the log scale they are close to normal. Errors below FLOOR (an
 * interpolating fit's training error is 0 up to rounding) are drawn at FLOOR. Pointwise intervals, no claim scans
 * them: the one sentence about the curve is the pre-declared comparison below.
 *
 * The peak: one pre-declared comparison per curve. Centre = geometric mean of the errors at the grid's two values
 * nearest the threshold t on either side; flanks = the value nearest t/2 (log scale) and the largest value (≥ 1.5·t).
 * Per seed, is the centre above both flanks (the larger of them)? An exact two-sided sign test over seeds
 * (signTestP, scipy.stats.binomtest) decides: a peak when the centre is above in significantly more seeds, "no peak"
 * when below in significantly more, else not distinguishable with these runs. Comparing the centre with the LARGER
 * flank is conservative for claiming a peak (with no trend along x, centre > max of two has probability below ½).
 * False-claim rate on flat curves and power at the default: tests/unit/capacity-evidence.test.ts.
 */
import { meanInterval } from '../../stats/replicates';
import { signTestP } from '../../stats/paired-tests';
import type { Curve } from './curve';

export const FLOOR = 1e-4;

export interface BandPoint {
	x: number;
	/** Geometric mean over seeds and its 95% interval (null ends with one seed). */
	mean: number;
	lo: number | null;
	hi: number | null;
	seeds: number;
}

export function band(curves: Curve[], key: 'testMse' | 'trainMse', level = 0.95): BandPoint[] {
	if (curves.length === 0) return [];
	return curves[0].points.map((pt, i) => {
		const logs = curves.map((c) => Math.log10(Math.max(FLOOR, c.points[i]?.[key] ?? NaN)));
		const iv = meanInterval(logs, level);
		const back = (v: number | null) => (v === null ? null : Math.pow(10, v));
		return { x: pt.x, mean: Math.pow(10, iv.mean), lo: back(iv.lo), hi: back(iv.hi), seeds: iv.n };
	});
}

export interface PeakComparison {
	/** The threshold (n for the model-wise curve, p for the sample-wise one) and the x values compared. */
	threshold: number;
	below: number;
	above: number;
	left: number;
	right: number;
	seeds: number;
	/** Seeds where the centre is above both flanks, below the larger flank, or equal to it. */
	above_: number;
	below_: number;
	ties: number;
	/** Median over seeds of centre / larger flank. */
	medianRatio: number;
	p: number;
	verdict: 'peak' | 'no-peak' | 'not-distinguishable';
}

/** The x values of the comparison on this grid, or null when the grid cannot hold it. */
export function peakPoints(xs: number[], threshold: number): { below: number; above: number; left: number; right: number } | null {
	const below = xs.filter((x) => x < threshold).at(-1);
	const above = xs.find((x) => x > threshold);
	const right = xs.at(-1);
	if (below === undefined || above === undefined || right === undefined || right < 1.5 * threshold || right === above) return null;
	const candidates = xs.filter((x) => x < below);
	if (candidates.length === 0) return null;
	const left = candidates.reduce((best, x) => (Math.abs(Math.log(x / (threshold / 2))) < Math.abs(Math.log(best / (threshold / 2))) ? x : best));
	return { below, above, left, right };
}

/** One curve's comparison: the geometric mean of the test errors beside the threshold, and the larger flank's error. */
export function centreAndFlank(c: Curve, at: { below: number; above: number; left: number; right: number }): { centre: number; flank: number } {
	const err = (x: number) => c.points.find((q) => q.x === x)?.testMse ?? NaN;
	return { centre: Math.sqrt(err(at.below) * err(at.above)), flank: Math.max(err(at.left), err(at.right)) };
}

export function peakComparison(curves: Curve[], threshold: number, alpha = 0.05): PeakComparison | null {
	if (curves.length === 0) return null;
	const at = peakPoints(
		curves[0].points.map((q) => q.x),
		threshold
	);
	if (!at) return null;
	let up = 0;
	let down = 0;
	let ties = 0;
	const ratios: number[] = [];
	for (const c of curves) {
		const { centre, flank } = centreAndFlank(c, at);
		if (!Number.isFinite(centre) || !Number.isFinite(flank)) continue;
		ratios.push(centre / flank);
		if (centre > flank) up++;
		else if (centre < flank) down++;
		else ties++;
	}
	ratios.sort((a, b) => a - b);
	const m = ratios.length;
	const medianRatio = m === 0 ? NaN : m % 2 ? ratios[(m - 1) / 2] : (ratios[m / 2 - 1] + ratios[m / 2]) / 2;
	const p = signTestP(up, down);
	const verdict = p < alpha ? (up > down ? 'peak' : 'no-peak') : 'not-distinguishable';
	return { threshold, ...at, seeds: m, above_: up, below_: down, ties, medianRatio, p, verdict };
}

/**
 * The smallest x from which every seed's training error stays below `below` (the fits interpolate from there on), or
 * null when none does. Curves share their x values.
 */
export function interpolatesFrom(curves: Curve[], below: number): number | null {
	if (curves.length === 0) return null;
	const xs = curves[0].points.map((q) => q.x);
	const under = (i: number) => curves.every((c) => c.points[i].trainMse < below);
	const first = xs.findIndex((_, i) => xs.slice(i).every((__, j) => under(i + j)));
	return first < 0 ? null : xs[first];
}
