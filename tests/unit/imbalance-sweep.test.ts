/** The imbalance lab's sweep runs in the worker (CPU backend): grouped or alone, the same numbers; cancellable; no leak. */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createImbalanceApi } from '../../src/lib/labs/imbalance/worker/api';
import type { ImbalanceConfig, SweepArmMetrics, SweepRunRequest } from '../../src/lib/labs/imbalance/types';
import { summarise } from '../../src/lib/sweep/summary';
import { planSweep, decodeSweep } from '../../src/lib/sweep/plan';
import { imbalanceSchema } from '../../src/lib/labs/imbalance/params';

const base: ImbalanceConfig = {
	n: 600,
	ratio: 10,
	overlap: 0.35,
	seed: 3,
	gamma: 2,
	alpha: 0.75,
	beta: 0.999,
	lr: 0.02,
	batchSize: 64,
	hidden: [8, 8],
	models: [
		{ loss: 'focal', resampling: 'none' },
		{ loss: 'bce', resampling: 'none' }
	]
};

const runs: SweepRunRequest[] = [
	{ id: 0, config: { ...base, gamma: 0, seed: 1 }, epochs: 3, threshold: 0.5 },
	{ id: 1, config: { ...base, gamma: 2, seed: 2 }, epochs: 3, threshold: 0.5 },
	{ id: 2, config: { ...base, gamma: 5, seed: 1 }, epochs: 3, threshold: 0.5 },
	{ id: 3, config: { ...base, batchSize: 32, seed: 4 }, epochs: 2, threshold: 0.5 }
];

describe('imbalance sweep in the worker (CPU backend)', () => {
	const api = createImbalanceApi();
	beforeAll(async () => {
		expect((await api.init('cpu')).active).toBe('cpu');
	});

	it('gives each run the same metrics trained with others or alone, streamed and returned', async () => {
		const streamed = new Map<number, SweepArmMetrics[]>();
		const before = tf.memory().numTensors;
		const all = await api.sweep(runs, (id, arms) => streamed.set(id, arms as SweepArmMetrics[]));
		expect(all.status).toBe('done');
		if (all.status !== 'done') return;
		expect(tf.memory().numTensors).toBe(before);
		expect([...streamed.keys()].sort()).toEqual([0, 1, 2, 3]);
		for (const r of all.result) {
			expect(r.arms).toHaveLength(2);
			expect(streamed.get(r.id)).toEqual(r.arms);
			for (const arm of r.arms) for (const [k, v] of Object.entries(arm)) if (k !== 'precision') expect(Number.isFinite(v), k).toBe(true);
		}
		const alone = await api.sweep([runs[1]], () => {});
		expect(alone.status === 'done' && alone.result[0].arms).toEqual(all.result.find((r) => r.id === 1)!.arms);
		// γ changes the focal model (A), not the BCE model (B): B is the same at γ 0 and 5 with the same seed.
		const a0 = all.result.find((r) => r.id === 0)!.arms;
		const a2 = all.result.find((r) => r.id === 2)!.arms;
		expect(a2[1]).toEqual(a0[1]);
		expect(a2[0]).not.toEqual(a0[0]);
	});

	it('stops when cancelled', async () => {
		const long = Array.from({ length: 6 }, (_, id) => ({ id, config: { ...base, n: 3000, seed: id }, epochs: 20, threshold: 0.5 }));
		const out = api.sweep(long, () => {});
		await new Promise((r) => setTimeout(r, 50));
		api.cancel();
		expect((await out).status).toBe('cancelled');
	});
});

describe('sweep summaries', () => {
	it('average each value over its seeds, pair A with B by seed, and cut intervals to the metric’s range', () => {
		const { values, runs: planned } = planSweep(imbalanceSchema, decodeSweep('gamma:0,2/3'), 42);
		// Runs come value by value within each replicate; fill in A = 0.9 + small noise, B = 0.2, one run missing.
		const results = planned.map((r, i) => (i === 5 ? undefined : [0.9 + 0.04 * r.replicate, 0.2]));
		const s = summarise(values, planned, results, 2, 3, { kind: 'mean', bounds: [0, 1] });
		expect(s).toHaveLength(2);
		expect(s[0].arms[0].n).toBe(3);
		expect(s[1].arms[0].n).toBe(2);
		expect(s[0].arms[0].center).toBeCloseTo(0.94, 12);
		expect(s[0].arms[0].hi).toBeLessThanOrEqual(1);
		expect(s[0].paired!.better).toBe('A');
		expect(s[0].paired!.difference.hi).toBeLessThanOrEqual(1);
	});
});
