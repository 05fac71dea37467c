/**
 * What each scaler does to one feature: the feature after each scaler (fitted on the given training rows) as a
 * histogram of shares on equal-width bins over its own range, and how much of that range the middle 98% of the
 * rows use (outliers squeeze it). A scaler that cannot apply (log of values ≤ −1) gives its message instead.
 */
import { fitScaler, SCALER_KINDS, type ScalerKind } from '$lib/features/scaling';
import { histogramCounts } from '$lib/stats/histogram';
import { quantileSorted, sortedCopy } from '$lib/stats/quantile';

export interface ScaledHistogram {
	kind: ScalerKind;
	/** Why this scaler cannot transform the feature, or null. */
	error: string | null;
	edges: number[];
	shares: number[];
	lo: number;
	hi: number;
	/** Share of [lo, hi] spanned by the 1st to 99th percentile. */
	middleShare: number;
}

export function scaledHistograms(sample: number[][], feature: number, bins = 40): ScaledHistogram[] {
	if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`The number of bins must be a whole number ≥ 1 (got ${bins}).`);
	if (sample.length === 0) throw new RangeError('No rows to draw.');
	return SCALER_KINDS.map((kind) => {
		let values: number[];
		try {
			values = fitScaler(kind, sample)
				.transform(sample)
				.map((r) => r[feature]);
		} catch (e) {
			return { kind, error: e instanceof Error ? e.message : String(e), edges: [], shares: [], lo: NaN, hi: NaN, middleShare: NaN };
		}
		const s = sortedCopy(values);
		const lo = s[0];
		const hi = s[s.length - 1];
		const edges = Array.from({ length: bins + 1 }, (_, i) => lo + ((hi - lo) * i) / bins);
		const shares = histogramCounts(values, lo, hi, bins).map((c) => c / values.length);
		const middleShare = hi > lo ? (quantileSorted(s, 0.99) - quantileSorted(s, 0.01)) / (hi - lo) : 1;
		return { kind, error: null, edges, shares, lo, hi, middleShare };
	});
}
