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
	/** The metric's range (e.g. [0, 1]): a t-interval with few seeds can reach past it, so intervals are cut to it. */
	bounds?: [number, number];
}

/**
 * `results[i]` are run i's arms' metric values (undefined while it runs). Seeds are matched across arms by replicate
 * (the same seed trains every arm).
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
	const cut = <T extends { lo: number | null; hi: number | null }>(iv: T, a: number, b: number): T => ({
		...iv,
		lo: iv.lo === null ? null : Math.max(a, iv.lo),
		hi: iv.hi === null ? null : Math.min(b, iv.hi)
	});
	return values.map((value, point) => {
		const bySeed = Array.from({ length: arms }, () => new Array<number>(seeds).fill(NaN));
		runs.forEach((r, i) => {
			const res = results[i];
			if (r.point === point && res) for (let a = 0; a < arms; a++) bySeed[a][r.replicate] = res[a];
		});
		let paired: PairedComparison | null = null;
		if (arms === 2 && metric.kind === 'mean') {
			const pd = pairedDifference(bySeed[0], bySeed[1]);
			paired = { ...pd, difference: cut(pd.difference, lo - hi, hi - lo) };
		}
		return { point, value, seeds: bySeed, arms: bySeed.map((xs) => cut(estimate(metric.kind, xs), lo, hi)), paired };
	});
}
