/**
 * The bias–variance decomposition (src/lib/labs/capacity/bias-variance.ts): bias² + variance + σ² equals the mean
 * test error on fresh noisy labels within Monte Carlo error; bias² + variance equals the mean squared distance of
 * the fits to f exactly (recomputed here from the kept curves); the classical trade-off (bias falls, variance rises
 * with p below the threshold); validation.
 */
import { describe, expect, it } from 'vitest';
import { biasVariance } from '../../src/lib/labs/capacity/bias-variance';
import { expectClose } from './helpers';

const base = { basis: 'legendre' as const, maxP: 40, n: 40, sigma: 0.3, trainingSets: 100 };

describe('bias–variance decomposition', () => {
	it('bias² + variance + σ² matches the noisy test error within 3 standard errors', () => {
		for (const p of [2, 4, 6]) {
			const r = biasVariance({ ...base, p }, 11);
			expect(Math.abs(r.expectedMse - r.testMse), `p = ${p}: ${r.expectedMse} vs ${r.testMse} ± ${r.testMseSe}`).toBeLessThan(3 * r.testMseSe);
			expect(r.testMseSe).toBeLessThan(0.2 * r.testMse);
			expect(r.noise).toBeCloseTo(0.09, 15);
		}
	});

	it('bias² + variance is exactly the mean over training sets of mean_x (ŷ − f)²', () => {
		const r = biasVariance({ ...base, p: 6, trainingSets: 30, keepCurves: 30 }, 5);
		let s = 0;
		for (const c of r.curves) for (let i = 0; i < c.length; i++) s += (c[i] - r.testF[i]) ** 2;
		expectClose(r.bias2 + r.variance, s / (30 * r.testX.length), 1e-12, 0, 'sum');
		const mean = r.curves[0].map((_, i) => r.curves.reduce((a, c) => a + c[i], 0) / 30);
		for (let i = 0; i < mean.length; i += 17) expectClose(r.meanPrediction[i], mean[i], 1e-12, 1e-14, `ȳ[${i}]`);
	});

	it('below the threshold bias² falls and variance rises with p', () => {
		const small = biasVariance({ ...base, p: 2 }, 2);
		const mid = biasVariance({ ...base, p: 6 }, 2);
		expect(mid.bias2).toBeLessThan(small.bias2);
		expect(mid.variance).toBeGreaterThan(small.variance);
	});

	it('a seed reproduces the estimate', () => {
		expect(biasVariance({ ...base, p: 5, trainingSets: 10 }, 3).bias2).toBe(biasVariance({ ...base, p: 5, trainingSets: 10 }, 3).bias2);
	});

	it('refuses bad input in words', () => {
		expect(() => biasVariance({ ...base, p: 5, trainingSets: 1 }, 1)).toThrow(/at least 2 training sets/);
		expect(() => biasVariance({ ...base, p: 2.5 }, 1)).toThrow(/whole number/);
	});
});
