import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/lib/data/rng';
import { makeTabular } from '../../src/lib/labs/scaling/worker/tabular';
import { fitScaler } from '../../src/lib/features/scaling';
import { createScalingApi } from '../../src/lib/labs/scaling/worker/api';
import { derivatives, optimum, problem, surface } from '../../src/lib/labs/scaling/worker/surface';
import type { ScalingConfig } from '../../src/lib/labs/scaling/types';

describe('tabular generator', () => {
	it('has features on very different scales, skew, outliers, about half positives', () => {
		const d = makeTabular({ n: 5000, skew: 0.8, outliers: 0.02 }, createRng(1));
		const col = (j: number) => d.rows.map((r) => r[j]);
		const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
		expect(mean(col(0))).toBeGreaterThan(35);
		expect(mean(col(0))).toBeLessThan(45);
		const income = col(1).sort((a, b) => a - b);
		expect(income[2500]).toBeGreaterThan(40000);
		expect(income[2500]).toBeLessThan(60000);
		expect(income[4990]).toBeGreaterThan(20 * income[2500]); // outliers
		expect(Math.max(...col(2))).toBeLessThanOrEqual(1);
		expect(Math.min(...col(2))).toBeGreaterThanOrEqual(0);
		const pos = Array.from(d.y).reduce((s, v) => s + v, 0) / d.y.length;
		expect(Math.abs(pos - 0.5)).toBeLessThan(0.06);
		expect(makeTabular({ n: 100, skew: 0.8, outliers: 0 }, createRng(2))).toEqual(makeTabular({ n: 100, skew: 0.8, outliers: 0 }, createRng(2)));
		expect(() => makeTabular({ n: 100, skew: 5, outliers: 0 }, createRng(2))).toThrow(/skew/);
	});
});

describe('two-weight loss surface', () => {
	const d = makeTabular({ n: 1500, skew: 0.8, outliers: 0 }, createRng(3));
	const raw = problem(d.rows, d.y, 0, 2);
	const std = problem(fitScaler('standard', d.rows).transform(d.rows), d.y, 0, 2);
	it('Newton finds the optimum (gradient ≈ 0)', () => {
		for (const p of [raw, std]) {
			const w = optimum(p);
			const { g } = derivatives(p, w[0], w[1]);
			expect(Math.hypot(g[0], g[1])).toBeLessThan(1e-8);
		}
	});
	it('raw features give an ill-conditioned valley; standardised ones a round bowl', () => {
		const sRaw = surface(raw, 'none', 1, 200, 21);
		const sStd = surface(std, 'standard', 1, 200, 21);
		expect(sRaw.condition).toBeGreaterThan(100 * sStd.condition);
		expect(sStd.condition).toBeLessThan(10);
		// the same learning rate converges on scaled features and blows up on raw ones
		expect(sStd.divergedAt).toBeNull();
		expect(sStd.stepsToOptimum).not.toBeNull();
		expect(sRaw.divergedAt).not.toBeNull();
		for (const v of sStd.values) expect(v).toBeGreaterThanOrEqual(sStd.minLoss - 1e-6);
	});
	it('a learning rate small enough for raw features crawls', () => {
		const sRaw = surface(raw, 'none', 1e-4, 300, 11);
		expect(sRaw.divergedAt).toBeNull();
		expect(sRaw.stepsToOptimum).toBeNull();
	});
});

const base: ScalingConfig = { seed: 5, n: 1500, skew: 0.8, outliers: 0.01, model: 'logistic', optimizer: 'sgd', lr: 0.5, leak: false };

describe('scaling worker API (CPU backend)', () => {
	const api = createScalingApi();
	beforeAll(async () => {
		await api.init('cpu');
	});

	it('trains every scaling from the same start; raw features diverge at a rate that suits scaled ones', async () => {
		const setup = await api.setup(base);
		expect(setup.runs.map((r) => r.id)).toEqual(['none', 'minmax', 'standard', 'robust', 'log']);
		const out = await api.train(150);
		expect(out.status).toBe('done');
		const p = await new Promise<import('../../src/lib/labs/scaling/types').ScalingProgress>((resolve) => {
			void api.train(1, resolve, 0);
		});
		const run = (id: string) => p.runs.find((r) => r.id === id)!;
		for (const r of p.runs) expect(Number.isFinite(r.loss[0])).toBe(true);
		expect(run('none').divergedAt).not.toBeNull();
		expect(run('none').test).toBeNull();
		const std = run('standard');
		expect(std.divergedAt).toBeNull();
		expect(std.loss[std.loss.length - 1]).toBeLessThan(0.75 * std.loss[0]);
		expect(std.test!.accuracy).toBeGreaterThan(0.65); // Adam run to convergence reaches 0.693 on this seed
		expect(std.loss[std.loss.length - 1]).toBeLessThan(run('minmax').loss[run('minmax').loss.length - 1]);
		for (const r of p.runs) for (const v of r.loss) expect(Number.isFinite(v)).toBe(true);
	});

	it('the leakage variant fits its scaler on all rows', async () => {
		const setup = await api.setup({ ...base, leak: true });
		expect(setup.runs.map((r) => r.id)).toContain('standard-leaky');
		expect(setup.params['standard-leaky'].center).not.toEqual(setup.params.standard.center);
		// fitting on all rows centres the test rows more closely than fitting on training rows only
		const off = (m: number[]) => m.reduce((s, v) => s + Math.abs(v), 0);
		expect(off(setup.testMeans['standard-leaky'])).toBeLessThan(off(setup.testMeans.standard));
	});

	it('is reproducible, cancellable and frees its tensors', async () => {
		await api.dispose();
		const n0 = tf.memory().numTensors;
		await api.setup({ ...base, optimizer: 'adam', lr: 0.05, model: 'mlp' });
		const a = await new Promise<number[]>((res) => void api.train(20, (p) => p.step === 20 && res(p.runs[2].loss), 0));
		await api.setup({ ...base, optimizer: 'adam', lr: 0.05, model: 'mlp' });
		const b = await new Promise<number[]>((res) => void api.train(20, (p) => p.step === 20 && res(p.runs[2].loss), 0));
		expect(b).toEqual(a);
		// Supersede the long run once it has reported a step (a promise, so wrapped: resolving with it would wait for it).
		const long = await new Promise<{ run: ReturnType<typeof api.train> }>((res, rej) => {
			const run = api.train(100000, () => res({ run }), 0);
			run.then(() => rej(new Error('the run ended before reporting')), rej);
		});
		await api.setup(base);
		expect((await long.run).status).toBe('cancelled');
		await api.dispose();
		expect(tf.memory().numTensors).toBe(n0);
	});

	it('explains bad settings', async () => {
		await expect(api.setup({ ...base, lr: 0 })).rejects.toThrow(/learning rate/);
		expect(() => api.surfaces({ seed: 1, n: 500, skew: 0.8, outliers: 0, a: 1, b: 1, scaler: 'standard', lr: 1, steps: 10 })).toThrow(/two different/);
	});
});
