import { describe, expect, it } from 'vitest';
import {
	chiSquareTest,
	msprtLikelihoodRatio,
	probabilityVariantBeats,
	sampleSizePerArm,
	twoProportionZTest,
	welchTTest,
	type Alternative
} from '../../src/lib/stats/abtest';
import { expectClose, loadFixtures } from './helpers';

const fx = loadFixtures().abtest;

describe('twoProportionZTest vs scipy', () => {
	it('matches every case (alternatives, zero rates, large and tiny samples)', () => {
		for (const c of fx.ztest) {
			const r = twoProportionZTest(c.control, c.variant, { alpha: c.alpha, alternative: c.alternative as Alternative });
			const e = c.expected;
			const label = `${JSON.stringify(c.control)} ${JSON.stringify(c.variant)} ${c.alternative} α=${c.alpha}`;
			expectClose(r.rateControl, e.rateControl, 1e-12, 0, label);
			expectClose(r.diff, e.diff, 1e-9, 1e-15, label);
			if (e.relativeLift === null) expect(r.relativeLift).toBeNull();
			else expectClose(r.relativeLift!, e.relativeLift, 1e-9, 1e-15, label);
			expectClose(r.z, e.z, 1e-9, 1e-14, `${label} z`);
			expectClose(r.pValue, e.pValue, 1e-9, 1e-300, `${label} p`);
			expectClose(r.ci[0], e.ci[0], 1e-9, 1e-14, `${label} ci lo`);
			expectClose(r.ci[1], e.ci[1], 1e-9, 1e-14, `${label} ci hi`);
			expect(r.significant, label).toBe(e.significant);
		}
	});
	it('rejects impossible counts in plain words', () => {
		expect(() => twoProportionZTest({ conversions: 11, visitors: 10 }, { conversions: 1, visitors: 10 })).toThrow(/more conversions/);
		expect(() => twoProportionZTest({ conversions: -1, visitors: 10 }, { conversions: 1, visitors: 10 })).toThrow(/negative/);
		expect(() => twoProportionZTest({ conversions: 0, visitors: 0 }, { conversions: 1, visitors: 10 })).toThrow(/no visitors/);
		expect(() => twoProportionZTest({ conversions: NaN, visitors: 10 }, { conversions: 1, visitors: 10 })).toThrow(RangeError);
		expect(() => twoProportionZTest({ conversions: 1.5, visitors: 10 }, { conversions: 1, visitors: 10 })).toThrow(/whole number/);
		expect(() => twoProportionZTest({ conversions: 1, visitors: 10 }, { conversions: 1, visitors: 10 }, { alpha: 2 })).toThrow(/alpha/);
	});
});

describe('chiSquareTest vs scipy chi2_contingency(correction=False)', () => {
	it('matches 2×2 to 3×4 tables', () => {
		for (const c of fx.chi2) {
			const r = chiSquareTest(c.table);
			expectClose(r.statistic, c.statistic, 1e-9, 1e-12);
			expect(r.df).toBe(c.df);
			expectClose(r.pValue, c.pValue, 1e-9, 1e-300);
		}
	});
	it('throws on a zero row, negative counts and ragged tables', () => {
		expect(() => chiSquareTest([[0, 0], [1, 2]])).toThrow(/all zeros/);
		expect(() => chiSquareTest([[1, -2], [1, 2]])).toThrow(/negative/);
		expect(() => chiSquareTest([[1, 2], [1]])).toThrow(/cells/);
	});
});

describe('welchTTest vs scipy ttest_ind_from_stats(equal_var=False)', () => {
	it('matches t, df, p and the interval', () => {
		for (const c of fx.welch) {
			const r = welchTTest(c.control, c.variant, { alpha: c.alpha });
			expectClose(r.t, c.t, 1e-9, 1e-12, 't');
			expectClose(r.df, c.df, 1e-9, 0, 'df');
			expectClose(r.pValue, c.pValue, 1e-9, 1e-300, 'p');
			expectClose(r.ci[0], c.ci[0], 1e-9, 1e-12, 'ci lo');
			expectClose(r.ci[1], c.ci[1], 1e-9, 1e-12, 'ci hi');
		}
	});
	it('throws when the variance is zero or n < 2', () => {
		expect(() => welchTTest({ mean: 1, sd: 0, n: 5 }, { mean: 2, sd: 0, n: 5 })).toThrow(/zero variance/);
		expect(() => welchTTest({ mean: 1, sd: 1, n: 1 }, { mean: 2, sd: 1, n: 5 })).toThrow(/at least 2/);
	});
});

describe('sampleSizePerArm', () => {
	it('matches the closed form computed with scipy', () => {
		for (const c of fx.sampleSize) expect(sampleSizePerArm(c.input)).toBe(c.n);
	});
	it('refuses effects that leave (0, 1) or are zero', () => {
		expect(() => sampleSizePerArm({ baselineRate: 0.95, minDetectableEffect: 0.1 })).toThrow(/outside/);
		expect(() => sampleSizePerArm({ baselineRate: 0.1, minDetectableEffect: 0 })).toThrow(/cannot be 0/);
		expect(() => sampleSizePerArm({ baselineRate: 0, minDetectableEffect: 0.1 })).toThrow(/baselineRate/);
	});
});

describe('probabilityVariantBeats', () => {
	it('agrees with numerical integration in scipy to 1e-6 (integer and fractional priors)', () => {
		for (const c of fx.beats) {
			expectClose(probabilityVariantBeats(c.control, c.variant, c.prior), c.p, 0, 1e-6, JSON.stringify(c));
		}
	});
	it('is symmetric: P(B > A) + P(A > B) = 1', () => {
		const a = { conversions: 37, visitors: 410 };
		const b = { conversions: 45, visitors: 397 };
		expectClose(probabilityVariantBeats(a, b) + probabilityVariantBeats(b, a), 1, 0, 1e-9);
		const prior = { alpha: 0.7, beta: 1.3 };
		expectClose(probabilityVariantBeats(a, b, prior) + probabilityVariantBeats(b, a, prior), 1, 0, 1e-7);
	});
});

describe('mSPRT likelihood ratio', () => {
	it('matches the closed form', () => {
		for (const c of fx.msprt) expectClose(msprtLikelihoodRatio(c.estimate, c.variance, c.tau), c.lr, 1e-12, 0);
	});
});

describe('powerTwoProportions', () => {
	it('inverts sampleSizePerArm: the computed n reaches the target power, n − 1 does not', async () => {
		const { powerTwoProportions } = await import('../../src/lib/stats/abtest');
		for (const c of fx.sampleSize) {
			const { baselineRate: p1, minDetectableEffect: mde, relative, alpha, power } = c.input;
			const p2 = relative ? p1 * (1 + mde) : p1 + mde;
			expect(powerTwoProportions({ rateControl: p1, rateVariant: p2, n: c.n, alpha })).toBeGreaterThanOrEqual(power - 1e-9);
			expect(powerTwoProportions({ rateControl: p1, rateVariant: p2, n: c.n - 1, alpha })).toBeLessThan(power);
		}
	});
});

describe('wilsonInterval', () => {
	it('matches the Wilson score interval, including 0/n and n/n', async () => {
		const { wilsonInterval } = await import('../../src/lib/stats/abtest');
		for (const c of fx.wilson) {
			const [lo, hi] = wilsonInterval(c.arm, c.alpha);
			expectClose(lo, c.ci[0], 1e-9, 1e-15);
			expectClose(hi, c.ci[1], 1e-9, 1e-15);
		}
	});
});
