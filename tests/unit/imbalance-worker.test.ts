import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createImbalanceApi } from '../../src/lib/labs/imbalance/worker/api';
import type { ImbalanceConfig, ImbalanceProgress } from '../../src/lib/labs/imbalance/types';
import { confusionAt } from '../../src/lib/metrics/classification';

const base: ImbalanceConfig = {
	n: 1200,
	ratio: 30,
	overlap: 0.35,
	seed: 11,
	gamma: 2,
	alpha: 0.75,
	beta: 0.999,
	lr: 0.02,
	batchSize: 64,
	hidden: [12, 12],
	models: [
		{ loss: 'weighted', resampling: 'none' },
		{ loss: 'bce', resampling: 'none' }
	]
};

describe('imbalance worker API (CPU backend)', () => {
	const api = createImbalanceApi();
	beforeAll(async () => {
		const report = await api.init('cpu');
		expect(report.active).toBe('cpu');
	});

	it('builds a stratified split with the requested imbalance and reports class weights', async () => {
		const setup = await api.setup(base);
		const [neg, pos] = setup.counts.train;
		const [tneg, tpos] = setup.counts.test;
		expect(neg + pos + tneg + tpos).toBe(1200);
		expect(Math.abs(pos / (neg + pos) - tpos / (tneg + tpos))).toBeLessThan(0.01);
		expect(tpos).toBeGreaterThan(0);
		// inverse-frequency weights: the minority weight is ratio-times the majority weight
		const [w0, w1] = setup.classWeights[0];
		expect(w1 / w0).toBeCloseTo(neg / pos, 6);
		expect(setup.classWeights[1]).toEqual([1, 1]);
		expect(setup.points.shown).toBe(setup.points.y.length);
	});

	it('is reproducible: the same seed gives the same scores', async () => {
		await api.setup(base);
		await api.train(3);
		const a = await api.peek();
		await api.setup(base);
		await api.train(3);
		const b = await api.peek();
		expect(Array.from(b.models[0].testScores)).toEqual(Array.from(a.models[0].testScores));
		await api.setup({ ...base, seed: 12 });
		await api.train(3);
		const c = await api.peek();
		expect(Array.from(c.models[0].testScores)).not.toEqual(Array.from(a.models[0].testScores));
	});

	it('reports progress, and a newer request supersedes a running one', async () => {
		await api.setup(base);
		const seen: ImbalanceProgress[] = [];
		let reported!: () => void;
		const firstReport = new Promise<void>((r) => (reported = r));
		const first = api.train(
			500,
			(p) => {
				seen.push(p);
				reported();
			},
			0
		);
		// The first epoch is done: the run is in progress (a run that fails or ends first fails the test at once).
		await Promise.race([firstReport, first.then(() => Promise.reject(new Error('the run ended before reporting')))]);
		const second = api.train(2);
		const [o1, o2] = await Promise.all([first, second]);
		expect(o1.status).toBe('cancelled');
		expect(o2.status).toBe('done');
		expect(o2.epoch).toBe(o1.epoch + 2);
		expect(seen.length).toBeGreaterThan(0);
		const p = seen[seen.length - 1];
		expect(p.history.length).toBe(p.epoch);
		expect(p.models).toHaveLength(2);
		for (const m of p.models) {
			expect(Number.isFinite(m.testLoss)).toBe(true);
			expect(m.grid.length).toBe(60 * 60);
		}
	});

	it('setup() cancels training in progress', async () => {
		await api.setup(base);
		let started!: () => void;
		const running = new Promise<void>((r) => (started = r));
		const run = api.train(500, () => started(), 0);
		await Promise.race([running, run.then(() => Promise.reject(new Error('the run ended before reporting')))]);
		await api.setup(base);
		expect((await run).status).toBe('cancelled');
	});

	it('weighted BCE finds far more of the minority than plain BCE at threshold 0.5, at similar AUC', async () => {
		await api.setup({ ...base, ratio: 50, n: 3000 });
		await api.train(25);
		const snap = await api.peek();
		const setup = await api.setup({ ...base, ratio: 50, n: 3000 });
		const labels = setup.testLabels;
		const [weighted, plain] = snap.models.map((m) => confusionAt(labels, m.testScores, 0.5));
		expect(plain.accuracy).toBeGreaterThan(0.95); // accuracy looks fine...
		expect(plain.recall).toBeLessThan(weighted.recall); // ...while minority recall is poor
		expect(weighted.recall).toBeGreaterThan(0.6);
	});

	it('frees every tensor it allocates', async () => {
		await api.dispose();
		const before = tf.memory().numTensors;
		await api.setup(base);
		await api.train(2);
		await api.peek();
		await api.setup({
			...base,
			models: [
				{ loss: 'focal', resampling: 'oversample' },
				{ loss: 'class-balanced', resampling: 'undersample' }
			]
		});
		await api.train(2);
		await api.dispose();
		expect(tf.memory().numTensors).toBe(before);
	});

	it('explains bad settings', async () => {
		await expect(api.setup({ ...base, lr: 0 })).rejects.toThrow(/learning rate/);
		await expect(api.setup({ ...base, n: 5 })).rejects.toThrow(/sample size/);
		await expect(api.setup({ ...base, alpha: 1 })).rejects.toThrow(/α/);
	});
});
