/** Counting values into equal-width bins: shared by the drift statistics' charts, the scaling lab and compression. */
import type { NumericArray } from './validate';

/**
 * Counts of `values` in `bins` equal-width bins over [lo, hi]; values outside fall into the first or last bin.
 * (For JS divergence of histograms and for charts.)
 */
export function histogramCounts(values: NumericArray, lo: number, hi: number, bins: number): number[] {
	const counts = new Array<number>(bins).fill(0);
	const width = (hi - lo) / bins;
	for (let i = 0; i < values.length; i++) {
		let k = width > 0 ? Math.floor((values[i] - lo) / width) : 0;
		if (k < 0) k = 0;
		if (k >= bins) k = bins - 1;
		counts[k]++;
	}
	return counts;
}
