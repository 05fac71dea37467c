import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CAPACITY } from '../../src/lib/labs/capacity/defaults';
import { DEFAULT_MLP, mlpCurve } from '../../src/lib/labs/capacity/worker/mlp-curve';
import { mlpParameters, networkSummary, thresholdWidth } from '../../src/lib/labs/capacity/network';
import { Cancelled, NEVER_STALE } from '../../src/lib/engine/run-control';
import { mixSeed } from '../../src/lib/data/rng';
import { createCapacityApi } from '../../src/lib/labs/capacity/worker/api';
import { capacitySchema, toConfig, type CapacityParams } from '../../src/lib/labs/capacity/params';

beforeAll(async () => {
	await tf.setBackend('cpu');
});

const setup = { ...DEFAULT_CAPACITY, capacities: [...DEFAULT_CAPACITY.capacities], sampleSizes: [...DEFAULT_CAPACITY.sampleSizes] };

describe('the trained network of growing width', () => {
	it('counts parameters and places the threshold', () => {
		expect(mlpParameters(10, 4)).toBe(49);
		expect(mlpParameters(10, thresholdWidth(10, 40))).toBeCloseTo(40, 10);
	});

	it('is deterministic per seed: the same curve twice, and a seed’s curve does not depend on the seeds trained with it', async () => {
		const o = { widths: [2, 5, 16], steps: 300, lr: 0.01 };
		const a = await mlpCurve(setup, [1, 2], o, NEVER_STALE);
		const b = await mlpCurve(setup, [1, 2], o, NEVER_STALE);
		const alone = await mlpCurve(setup, [2], o, NEVER_STALE);
		expect(b).toEqual(a);
		expect(alone[0]).toEqual(a[1]);
		for (const c of a) for (const p of c.points) expect(Number.isFinite(p.testMse) && Number.isNaN(p.betaNorm)).toBe(true);
		expect(a[0].points.map((p) => p.x)).toEqual([2, 5, 16]);
	});

	it('reports progress up to 1 and stops when the ticket goes stale', async () => {
		const shares: number[] = [];
		await mlpCurve(setup, [1], { widths: [1, 2], steps: 500, lr: 0.01 }, NEVER_STALE, (s) => shares.push(s));
		expect(shares[shares.length - 1]).toBeCloseTo(1, 10);
		const ticket = { stale: false };
		const run = mlpCurve(setup, [1], { widths: [1, 2], steps: 4000, lr: 0.01 }, ticket, () => (ticket.stale = true));
		await expect(run).rejects.toBeInstanceOf(Cancelled);
	});

	it('at the default, seeds 1 and 2 peak at w = 4 (49 parameters), above w = 1 and w = 32 (measured, the header of mlp-curve.ts)', async () => {
		const curves = await mlpCurve(setup, [1, 2], { ...DEFAULT_MLP, widths: [1, 4, 32] }, NEVER_STALE);
		const summary = networkSummary(curves, 10, 40)!;
		expect(summary.near).toEqual([1, 4]);
		expect(summary.peakNear).toBe(2);
		expect(summary.interpolatesFrom).toBe(32);
		for (const c of curves) {
			expect(c.peakAt).toBe(4);
			expect(c.points[1].trainMse).toBeLessThan(0.05);
			expect(c.points[2].trainMse).toBeLessThan(1e-6);
		}
	});

	it('through the worker API: one curve per seed replicate mixSeed(seed, r), as mlpCurve gives', { timeout: 60_000 }, async () => {
		const config = toConfig({ ...(Object.fromEntries(Object.entries(capacitySchema).map(([k, s]) => [k, s.default])) as CapacityParams), seeds: 2 });
		const o = { widths: [2, 8], steps: 250, lr: 0.01 };
		const shares: number[] = [];
		const out = await createCapacityApi().mlpCurve(config, o, (s) => shares.push(s));
		expect(out.status).toBe('done');
		await tf.setBackend('cpu');
		const direct = await mlpCurve({ ...config.model, n: config.n }, [mixSeed(config.seed, 0), mixSeed(config.seed, 1)], o, NEVER_STALE);
		if (out.status === 'done') expect(out.result.curves.map((c) => c.points.map((q) => q.x))).toEqual(direct.map((c) => c.points.map((q) => q.x)));
		if (out.status === 'done') for (let k = 0; k < 2; k++) expect(out.result.curves[k].points[1].testMse).toBeCloseTo(direct[k].points[1].testMse, 2);
		expect(shares[shares.length - 1]).toBeCloseTo(1, 10);
		// The backend the networks trained on, as verified by a real computation, travels with the curves.
		if (out.status === 'done') expect(['wasm', 'cpu']).toContain(out.result.backend.active);
	});
});
