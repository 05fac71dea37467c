import { describe, expect, it } from 'vitest';
import { createAbtestApi } from '../../src/lib/labs/abtest/worker/api';
import { simulateExperiment } from '../../src/lib/labs/abtest/worker/experiment';
import { emptyTally, peekingChunk, summarize } from '../../src/lib/labs/abtest/worker/peeking';
import { mixSeed } from '../../src/lib/data/rng';
import { sampleSizePerArm } from '../../src/lib/stats/abtest';
import type { ExperimentConfig, PeekingConfig } from '../../src/lib/labs/abtest/types';

const exp: ExperimentConfig = {
	mode: 'conversion',
	baselineRate: 0.1,
	lift: 0.1,
	dailyTraffic: 2000,
	split: 0.5,
	days: 28,
	alpha: 0.05,
	seed: 1,
	orderValue: 50,
	orderSd: 40,
	tau: 0.01,
	plannedControl: 15000,
	plannedVariant: 15000,
	bayesThreshold: 0.95
};

describe('single experiment simulator', () => {
	it('is reproducible and accumulates the traffic day by day', () => {
		const a = simulateExperiment(exp);
		expect(simulateExperiment(exp)).toEqual(a);
		expect(simulateExperiment({ ...exp, seed: 2 })).not.toEqual(a);
		expect(a.days).toHaveLength(28);
		const last = a.days[27];
		const total = last.control.n + last.variant.n;
		// Poisson(2000) per day over 28 days: within 5 standard deviations of 56,000.
		expect(Math.abs(total - 56000)).toBeLessThan(5 * Math.sqrt(56000));
		for (let d = 1; d < 28; d++) expect(a.days[d].control.n).toBeGreaterThanOrEqual(a.days[d - 1].control.n);
		expect(a.trueDiff).toBeCloseTo(0.01, 12);
		// The mSPRT p-value never increases.
		for (let d = 1; d < 28; d++) expect(a.days[d].seqPValue).toBeLessThanOrEqual(a.days[d - 1].seqPValue);
	});

	it('decisions: peeking stops at the first p < α; fixed horizon decides once, on the planned day', () => {
		const r = simulateExperiment(exp);
		const first = r.days.findIndex((d) => d.pValue < exp.alpha);
		r.days.forEach((d, i) => {
			if (first < 0) expect(d.decisions.naive).toBe(i === 27 ? 'not significant' : 'continue');
			else expect(d.decisions.naive).toBe(i < first ? 'continue' : i === first ? 'significant' : 'stopped');
		});
		const plan = r.planDay - 1;
		r.days.forEach((d, i) =>
			expect(d.decisions.fixed).toBe(i < plan ? 'wait' : i === plan ? (d.pValue < 0.05 ? 'significant' : 'not significant') : 'stopped')
		);
		// 15,000 per arm at ~1,000 per arm per day: the plan is reached around day 15.
		expect(r.planDay).toBeGreaterThan(12);
		expect(r.planDay).toBeLessThan(18);
		expect(r.planReached).toBe(true);
	});

	it('revenue mode uses Welch on revenue per visitor and stays finite', () => {
		const r = simulateExperiment({ ...exp, mode: 'revenue', tau: 0.5 });
		for (const d of r.days) {
			expect(Number.isFinite(d.pValue)).toBe(true);
			expect(Number.isFinite(d.diff)).toBe(true);
			expect(d.pBeat).toBeGreaterThanOrEqual(0);
			expect(d.pBeat).toBeLessThanOrEqual(1);
		}
		// Revenue per visitor ≈ rate × mean order value.
		expect(r.days[27].control.mean).toBeGreaterThan(3.5);
		expect(r.days[27].control.mean).toBeLessThan(6.5);
		expect(r.trueDiff).toBeCloseTo(0.5, 9);
	});

	it('explains impossible settings', () => {
		expect(() => simulateExperiment({ ...exp, baselineRate: 0.95, lift: 0.1 })).toThrow(/outside \(0, 1\)/);
		expect(() => simulateExperiment({ ...exp, split: 1 })).toThrow(/split/);
		expect(() => simulateExperiment({ ...exp, days: 0 })).toThrow(/duration/);
	});
});

const peek: PeekingConfig = {
	experiments: 3000,
	days: 20,
	dailyTraffic: 800,
	split: 0.5,
	baselineRate: 0.1,
	alpha: 0.05,
	tau: 0.02,
	bayesThreshold: 0.95,
	seed: 5
};

describe('A/A peeking simulation', () => {
	const t = emptyTally(peek.days);
	peekingChunk(peek, 0, peek.experiments, t);
	const r = summarize(t, 1);

	it('naive peeking inflates false positives; the fixed horizon is at α; the mSPRT stays ≤ α', () => {
		const se = Math.sqrt((0.05 * 0.95) / peek.experiments);
		expect(r.rates.naive).toBeGreaterThan(0.15);
		expect(Math.abs(r.rates.fixed - 0.05)).toBeLessThan(3 * se);
		expect(r.rates.sequential).toBeLessThanOrEqual(0.05);
		expect(r.rates.bayes).toBeGreaterThan(0.1); // a 95% posterior threshold, checked daily, is peeking too
		for (let d = 1; d < peek.days; d++) expect(r.byDay.naive[d]).toBeGreaterThanOrEqual(r.byDay.naive[d - 1]);
	});

	it('final-day p-values are uniform under the null; the minimum over peeks is not', () => {
		const n = peek.experiments;
		const expected = n / 20;
		const chi2 = r.pFinal.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
		expect(chi2).toBeLessThan(43.8); // chi-square(19) 0.999 quantile
		expect(r.pMin[0]).toBeGreaterThan(3 * r.pFinal[0]);
	});

	it('one look vs peeking: at 1 − α/2 the Bayesian rule has the z-test single-look rate; peeking inflates both', () => {
		const c = { ...peek, bayesThreshold: 0.975 };
		const t2 = emptyTally(c.days);
		peekingChunk(c, 0, c.experiments, t2);
		const r2 = summarize(t2, 1);
		const se = Math.sqrt((0.05 * 0.95) / c.experiments);
		expect(Math.abs(r2.oneLook.bayes - 0.05)).toBeLessThan(3 * se);
		expect(Math.abs(r2.oneLook.ztest - r2.oneLook.bayes)).toBeLessThan(0.015);
		expect(r2.rates.bayes).toBeGreaterThan(2.5 * r2.oneLook.bayes);
		expect(r2.oneLook.sequential).toBeLessThanOrEqual(r2.rates.sequential);
		// At 0.95 (the old default) the two-sided Bayesian rule is a 10% rule even with one look.
		expect(r.oneLook.bayes).toBeGreaterThan(0.08);
	});

	it('the fixed-horizon rate is α at the largest seed (per-experiment streams are mixed with integers, not float products)', () => {
		const c = { ...peek, alpha: 0.2, seed: 4294967295, experiments: 6000, days: 5 };
		const t2 = emptyTally(c.days);
		peekingChunk(c, 0, c.experiments, t2);
		const rate = summarize(t2, 1).rates.fixed;
		expect(Math.abs(rate - 0.2)).toBeLessThan(3 * Math.sqrt((0.2 * 0.8) / c.experiments));
		const seeds = new Set(Array.from({ length: 5000 }, (_, e) => mixSeed(4294967295, e)));
		expect(seeds.size).toBeGreaterThan(4990);
	});

	it('does not depend on how the work is chunked (each experiment has its own seed)', () => {
		const t2 = emptyTally(peek.days);
		for (let from = 0; from < peek.experiments; from += 7) peekingChunk(peek, from, Math.min(peek.experiments, from + 7), t2);
		expect(summarize(t2, 1).rates).toEqual(r.rates);
	});
});

describe('worker API', () => {
	it('a newer peeking request supersedes a running one', async () => {
		const api = createAbtestApi();
		const first = api.peeking({ ...peek, experiments: 200000 });
		const second = api.peeking({ ...peek, experiments: 1000 });
		const [a, b] = await Promise.all([first, second]);
		expect(a.status).toBe('cancelled');
		expect(b.status).toBe('done');
	});

	it('the simulated power curve agrees with the calculator', async () => {
		const api = createAbtestApi();
		const perArm = sampleSizePerArm({ baselineRate: 0.1, minDetectableEffect: 0.02, power: 0.8 });
		const out = await api.power({ baselineRate: 0.1, mde: 0.02, alpha: 0.05, nControl: perArm, nVariant: perArm, experimentsPerPoint: 2000, seed: 3 });
		if (out.status !== 'done') throw new Error('cancelled');
		const at = (m: number) => out.result.simulated.find((p) => Math.abs(p.diff - m * 0.02) < 1e-12)!;
		expect(at(0).lo).toBeLessThanOrEqual(0.05);
		expect(at(0).hi).toBeGreaterThanOrEqual(0.05);
		expect(at(1).lo).toBeLessThanOrEqual(0.8);
		expect(at(1).hi).toBeGreaterThanOrEqual(0.8);
		expect(at(2).rate).toBeGreaterThan(0.99);
		const analyticAtMde = out.result.analytic.power[40];
		expect(analyticAtMde).toBeGreaterThanOrEqual(0.8);
		expect(analyticAtMde).toBeLessThan(0.81);
	});
});
