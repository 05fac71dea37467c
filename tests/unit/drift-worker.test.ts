import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDriftApi } from '../../src/lib/labs/drift/worker/api';
import type { DriftConfig, DriftResult } from '../../src/lib/labs/drift/types';

const base: DriftConfig = {
	covariate: 0,
	prior: 0,
	concept: 0,
	schedule: 'sudden',
	onset: 20,
	span: 6,
	noise: 0.3,
	seed: 3,
	batches: 45,
	batchSize: 200,
	referenceBatches: 8,
	labelDelay: 1,
	retrainEvery: 8,
	detector: 'ddm',
	window: 4,
	ddmLevel: 3.5,
	phLambda: 80
};

const api = createDriftApi();
async function run(c: Partial<DriftConfig>): Promise<DriftResult> {
	const out = await api.run({ ...base, ...c });
	if (out.status !== 'done') throw new Error('cancelled');
	return out.result;
}
const after = (r: DriftResult, f: (b: DriftResult['batches'][number]) => number) => {
	const xs = r.batches.filter((b) => b.t >= base.onset + 2).map(f);
	return xs.reduce((a, b) => a + b, 0) / xs.length;
};
const before = (r: DriftResult, f: (b: DriftResult['batches'][number]) => number) => {
	const xs = r.batches.filter((b) => b.t >= base.referenceBatches && b.t < base.onset).map(f);
	return xs.reduce((a, b) => a + b, 0) / xs.length;
};

describe('drift lab simulation (CPU backend)', () => {
	beforeAll(async () => {
		await api.init('cpu');
	});

	it('covariate drift: input statistics alarm, accuracy holds', async () => {
		const r = await run({ covariate: 1 });
		expect(after(r, (b) => b.features[1].psi)).toBeGreaterThan(0.25);
		expect(after(r, (b) => b.features[1].ksP)).toBeLessThan(1e-3);
		expect(before(r, (b) => b.policies.never.accuracy) - after(r, (b) => b.policies.never.accuracy)).toBeLessThan(0.05);
	});

	it('concept drift: accuracy falls while input statistics stay calm, and the error detectors fire', async () => {
		const r = await run({ concept: 1 });
		// Below the 0.25 "major shift" rule of thumb everywhere, and at the sampling-noise level on average.
		expect(Math.max(...r.batches.map((b) => Math.max(b.features[0].psi, b.features[1].psi)))).toBeLessThan(0.25);
		expect(after(r, (b) => Math.max(b.features[0].psi, b.features[1].psi))).toBeLessThan(0.1);
		expect(before(r, (b) => b.policies.never.accuracy) - after(r, (b) => b.policies.never.accuracy)).toBeGreaterThan(0.15);
		const firstAlarm = r.batches.findIndex((b) => b.alarms.ddm || b.alarms.pageHinkley);
		expect(firstAlarm).toBeGreaterThanOrEqual(base.onset);
		expect(firstAlarm).toBeLessThan(base.onset + 8);
	});

	it('retraining policies: the costs and the recovery', async () => {
		const r = await run({ concept: 1 });
		// periodic: every 8 batches once labels flow, minus the last batch
		expect(r.retrainings.periodic).toBeGreaterThanOrEqual(3);
		expect(r.retrainings.alarm).toBeGreaterThanOrEqual(1);
		expect(r.retrainings.alarm).toBeLessThan(r.retrainings.periodic + 3);
		const acc = (name: 'never' | 'periodic' | 'alarm') => after(r, (b) => b.policies[name].accuracy);
		expect(acc('alarm')).toBeGreaterThan(acc('never') + 0.1);
		expect(acc('periodic')).toBeGreaterThan(acc('never') + 0.1);
	});

	it('a stationary stream raises no alarm and keeps every statistic small', async () => {
		const r = await run({});
		expect(r.retrainings.alarm).toBe(0);
		expect(r.batches.some((b) => b.alarms.ddm)).toBe(false);
		for (const b of r.batches) for (const f of b.features) expect(f.psi).toBeLessThan(0.25);
	});

	it('no drift and no label noise: the alarm-driven policy does not retrain for nothing (9 seeds)', async () => {
		const retrains: number[] = [];
		for (let seed = 1; seed <= 9; seed++) retrains.push((await run({ noise: 0, seed, batches: 40 })).retrainings.alarm);
		expect(retrains.filter((n) => n > 0).length, `retrainings per seed: ${retrains}`).toBeLessThanOrEqual(1);
	});

	it('is reproducible, supersedes older runs and frees its tensors', async () => {
		const n0 = tf.memory().numTensors;
		const a = await run({ prior: 1, schedule: 'gradual', batches: 26 });
		const b = await run({ prior: 1, schedule: 'gradual', batches: 26 });
		expect(b.batches.map((x) => x.policies.never.accuracy)).toEqual(a.batches.map((x) => x.policies.never.accuracy));
		const first = api.run({ ...base, batches: 200 });
		const second = api.run(base);
		expect((await first).status).toBe('cancelled');
		expect((await second).status).toBe('done');
		expect(tf.memory().numTensors).toBe(n0);
	});

	it('explains impossible settings', async () => {
		await expect(api.run({ ...base, covariate: 2 })).rejects.toThrow(/magnitude/);
		await expect(api.run({ ...base, batches: 5 })).rejects.toThrow(/batches/);
	});
});
