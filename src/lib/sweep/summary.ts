/**
 * A finished (or streaming) sweep summarised for charts, tables and sentences: per value and arm, the mean of a
 * metric over seeds with its 95% t-interval, and the paired difference A − B.
 */
import { meanInterval, pairedDifference, type Interval, type PairedComparison } from '$lib/stats/replicates';
import type { SweepRun } from './plan';

export interface PointSummary {
	point: number;
	value: number | string;
	/** Per arm: every seed's value (NaN where the run gave none, e.g. precision with no positive prediction). */
	seeds: number[][];
	arms: Interval[];
	paired: PairedComparison;
}

/**
 * `results[i]` are run i's arms' metric values (undefined while it runs). Seeds are matched across arms by
 * replicate (the same seed trains both arms). With `bounds` (a metric's range, e.g. [0, 1]) the intervals are cut
 * to it, and the difference's to ±(hi − lo): with few seeds a t-interval can reach past values the metric can take.
 */
export function summarise(
	values: Array<number | string>,
	runs: SweepRun[],
	results: Array<number[] | undefined>,
	arms: number,
	seeds: number,
	bounds?: [number, number]
): PointSummary[] {
	const cut = (iv: Interval, lo: number, hi: number): Interval => ({
		...iv,
		lo: iv.lo === null ? null : Math.max(lo, iv.lo),
		hi: iv.hi === null ? null : Math.min(hi, iv.hi)
	});
	return values.map((value, point) => {
		const bySeed = Array.from({ length: arms }, () => new Array<number>(seeds).fill(NaN));
		runs.forEach((r, i) => {
			const res = results[i];
			if (r.point === point && res) for (let a = 0; a < arms; a++) bySeed[a][r.replicate] = res[a];
		});
		const paired = pairedDifference(bySeed[0], bySeed[arms > 1 ? 1 : 0]);
		if (!bounds) return { point, value, seeds: bySeed, arms: bySeed.map((xs) => meanInterval(xs)), paired };
		const [lo, hi] = bounds;
		return {
			point,
			value,
			seeds: bySeed,
			arms: bySeed.map((xs) => cut(meanInterval(xs), lo, hi)),
			paired: { ...paired, difference: cut(paired.difference, lo - hi, hi - lo) }
		};
	});
}
