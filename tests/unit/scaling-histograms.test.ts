import { describe, expect, it } from 'vitest';
import { scaledHistograms } from '../../src/lib/labs/scaling/histograms';
import { histogramCounts } from '../../src/lib/stats/histogram';

describe('histogramCounts', () => {
	it('counts equal-width bins; values outside [lo, hi] go to the end bins; the top edge is in the last bin', () => {
		expect(histogramCounts([0, 0.1, 0.5, 0.99, 1, -3, 7], 0, 1, 4)).toEqual([3, 0, 1, 3]);
		expect(histogramCounts([2, 2, 2], 2, 2, 3)).toEqual([3, 0, 0]);
	});
});

describe('scaledHistograms', () => {
	// Feature 0: 1…99 and one outlier at 10,000; feature 1: 0…99.
	const rows = Array.from({ length: 100 }, (_, i) => [i === 99 ? 10_000 : i + 1, i]);

	it('bins each scaling of the chosen feature over its own range; shares sum to 1', () => {
		const hs = scaledHistograms(rows, 0, 10);
		expect(hs.map((h) => h.kind)).toEqual(['none', 'minmax', 'standard', 'robust', 'log']);
		for (const h of hs) {
			expect(h.error).toBeNull();
			expect(h.edges).toHaveLength(11);
			expect(h.shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
			expect(h.edges[0]).toBe(h.lo);
			expect(h.edges[10]).toBeCloseTo(h.hi, 9);
		}
		const minmax = hs.find((h) => h.kind === 'minmax')!;
		expect([minmax.lo, minmax.hi]).toEqual([0, 1]);
		// One outlier squeezes every row but one into the first tenth of the range, except after log1p.
		expect(minmax.shares[0]).toBeCloseTo(0.99, 12);
		// numpy linear quantiles: q01 = 1.99, q99 = 99 + 0.01·(10,000 − 99) = 198.01, over the range 10,000 − 1.
		expect(minmax.middleShare).toBeCloseTo((198.01 - 1.99) / 9999, 12);
		expect(hs.find((h) => h.kind === 'log')!.middleShare).toBeGreaterThan(0.3);
	});

	it('says why a scaler cannot apply instead of drawing NaN', () => {
		const negative = rows.map(([a, b]) => [a, b - 2]); // values ≤ −1: log1p cannot apply
		const log = scaledHistograms(negative, 1, 10).find((h) => h.kind === 'log')!;
		expect(log.error).toMatch(/log/i);
		expect(log.shares).toEqual([]);
		expect(() => scaledHistograms([], 0)).toThrow(/No rows/);
		expect(() => scaledHistograms(rows, 0, 0)).toThrow(/bins/);
	});
});
