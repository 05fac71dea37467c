import { describe, expect, it } from 'vitest';
import { betaCdf, chiSquareSf, kolmogorovSf, normalCdf, normalPpf, normalSf, studentTPpf, studentTSf } from '../../src/lib/stats/distributions';
import { lgamma } from '../../src/lib/stats/special';
import { expectClose, loadFixtures } from './helpers';

const fx = loadFixtures().distributions;

describe('distributions vs scipy.stats', () => {
	it('standard normal cdf and survival keep relative precision in both tails', () => {
		for (const c of fx.normal) {
			expectClose(normalCdf(c.x), c.cdf, 1e-9, 1e-300, `cdf(${c.x})`);
			expectClose(normalSf(c.x), c.sf, 1e-9, 1e-300, `sf(${c.x})`);
		}
	});
	it('normal quantile', () => {
		for (const c of fx.normalPpf) expectClose(normalPpf(c.p), c.x, 1e-9, 1e-14, `ppf(${c.p})`);
		expect(normalPpf(0)).toBe(-Infinity);
		expect(() => normalPpf(1.5)).toThrow(RangeError);
	});
	it("Student's t survival and quantile", () => {
		for (const c of fx.t) expectClose(studentTSf(c.t, c.df), c.sf, 1e-9, 1e-300, `t.sf(${c.t}, ${c.df})`);
		for (const c of fx.tPpf) expectClose(studentTPpf(c.p, c.df), c.x, 1e-9, 1e-12, `t.ppf(${c.p}, ${c.df})`);
	});
	it('chi-square survival', () => {
		for (const c of fx.chi2) expectClose(chiSquareSf(c.x, c.df), c.sf, 1e-9, 1e-300, `chi2.sf(${c.x}, ${c.df})`);
	});
	it('Kolmogorov limiting distribution', () => {
		for (const c of fx.kolmogorov) expectClose(kolmogorovSf(c.x), c.sf, 1e-9, 1e-15, `kstwobign.sf(${c.x})`);
	});
	it('beta cdf and lgamma', () => {
		for (const c of fx.betaCdf) expectClose(betaCdf(c.x, c.a, c.b), c.cdf, 1e-9, 1e-300, `beta.cdf(${c.x}, ${c.a}, ${c.b})`);
		for (const c of fx.lgamma) expectClose(lgamma(c.x), c.y, 1e-12, 1e-14, `lgamma(${c.x})`);
	});
});
