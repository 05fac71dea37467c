/**
 * Two sets of runs paired by seed (replicate r trains with the same seed at every swept value and for every arm), each
 * compared on its per-seed differences, by what the metric is:
 * - mean (a score): the paired t-test on the differences a_r − b_r (scipy.stats.ttest_rel);
 * - proportion (yes/no per run): the exact McNemar test, a sign test on the discordant pairs (yes/no against no/yes);
 * - time (steps until something happens, Infinity when a run never got there within the common budget): a sign test on
 *   which run of a seed got there first. A censored run is later than any run that got there; two censored runs of a
 *   seed, or two equal times, are ties and are dropped (they say nothing about which is sooner).
 * The sign tests are exact: two-sided p = min(1, 2·P(Bin(w + l, ½) ≤ min(w, l))) (scipy.stats.binomtest). Reference
 * values: tests/fixtures/generate.py; false-claim rates under the null by simulation in tests/unit/sweep-claims.test.ts.
 */
import { studentTPpf, studentTSf } from './distributions';
import type { MetricKind } from '$lib/sweep/estimate';
import { binomialHalfCdf } from './replicates';

export interface PairedTest {
	kind: MetricKind;
	/** The test used, as the page names it. */
	test: 'paired t' | 'exact McNemar' | 'sign test';
	/** Seeds with a value on both sides. */
	n: number;
	/** Seeds where a is larger (a yes against a no; for times: a got there later), where b is, and ties. */
	wins: number;
	losses: number;
	ties: number;
	/** Mean of a − b over the seeds (means only; NaN otherwise). */
	mean: number;
	/** Two-sided p-value; NaN when there is nothing to test (a t-test with fewer than two seeds). */
	p: number;
	/** Which side has the larger values ('a' or 'b'; null when neither): the sign of the mean difference, or of wins − losses. */
	larger: 'a' | 'b' | null;
}

/** Exact two-sided sign test of w against l (ties already dropped): min(1, 2·P(Bin(w + l, ½) ≤ min(w, l))). */
export function signTestP(w: number, l: number): number {
	const n = w + l;
	if (n === 0) return 1;
	return Math.min(1, 2 * binomialHalfCdf(n, Math.min(w, l)));
}

/** Two-sided p of the one-sample t-test of mean 0 on the differences; with no spread, 0 for a non-zero mean and 1 for 0. */
export function tTestP(mean: number, sd: number, n: number): number {
	if (n < 2) return NaN;
	if (!(sd > 0)) return mean === 0 ? 1 : 0;
	return Math.min(1, 2 * studentTSf(Math.abs(mean) / (sd / Math.sqrt(n)), n - 1));
}

/** The t-interval of the mean difference at `level` (null with fewer than two seeds). */
export function tInterval(mean: number, sd: number, n: number, level: number): [number, number] | null {
	if (n < 2) return null;
	const half = sd > 0 ? studentTPpf(1 - (1 - level) / 2, n - 1) * (sd / Math.sqrt(n)) : 0;
	return [mean - half, mean + half];
}

/** Compare a with b seed by seed (`a[r]` and `b[r]` ran with the same seed; NaN where a run gave no value). */
export function pairedTest(kind: MetricKind, a: ArrayLike<number>, b: ArrayLike<number>): PairedTest {
	let n = 0;
	let wins = 0;
	let losses = 0;
	let sum = 0;
	let sum2 = 0;
	const d: number[] = [];
	for (let r = 0; r < Math.min(a.length, b.length); r++) {
		let x = a[r];
		let y = b[r];
		if (kind === 'time' ? Number.isNaN(x) || Number.isNaN(y) : !Number.isFinite(x) || !Number.isFinite(y)) continue;
		if (kind === 'proportion') {
			x = x > 0 ? 1 : 0;
			y = y > 0 ? 1 : 0;
		}
		n++;
		if (x > y) wins++;
		else if (x < y) losses++;
		if (kind === 'mean') {
			d.push(x - y);
			sum += x - y;
		}
	}
	const ties = n - wins - losses;
	if (kind !== 'mean') {
		const larger = wins > losses ? 'a' : losses > wins ? 'b' : null;
		return { kind, test: kind === 'proportion' ? 'exact McNemar' : 'sign test', n, wins, losses, ties, mean: NaN, p: signTestP(wins, losses), larger };
	}
	const mean = n ? sum / n : NaN;
	for (const v of d) sum2 += (v - mean) ** 2;
	const sd = n > 1 ? Math.sqrt(sum2 / (n - 1)) : NaN;
	const p = tTestP(mean, sd, n);
	const larger = n && mean > 0 ? 'a' : n && mean < 0 ? 'b' : null;
	return { kind, test: 'paired t', n, wins, losses, ties, mean, p, larger };
}

/**
 * Holm's step-down adjustment of p-values over a family of `family` comparisons (at least `ps.length`: comparisons
 * planned but not yet possible count too). Adjusted p_(i) = max over j ≤ i of min(1, (family − j + 1)·p_(j)), p sorted
 * ascending; a claim is made where the adjusted p ≤ α, which keeps the chance of any false claim in the family ≤ α.
 * NaN (nothing to test) counts as 1.
 */
export function holm(ps: number[], family = ps.length): number[] {
	const m = Math.max(family, ps.length);
	const order = ps.map((p, i) => ({ p: Number.isNaN(p) ? 1 : p, i })).sort((x, y) => x.p - y.p);
	const out = new Array<number>(ps.length);
	let running = 0;
	order.forEach(({ p, i }, j) => {
		running = Math.max(running, Math.min(1, (m - j) * p));
		out[i] = running;
	});
	return out;
}
