/**
 * A finished (or streaming) sweep summarised for charts, tables and sentences: per value and arm, a metric's
 * estimate over seeds (sweep/estimate.ts), and for labs that compare two arms on a mean metric the paired
 * difference A − B.
 */
import { pairedDifference, type PairedComparison } from '$lib/stats/replicates';
import { estimate, type Estimate, type MetricKind } from './estimate';
import type { SweepRun } from './plan';

export interface PointSummary {
	point: number;
	value: number | string;
	/** Per arm: every seed's value (NaN where the run gave none, e.g. precision with no positive prediction). */
	seeds: number[][];
	arms: Estimate[];
	/** A − B paired by seed: two arms and a mean metric only. */
	paired: PairedComparison | null;
}

export interface SummaryMetric {
	kind: MetricKind;
	/**
	 * The metric's range (e.g. [0, 1]): a t-interval with few seeds can reach past it, so an estimate's interval is cut
	 * to it, and marked (`cut`) so that the page says so. The paired difference A − B is never cut.
	 */
	bounds?: [number, number];
}

/** An estimate's interval cut to [a, b], marked when an end moved. */
function cut(e: Estimate, a: number, b: number): Estimate {
	const lo = e.lo === null ? null : Math.max(a, e.lo);
	const hi = e.hi === null ? null : Math.min(b, e.hi);
	return lo === e.lo && hi === e.hi ? e : { ...e, lo, hi, cut: true };
}

/**
 * `results[i]` are run i's arms' metric values (undefined while it runs). Seeds are matched across arms by replicate
 * (the same seed trains every arm). With two arms and a mean metric, A − B's interval at each value is simultaneous
 * over the values (Bonferroni: each at 1 − 0.05 / values), so "excludes 0 somewhere" keeps its 5% error rate when A
 * and B do not differ anywhere.
 */
export function summarise(
	values: Array<number | string>,
	runs: SweepRun[],
	results: Array<number[] | undefined>,
	arms: number,
	seeds: number,
	metric: SummaryMetric
): PointSummary[] {
	const [lo, hi] = metric.bounds ?? [-Infinity, Infinity];
	const level = simultaneousLevel(values.length);
	return values.map((value, point) => {
		const bySeed = Array.from({ length: arms }, () => new Array<number>(seeds).fill(NaN));
		runs.forEach((r, i) => {
			const res = results[i];
			if (r.point === point && res) for (let a = 0; a < arms; a++) bySeed[a][r.replicate] = res[a];
		});
		const paired = arms === 2 && metric.kind === 'mean' ? pairedDifference(bySeed[0], bySeed[1], level) : null;
		return { point, value, seeds: bySeed, arms: bySeed.map((xs) => cut(estimate(metric.kind, xs), lo, hi)), paired };
	});
}

/** Each of `family` intervals at 1 − α/family, so that all hold together with probability ≥ 1 − α (Bonferroni). */
export function simultaneousLevel(family: number, alpha = 0.05): number {
	return 1 - alpha / Math.max(1, family);
}
