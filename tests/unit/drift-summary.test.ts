import { describe, expect, it } from 'vitest';
import { blockMeanInterval } from '../../src/lib/labs/drift/summary';
import { createRng } from '../../src/lib/data/rng';

describe('drift headline: the retraining gain interval (batch means)', () => {
	it('covers the true mean gain of an autocorrelated series about 95% of the time; a naive interval does not', () => {
		const rng = createRng(21);
		const runs = 1500;
		let covered = 0;
		let naiveCovered = 0;
		for (let r = 0; r < runs; r++) {
			// AR(1) gains around 0.05 (a retrained model stays better or worse for a while), 40 drifting batches.
			const xs: number[] = [];
			let e = rng.normal(0, 0.03);
			for (let t = 0; t < 40; t++) {
				e = 0.8 * e + rng.normal(0, 0.03 * Math.sqrt(1 - 0.64));
				xs.push(0.05 + e);
			}
			const ci = blockMeanInterval(xs);
			if (ci.lo <= 0.05 && 0.05 <= ci.hi) covered++;
			const m = xs.reduce((a, b) => a + b, 0) / xs.length;
			const se = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1) / xs.length);
			if (m - 1.96 * se <= 0.05 && 0.05 <= m + 1.96 * se) naiveCovered++;
		}
		expect(covered / runs).toBeGreaterThan(0.88);
		expect(naiveCovered / runs).toBeLessThan(covered / runs - 0.1);
	});
	it('is unbounded when there are too few batches to judge', () => {
		expect(blockMeanInterval([0.1, 0.2]).lo).toBe(-Infinity);
	});
});
