/**
 * Two samples of categories compared by Pearson's χ² test of homogeneity (scipy.stats.chi2_contingency without
 * correction). The χ² distribution of Pearson's statistic is asymptotic: with expected counts far below 1 (a value
 * the reference has twice in 100,000 rows, seen once in a current batch of 50) one observation contributes hundreds to
 * the statistic and p-values near 0 come from chance alone; even expected counts of 5 leave the tail too light far out
 * (a Poisson cell expecting 5 that gets 20: χ²(1) gives 2e-11, the Poisson tail is 3.5e-7), and a family of many
 * batches × features tests far out.
 *
 * Rule: where every expected count is at least TRUSTED_EXPECTED, the asymptotic p-value; otherwise the p-value
 * conditional on each cell's total over both samples, by Monte Carlo (conditional-test.ts) — exact up to simulation
 * error whatever the counts, so no cell needs pooling and a change confined to rare values can still be found. With
 * `level`, up to 5/level tables (at most MAX_REPLICATES: a level below 1/MAX_REPLICATES cannot be reached there), with
 * Besag–Clifford stopping (a table far from significant stops after a few draws), seeded by the counts so the same
 * table gives the same p-value. An outside review checked its exact size over every table for 5 margins × 4 levels:
 * at or below the level in 19 of 20 (0.0113 at 0.01 in one, where one table's seeded draw fell just under), ≈ 0.8 ×
 * the level on average.
 */
import { createRng, mixSeed } from '../data/rng';
import { chiSquareTest } from './abtest';
import { conditionalChiSquareP } from './conditional-test';

/** Expected counts at or above this trust the asymptotic χ² tail. */
export const TRUSTED_EXPECTED = 100;
export const MAX_REPLICATES = 500_000;
/** Tables drawn without a level (a p-value for display only). */
const DISPLAY_REPLICATES = 2000;

export interface HomogeneityTest {
	statistic: number;
	df: number;
	pValue: number;
	/** Cells tested (those with a count in either sample). */
	cells: number;
	/** How the p-value was found: the asymptotic χ² distribution, or conditionally by Monte Carlo (with its tables). */
	method: 'asymptotic' | 'conditional';
	replicates: number;
}

/** Pearson's χ² over the cells either sample uses, with the p-value above; null when fewer than two cells are used. */
export function homogeneityTest(ref: ArrayLike<number>, cur: ArrayLike<number>, level?: number): HomogeneityTest | null {
	if (ref.length !== cur.length) throw new RangeError(`The two samples have ${ref.length} and ${cur.length} cells; they need the same.`);
	const a: number[] = [];
	const b: number[] = [];
	for (let j = 0; j < ref.length; j++) {
		if (!(ref[j] >= 0 && cur[j] >= 0)) throw new RangeError(`Cell ${j} has a negative or missing count.`);
		if (ref[j] + cur[j] > 0) {
			a.push(ref[j]);
			b.push(cur[j]);
		}
	}
	const cells = a.length;
	const na = a.reduce((x, y) => x + y, 0);
	const nb = b.reduce((x, y) => x + y, 0);
	if (cells < 2 || !na || !nb) return null;
	const t = chiSquareTest([a, b]);
	const out: HomogeneityTest = { statistic: t.statistic, df: t.df, pValue: t.pValue, cells, method: 'asymptotic', replicates: 0 };
	const smallest = (Math.min(na, nb) * Math.min(...a.map((x, j) => x + b[j]))) / (na + nb);
	if (smallest >= TRUSTED_EXPECTED) return out;
	const seed = [...a, ...b].reduce((h, c) => mixSeed(h, c), cells);
	const R = level === undefined ? DISPLAY_REPLICATES : Math.min(MAX_REPLICATES, Math.max(DISPLAY_REPLICATES, Math.ceil(5 / level)));
	const c = conditionalChiSquareP(a, b, createRng(seed), R);
	return { ...out, pValue: c.pValue, method: 'conditional', replicates: c.replicates };
}
