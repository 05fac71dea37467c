/** Sorting and quantile helpers shared by the core (numpy's default 'linear' quantile method). */
import type { NumericArray } from './validate';

export function sortedCopy(a: NumericArray): Float64Array {
	const s = Float64Array.from(a);
	s.sort();
	return s;
}

/** Linear-interpolation quantile of already sorted data (numpy.quantile, method='linear'). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
	const n = sorted.length;
	if (n === 0) throw new RangeError('Cannot take a quantile of an empty array.');
	const pos = (n - 1) * q;
	const lo = Math.floor(pos);
	const hi = Math.min(lo + 1, n - 1);
	const frac = pos - lo;
	return frac === 0 ? sorted[lo] : sorted[lo] + (sorted[hi] - sorted[lo]) * frac;
}

/** Number of elements of sorted data that are ≤ x (numpy.searchsorted(side='right')). */
export function countAtMost(sorted: ArrayLike<number>, x: number): number {
	let lo = 0;
	let hi = sorted.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (sorted[mid] <= x) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

export function mean(a: NumericArray): number {
	let s = 0;
	for (let i = 0; i < a.length; i++) s += a[i];
	return s / a.length;
}
