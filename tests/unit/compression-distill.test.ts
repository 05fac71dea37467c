/**
 * Distillation in the compression lab (CPU backend): the TF.js loss the students train on against the pure-TS
 * reference ($lib/ml/distillation.ts, itself checked against numpy), both students in the worker's result, the URL
 * settings, the distillation sweep's two arms and its paired gain, and the page's sentence.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/lib/data/rng';
import { binaryDistillationLoss } from '../../src/lib/ml/distillation';
import { initBackend } from '../../src/lib/engine/backend';
import { distillationLossTf, studentRows, studentSettings } from '../../src/lib/labs/compression/worker/distill';
import { createCompressionApi } from '../../src/lib/labs/compression/worker/api';
import { forgetTrained } from '../../src/lib/labs/compression/worker/sweep';
import { compressionSchema, PRESETS, toConfig, toSpec } from '../../src/lib/labs/compression/params';
import { compressionSweep } from '../../src/lib/labs/compression/sweep';
import { knownVariants, layerWidths } from '../../src/lib/labs/compression/known';
import { variantLabel } from '../../src/lib/labs/compression/labels';
import { distillSentence, readDistill } from '../../src/lib/labs/compression/distill-text';
import { defaults, parseParams } from '../../src/lib/url/schema';
import { planLabSweep } from '../../src/lib/sweep/lab-sweep';
import { summarise } from '../../src/lib/sweep/summary';
import { meanInterval } from '../../src/lib/stats/replicates';
import type { VariantResult } from '../../src/lib/labs/compression/types';

beforeAll(async () => {
	await initBackend('cpu');
});

describe('the TF.js distillation loss', () => {
	it('equals binaryDistillationLoss (loss and gradient) on random logits, for several T and λ', () => {
		const rng = createRng(7);
		const n = 257;
		const s = Float32Array.from({ length: n }, () => rng.normal(0, 3));
		const t = Float32Array.from({ length: n }, () => rng.normal(0, 5));
		const y = Float32Array.from({ length: n }, () => (rng.next() < 0.5 ? 1 : 0));
		for (const [T, lam] of [
			[1, 0],
			[2, 0.5],
			[4, 0.1],
			[10, 0],
			[0.5, 1]
		]) {
			const ref = binaryDistillationLoss(s, t, y, { temperature: T, hardWeight: lam });
			const [st, tt, yt] = [tf.tensor1d(s), tf.tensor1d(t), tf.tensor1d(y)];
			const { value, grad } = tf.valueAndGrad((z: tf.Tensor1D) => distillationLossTf(z, tt, yt, T, lam))(st);
			expect(Math.abs(value.dataSync()[0] - ref.loss), `loss at T = ${T}, λ = ${lam}`).toBeLessThan(1e-5);
			const g = grad.dataSync();
			for (let i = 0; i < n; i++) expect(Math.abs(g[i] - ref.grad[i])).toBeLessThan(1e-6);
			tf.dispose([st, tt, yt, value, grad]);
		}
	});

	it('λ = 1 is the ordinary cross-entropy with the labels; the soft term is T² times the cross-entropy at T', () => {
		const [s, t, y] = [tf.tensor1d([2, -1, 0.3]), tf.tensor1d([5, 0, -3]), tf.tensor1d([1, 0, 0])];
		const bce = -(Math.log(1 / (1 + Math.exp(-2))) + Math.log(1 - 1 / (1 + Math.exp(1))) + Math.log(1 - 1 / (1 + Math.exp(-0.3)))) / 3;
		expect(distillationLossTf(s, t, y, 3, 1).dataSync()[0]).toBeCloseTo(bce, 6);
		const T = 3;
		const sig = (z: number) => 1 / (1 + Math.exp(-z));
		const soft =
			([2, -1, 0.3] as const).reduce((acc, sv, i) => {
				const p = sig([5, 0, -3][i] / T);
				return acc - (p * Math.log(sig(sv / T)) + (1 - p) * Math.log(1 - sig(sv / T)));
			}, 0) / 3;
		expect(distillationLossTf(s, t, y, T, 0).dataSync()[0]).toBeCloseTo(T * T * soft, 5);
		tf.dispose([s, t, y]);
	});

	it('students on a share of the rows: a seeded subset, the same for a seed, at least a batch', () => {
		expect(Array.from(studentRows(10, 1, 4, 3))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
		const a = studentRows(1000, 0.05, 64, 3);
		expect(a).toHaveLength(64);
		expect(new Set(a).size).toBe(64);
		expect(studentRows(1000, 0.05, 64, 3)).toEqual(a);
		expect(studentRows(1000, 0.05, 64, 4)).not.toEqual(a);
		expect(studentRows(1000, 0.2, 64, 3)).toHaveLength(200);
		expect(variantLabel({ id: 'student', kind: 'student', bits: 32, studentWidth: 8, studentShare: 0.05 })).toBe(
			'Student (8 units, 5% of the rows), labels only'
		);
		expect(studentSettings({ id: 'distilled', kind: 'distilled', bits: 32, studentWidth: 8, studentShare: 0.05, temperature: 2, hardWeight: 0 })).toEqual({
			width: 8,
			temperature: 2,
			hardWeight: 0,
			share: 0.05
		});
	});

	it('the student variants train as they say: labels alone is λ = 1', () => {
		expect(studentSettings({ id: 'student', kind: 'student', bits: 32, studentWidth: 4 })).toEqual({ width: 4, temperature: 1, hardWeight: 1 });
		expect(studentSettings({ id: 'distilled', kind: 'distilled', bits: 32, studentWidth: 4, temperature: 4, hardWeight: 0.1 })).toEqual({
			width: 4,
			temperature: 4,
			hardWeight: 0.1
		});
	});
});

describe('students in the worker (CPU backend)', () => {
	it('trains both students after the model; they are measured like the other variants, with the sizes known before training', async () => {
		const api = createCompressionApi();
		await api.init('cpu');
		const before = tf.memory().numTensors;
		const p = { ...defaults(compressionSchema), width: 32, depth: 1, ntrain: 1000, epochs: 3, runs: 3, large: 128, finetune: false, sw: 4 };
		await api.setup(toConfig(p));
		await api.train(p.epochs);
		const out = await api.compress(toSpec(p));
		expect(out.status).toBe('done');
		if (out.status !== 'done') return;
		const ids = out.result.variants.map((v) => v.id);
		expect(ids.slice(-2)).toEqual(['student', 'distilled']);
		const byId = (id: string) => out.result.variants.find((v) => v.id === id)!;
		const [student, distilled] = [byId('student'), byId('distilled')];
		expect(variantLabel(student)).toBe('Student (4 units), labels only');
		expect(variantLabel(distilled)).toBe('Distilled student (4 units, T = 4, λ = 0.1)');
		for (const v of [student, distilled]) {
			expect(v.layers).toEqual([16, 4, 1]);
			expect(v.accuracy).toBeGreaterThan(0.5);
			expect(v.auc).toBeGreaterThan(0.5);
			expect(v.latency1.median).toBeGreaterThan(0);
			expect(v.latencyN.median).toBeGreaterThan(0);
			expect(v.packedBytes).toBe(4 * (16 * 4 + 4 + 4 + 1));
		}
		// The two students differ only in their targets: different weights, so (almost surely) different scores.
		expect(student.auc).not.toBe(distilled.auc);
		const known = knownVariants(layerWidths(toConfig(p)), toSpec(p));
		expect(known.map((k) => k.id)).toEqual(ids);
		for (const k of known.slice(-2)) {
			const v = byId(k.id);
			expect([v.packedBytes, v.exportBytes, v.total, v.layers]).toEqual([k.packedBytes, k.exportBytes, k.total, k.layers]);
		}
		expect(api.exportVariant('distilled').weights.byteLength).toBe(4 * (16 * 4 + 4 + 4 + 1));
		// Without distillation, no students.
		const plain = await api.compress(toSpec({ ...p, distill: false }));
		expect(plain.status === 'done' && plain.result.variants.some((v) => v.kind === 'student')).toBe(false);
		await api.dispose();
		expect(tf.memory().numTensors).toBe(before);
	});

	it('explains bad student settings', async () => {
		const api = createCompressionApi();
		await api.init('cpu');
		await api.setup(toConfig({ ...defaults(compressionSchema), width: 16, depth: 1, ntrain: 1000 }));
		const spec = toSpec({ ...defaults(compressionSchema), runs: 3 });
		await expect(api.compress({ ...spec, distill: { width: 4, temperature: 0, hardWeight: 0.1 } })).rejects.toThrow(/temperature/);
		await expect(api.compress({ ...spec, distill: { width: 4, temperature: 2, hardWeight: 1.5 } })).rejects.toThrow(/λ/);
		await expect(api.compress({ ...spec, distill: { width: 4, temperature: 2, hardWeight: 0.5, share: 0 } })).rejects.toThrow(/share/);
		await api.dispose();
	});
});

describe('URL settings', () => {
	it('parses, bounds and defaults the student width, T, λ, label noise and what a sweep compares', () => {
		const ok = parseParams(compressionSchema, new URLSearchParams('sw=4&temp=2.5&hard=0.3&noise=0.2&srows=0.1&study=distill&distill=false'));
		expect(ok.issues).toEqual([]);
		expect(ok.values).toMatchObject({ sw: 4, temp: 2.5, hard: 0.3, noise: 0.2, srows: 0.1, study: 'distill', distill: false });
		expect(toSpec({ ...ok.values, distill: true }).distill).toEqual({ width: 4, temperature: 2.5, hardWeight: 0.3, share: 0.1 });
		expect(toSpec(ok.values).distill).toBeUndefined();
		expect(toConfig(ok.values).flip).toBe(0.2);
		const bad = parseParams(compressionSchema, new URLSearchParams('sw=0&temp=50&hard=2&noise=0.5&srows=0&study=nope'));
		expect(bad.issues).toHaveLength(6);
		const d = defaults(compressionSchema);
		expect(toSpec(d).distill).toEqual({ width: 8, temperature: 4, hardWeight: 0.1 });
		expect(toConfig(d).flip).toBe(0.05);
	});

	it('every preset sets only settings the schema has, within their bounds', () => {
		for (const preset of PRESETS) {
			const q = new URLSearchParams(Object.entries(preset.values).map(([k, v]) => [k, String(v)]));
			const parsed = parseParams(compressionSchema, q);
			expect(parsed.issues, preset.id).toEqual([]);
			expect(parsed.values).toMatchObject(preset.values);
		}
	});
});

describe('the distillation sweep', () => {
	it('plans two arms, A distilled and B labels only, and the worker runs them on the shared teacher; A − B is the gain, paired by seed', async () => {
		const p = {
			...defaults(compressionSchema),
			study: 'distill' as const,
			width: 32,
			depth: 1,
			ntrain: 1000,
			epochs: 2,
			sw: 2,
			sweep: 'temp:1,4/3'
		};
		const plan = planLabSweep(compressionSweep, p);
		expect(plan.arms.map((a) => a.tag)).toEqual(['distilled', 'student']);
		expect(plan.arms[0].label).toMatch(/^A: distilled student/);
		expect(plan.requests.every((r) => r.distill && r.distill.width === 2)).toBe(true);
		expect(compressionSweep.unused?.(p, 'sparsity')).toMatch(/no pruned models/);
		expect(compressionSweep.unused?.({ ...p, study: 'prune' }, 'temp')).toMatch(/distillation sweep/);
		const api = createCompressionApi();
		await api.init('cpu');
		const before = tf.memory().numTensors;
		const out = await api.sweep(plan.requests);
		expect(out.status).toBe('done');
		if (out.status !== 'done') return;
		const results = plan.runs.map((_, i) => out.result.find((r) => r.id === i)!.arms.map((a) => a.accuracy));
		for (const arms of out.result.map((r) => r.arms)) {
			expect(arms).toHaveLength(2);
			// drop = teacher − student, so drop_B − drop_A = accuracy_A − accuracy_B.
			expect(arms[1].drop - arms[0].drop).toBeCloseTo(arms[0].accuracy - arms[1].accuracy, 12);
		}
		const metric = compressionSweep.metrics.find((m) => m.id === 'accuracy')!;
		const summary = summarise(plan.values, plan.runs, results, 2, 3, metric);
		for (const pt of summary) {
			const diffs = plan.runs.map((r, i) => (r.point === pt.point ? results[i][0] - results[i][1] : NaN)).filter(Number.isFinite);
			expect(diffs).toHaveLength(3);
			const ref = meanInterval(diffs, pt.paired!.difference.level);
			expect(pt.paired!.difference.mean).toBeCloseTo(ref.mean, 12);
			expect(pt.paired!.difference.lo).toBeCloseTo(ref.lo!, 12);
			expect(pt.paired!.difference.hi).toBeCloseTo(ref.hi!, 12);
		}
		// The labels-only student does not depend on T: the same at both points, seed by seed.
		const bAt = (point: number) => plan.runs.flatMap((r, i) => (r.point === point ? [[r.seed, results[i][1]]] : []));
		expect(bAt(0)).toEqual(bAt(1));
		forgetTrained();
		expect(tf.memory().numTensors).toBe(before);
	});
});

describe('the page’s sentence', () => {
	const v = (kind: VariantResult['kind'], accuracy: number) => ({ kind, accuracy });
	it('reads the share of the gap closed, and says it is one run', () => {
		const r = readDistill([v('baseline', 0.9), v('quantized', 0.5), v('student', 0.8), v('distilled', 0.86)])!;
		expect(r.gap).toBeCloseTo(0.1, 12);
		expect(r.closed).toBeCloseTo(0.6, 12);
		const text = distillSentence(r, 9, 2571);
		expect(text).toContain('In this one run (seed 9, 2,571 test rows)');
		expect(text).toContain('60% of the 10.0 percentage points gap');
		expect(text).toContain('One seed is one run');
		expect(text).toContain('per-seed paired differences');
	});
	it('says when there is no gap, or distillation did not help', () => {
		expect(distillSentence(readDistill([v('baseline', 0.8), v('student', 0.82), v('distilled', 0.81)])!, 1, 100)).toContain('no gap for distillation to close');
		expect(distillSentence(readDistill([v('baseline', 0.9), v('student', 0.8), v('distilled', 0.79)])!, 1, 100)).toContain('closed none of the');
		expect(readDistill([v('baseline', 0.9)])).toBeNull();
	});
});
