/** The scaling lab's sweep runs in the worker (CPU backend): steps to target per scaling, censoring, no leak. */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createScalingApi } from '../../src/lib/labs/scaling/worker/api';
import type { ScalingConfig, ScalingSweepRequest } from '../../src/lib/labs/scaling/types';
import { defaults } from '../../src/lib/url/schema';
import { scalingSchema, toConfig } from '../../src/lib/labs/scaling/params';
import { planLabSweep } from '../../src/lib/sweep/lab-sweep';
import { scalingSweep } from '../../src/lib/labs/scaling/sweep';

const base: ScalingConfig = { ...toConfig(defaults(scalingSchema)), n: 400, optimizer: 'sgd', model: 'logistic' };

describe('scaling sweep in the worker (CPU backend)', () => {
	const api = createScalingApi();
	beforeAll(async () => {
		expect((await api.init('cpu')).active).toBe('cpu');
	});

	it('reports steps to target per scaling: raw features diverge or never reach it, standardised ones do; no tensor left', async () => {
		const runs: ScalingSweepRequest[] = [
			{ id: 0, config: { ...base, lr: 0.3 }, steps: 150, target: 0.05 },
			{ id: 1, config: { ...base, lr: 1e-4 }, steps: 150, target: 0.05 }
		];
		const before = tf.memory().numTensors;
		const t0 = performance.now();
		const out = await api.sweep(runs);
		console.log(`2 scaling sweep runs: ${(performance.now() - t0).toFixed(0)} ms`);
		expect(out.status).toBe('done');
		if (out.status !== 'done') return;
		expect(tf.memory().numTensors).toBe(before);
		const [fast, slow] = [0, 1].map((id) => out.result.find((r) => r.id === id)!.arms);
		expect(fast).toHaveLength(5);
		const [none, , standard] = fast;
		// lr 0.3 on raw dollars explodes; on standardised features it converges within the budget.
		expect(none.diverged).toBe(1);
		expect(none.steps).toBe(Infinity);
		expect(standard.reached).toBe(1);
		expect(standard.steps).toBeGreaterThan(0);
		expect(standard.steps).toBeLessThan(150);
		// A learning rate 3000 times smaller cannot get there in 150 steps: censored, not dropped.
		for (const arm of slow) {
			expect(arm.reached).toBe(0);
			expect(arm.steps).toBe(Infinity);
		}
	});

	it('plans one request per value and seed from the lab settings', () => {
		const p = { ...defaults(scalingSchema), sweep: 'lr:0.01..1:3:log/4', leak: true };
		const plan = planLabSweep(scalingSweep, p);
		expect(plan.values).toEqual([0.01, 0.1, 1]);
		expect(plan.requests).toHaveLength(12);
		expect(plan.arms.map((a) => a.tag)).toEqual(['none', 'minmax', 'standard', 'robust', 'log', 'standard-leaky']);
		expect(new Set(plan.requests.map((r) => r.config.seed)).size).toBe(4);
		expect(plan.requests[1].config.lr).toBe(0.1);
	});
});

describe('the lowest loss a logistic model can reach (the sweep’s target)', () => {
	it('matches scipy’s optimum; affine rescaling keeps it, log1p changes it', async () => {
		const { logisticOptimum } = await import('../../src/lib/ml/logistic-optimum');
		const { loadFixtures, expectClose } = await import('./helpers');
		const cases = loadFixtures().logisticOptimum as Array<{ name: string; x: number[]; y: number[]; d: number; loss: number }>;
		for (const c of cases) expectClose(logisticOptimum(c.x, c.y, c.d), c.loss, 1e-8, 0, c.name);
		expect(cases[0].loss).toBeCloseTo(cases[2].loss, 9);
		expect(cases[1].loss).toBeLessThan(cases[0].loss - 0.01);
	});
});
