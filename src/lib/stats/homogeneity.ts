/**
 * Two samples of categories compared by Pearson's χ² test of homogeneity (scipy.stats.chi2_contingency without
 * correction), after pooling sparse cells. The χ² distribution of Pearson's statistic is asymptotic: with expected
 * counts far below 1 (a value the reference has twice in 100,000 rows, seen once in a current batch of 50) one
 * observation contributes hundreds to the statistic and p-values near 0 come from chance alone.
 *
 * Rule (Cochran 1954, "no expected count below 5"): cells whose expected count in the smaller sample is below
 * MIN_EXPECTED are pooled into one cell, smallest first, and the smallest remaining cells join the pool until the pool
 * reaches MIN_EXPECTED too. The pooling uses only the two samples' total per cell (the margins the test conditions
 * on), never which sample the counts came from, so it does not bias the test. With fewer than two cells left there is
 * nothing to test (a sample too small to tell these categories apart). What it costs: a change confined to rare values
 * is seen only through the pooled cell.
 *
 * Expected counts of 5 still leave the χ² tail too light far out (a Poisson cell expecting 5 that gets 20: χ²(1) gives
 * 2e-11, the Poisson tail is 3.5e-7), and a family of many batches × features tests far out. So where a test at
 * `level` would reject and some pooled expected count is below TRUSTED_EXPECTED, the p-value is the conditional one
 * by Monte Carlo (conditional-test.ts), with up to 5/level tables (at most MAX_REPLICATES, so levels below
 * 1/MAX_REPLICATES cannot be reached there), seeded by the counts so the same table gives the same p-value.
 */
import { createRng, mixSeed } from '../data/rng';
import { chiSquareTest } from './abtest';
import { conditionalChiSquareP } from './conditional-test';

export const MIN_EXPECTED = 5;
/** Pooled expected counts at or above this trust the asymptotic χ² tail. */
export const TRUSTED_EXPECTED = 100;
export const MAX_REPLICATES = 500_000;

export interface HomogeneityTest {
	statistic: number;
	df: number;
	pValue: number;
	/** Cells tested (after pooling) and how many of the original cells were pooled into one. */
	cells: number;
	pooled: number;
	/** How the p-value was found: the asymptotic χ² distribution, or conditionally by Monte Carlo (with its tables). */
	method: 'asymptotic' | 'conditional';
	replicates: number;
}

/**
 * Cells of a 2 × k table after pooling sparse ones: `groups[j]` is the cell original cell j goes to. Cells with no
 * count in either sample are dropped (group −1).
 */
export function poolSparseCells(
	ref: ArrayLike<number>,
	cur: ArrayLike<number>,
	minExpected = MIN_EXPECTED
): { groups: Int32Array; cells: number; pooled: number } {
	if (ref.length !== cur.length) throw new RangeError(`The two samples have ${ref.length} and ${cur.length} cells; they need the same.`);
	let n = 0;
	let m = 0;
	for (let j = 0; j < ref.length; j++) {
		if (!(ref[j] >= 0 && cur[j] >= 0)) throw new RangeError(`Cell ${j} has a negative or missing count.`);
		n += ref[j];
		m += cur[j];
	}
	const groups = new Int32Array(ref.length).fill(-1);
	const used = Array.from({ length: ref.length }, (_, j) => j).filter((j) => ref[j] + cur[j] > 0);
	if (!n || !m) return { groups, cells: 0, pooled: 0 };
	const scale = Math.min(n, m) / (n + m);
	const expected = (total: number) => total * scale;
	// Smallest totals first; ties by index so the pooling is the same whatever the order of the cells.
	const order = used.sort((a, b) => ref[a] + cur[a] - (ref[b] + cur[b]) || a - b);
	let pool = 0;
	let poolTotal = 0;
	while (pool < order.length) {
		const j = order[pool];
		const t = ref[j] + cur[j];
		if (expected(t) >= minExpected && (pool === 0 || expected(poolTotal) >= minExpected)) break;
		poolTotal += t;
		pool++;
	}
	// A pool of one cell is that cell itself.
	const pooled = pool >= 2 ? pool : 0;
	let cells = 0;
	if (pool >= 1) {
		for (let i = 0; i < pool; i++) groups[order[i]] = 0;
		cells = 1;
	}
	for (let i = pool; i < order.length; i++) groups[order[i]] = cells++;
	return { groups, cells, pooled };
}

/**
 * Pearson's χ² on the pooled cells; null when fewer than two cells are left. With `level`, a rejection on small
 * expected counts is checked by the conditional p-value (the returned p-value is then that one).
 */
export function homogeneityTest(ref: ArrayLike<number>, cur: ArrayLike<number>, level?: number, minExpected = MIN_EXPECTED): HomogeneityTest | null {
	const { groups, cells, pooled } = poolSparseCells(ref, cur, minExpected);
	if (cells < 2) return null;
	const a = new Array<number>(cells).fill(0);
	const b = new Array<number>(cells).fill(0);
	for (let j = 0; j < groups.length; j++) {
		if (groups[j] < 0) continue;
		a[groups[j]] += ref[j];
		b[groups[j]] += cur[j];
	}
	const t = chiSquareTest([a, b]);
	const out: HomogeneityTest = { statistic: t.statistic, df: t.df, pValue: t.pValue, cells, pooled, method: 'asymptotic', replicates: 0 };
	if (level === undefined || !(t.pValue < level)) return out;
	const na = a.reduce((x, y) => x + y, 0);
	const nb = b.reduce((x, y) => x + y, 0);
	const smallest = (Math.min(na, nb) * Math.min(...a.map((x, j) => x + b[j]))) / (na + nb);
	if (smallest >= TRUSTED_EXPECTED) return out;
	const seed = [...a, ...b].reduce((h, c) => mixSeed(h, c), cells);
	const c = conditionalChiSquareP(a, b, createRng(seed), Math.min(MAX_REPLICATES, Math.ceil(5 / level)));
	return { ...out, pValue: c.pValue, method: 'conditional', replicates: c.replicates };
}
