/**
 * The bias–variance decomposition (src/lib/labs/capacity/bias-variance.ts) at the lab's default set-up: bias² +
 * variance + σ² equals the mean test error on fresh noisy labels within Monte Carlo error, below and above the
 * threshold; bias² + variance equals the mean squared distance of the fits to f exactly (recomputed here from the
 * kept curves); the classical trade-off (bias falls, variance rises with p below the threshold); the slice view.
 */
import { describe, expect, it } from 'vitest';
import { biasVariance } from '../../src/lib/labs/capacity/bias-variance';
import { DEFAULT_CAPACITY as D } from '../../src/lib/labs/capacity/defaults';
import { expectClose } from './helpers';

const base = { ...D, trainingSets: 100 };

describe('bias–variance decomposition', () => {
	it('bias² + variance + σ² matches the noisy test error within 3 standard errors, below and past p = n', () => {
		for (const p of [5, 20, 80, 160]) {
			const r = biasVariance({ ...base, p }, 11);
			expect(Math.abs(r.expectedMse - r.testMse), `p = ${p}: ${r.expectedMse} vs ${r.testMse} ± ${r.testMseSe}`).toBeLessThan(3 * r.testMseSe);
			expect(r.testMseSe).toBeLessThan(0.2 * r.testMse);
			expect(r.noise).toBeCloseTo(0.09, 15);
		}
	});

	it('bias² + variance is exactly the mean over training sets of mean_x (ŷ − f)²', () => {
		const r = biasVariance({ ...base, p: 6, trainingSets: 30, keepCurves: 30 }, 5);
		const m = r.testF.length;
		expect(r.testX.length).toBe(m * D.dim);
		let s = 0;
		for (const c of r.curves) for (let i = 0; i < m; i++) s += (c[i] - r.testF[i]) ** 2;
		expectClose(r.bias2 + r.variance, s / (30 * m), 1e-12, 0, 'sum');
		const mean = r.curves[0].map((_, i) => r.curves.reduce((a, c) => a + c[i], 0) / 30);
		for (let i = 0; i < m; i += 17) expectClose(r.meanPrediction[i], mean[i], 1e-12, 1e-14, `ȳ[${i}]`);
	});

	it('below the threshold bias² falls and variance rises with p', () => {
		const small = biasVariance({ ...base, p: 2 }, 2);
		const mid = biasVariance({ ...base, p: 10 }, 2);
		const high = biasVariance({ ...base, p: 30 }, 2);
		expect(mid.bias2).toBeLessThan(small.bias2);
		expect(high.bias2).toBeLessThan(mid.bias2);
		expect(mid.variance).toBeGreaterThan(small.variance);
		expect(high.variance).toBeGreaterThan(mid.variance);
	});

	it('returns the fitted curves on the 1-D slice: t from −3 to 3, f there, the mean and the kept fits', () => {
		const r = biasVariance({ ...base, p: 10, trainingSets: 20, keepCurves: 3 }, 4);
		expect(r.slice.t.length).toBe(D.sliceSize);
		expect(r.slice.t[0]).toBe(-3);
		expect(r.slice.t[r.slice.t.length - 1]).toBe(3);
		expect(r.slice.curves.length).toBe(3);
		expect(r.slice.f.length).toBe(D.sliceSize);
		// At p = 10 the mean fit follows f along the slice far better than zero does.
		let err = 0;
		let ss = 0;
		for (let i = 0; i < r.slice.f.length; i++) {
			err += (r.slice.meanPrediction[i] - r.slice.f[i]) ** 2;
			ss += r.slice.f[i] ** 2;
		}
		expect(err).toBeLessThan(0.5 * ss);
	});

	it('a seed reproduces the estimate', () => {
		expect(biasVariance({ ...base, p: 5, trainingSets: 10 }, 3).bias2).toBe(biasVariance({ ...base, p: 5, trainingSets: 10 }, 3).bias2);
	});

	it('refuses bad input in words', () => {
		expect(() => biasVariance({ ...base, p: 5, trainingSets: 1 }, 1)).toThrow(/at least 2 training sets/);
		expect(() => biasVariance({ ...base, p: 2.5 }, 1)).toThrow(/whole number/);
	});
});
