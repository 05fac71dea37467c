/**
 * Sweeps in the drift and offline vs online labs (workers on the CPU backend), the generic planner and URL checks
 * over every lab's description, and the computed sentence.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDriftApi } from '../../src/lib/labs/drift/worker/api';
import { createOfflineOnlineApi } from '../../src/lib/labs/offline-online/worker/api';
import { alarmBatches } from '../../src/lib/labs/drift/worker/sweep';
import { pickMetrics } from '../../src/lib/labs/offline-online/worker/sweep';
import { defaults } from '../../src/lib/url/schema';
import { driftSchema, toConfig as driftConfig } from '../../src/lib/labs/drift/params';
import { offlineOnlineSchema, toConfig as ooConfig } from '../../src/lib/labs/offline-online/params';
import { driftSweep } from '../../src/lib/labs/drift/sweep';
import { offlineOnlineSweep } from '../../src/lib/labs/offline-online/sweep';
import { imbalanceSweep } from '../../src/lib/labs/imbalance/sweep';
import { scalingSweep } from '../../src/lib/labs/scaling/sweep';
import { compressionSweep } from '../../src/lib/labs/compression/sweep';
import { checkMetricsFor, checkSweepFor, parseMetricsFor, planLabSweep, sweepBasisFor, type LabSweep, type SweepParams } from '../../src/lib/sweep/lab-sweep';
import { summarise } from '../../src/lib/sweep/summary';
import { verdict, verdictGrid } from '../../src/lib/sweep/verdict';
import type { DriftConfig } from '../../src/lib/labs/drift/types';
import type { ModelResult } from '../../src/lib/labs/offline-online/types';

const SPECS = [imbalanceSweep, scalingSweep, compressionSweep, driftSweep, offlineOnlineSweep] as unknown as Array<LabSweep<SweepParams, { id: number }>>;

describe('every lab’s sweep description', () => {
	it.each(SPECS.map((s) => [s.lab, s] as const))('%s: presets plan, settings exist, metrics parse, bad input is said in words', (_lab, spec) => {
		const schema = spec.schema();
		for (const s of spec.sweepable) expect(schema[s.key], s.key).toBeDefined();
		expect(checkSweepFor(spec, spec.defaultSweep)).toBeNull();
		expect(schema.sweep?.kind).toBe('text');
		expect(schema.metrics?.kind).toBe('text');
		for (const preset of spec.presets) {
			const p = { ...(defaults(schema) as unknown as SweepParams), ...preset.settings, sweep: preset.sweep, metrics: preset.metrics };
			expect(checkSweepFor(spec, preset.sweep), preset.id).toBeNull();
			expect(checkMetricsFor(spec, preset.metrics), preset.id).toBeNull();
			const plan = planLabSweep(spec, p);
			expect(plan.requests.length).toBe(plan.values.length * Number(preset.sweep.split('/')[1]));
			expect(plan.cost).toBeGreaterThan(0);
			expect(plan.requests.map((r) => r.id)).toEqual(plan.requests.map((_, i) => i));
			// The swept setting is not part of the basis: changing it does not make the result stale, anything else does.
			expect(sweepBasisFor(spec, { ...p, [plan.key]: plan.values[1] } as SweepParams, plan.key)).toBe(plan.basis);
		}
		expect(checkSweepFor(spec, 'nonsense:1,2/3')).toMatch(/not a setting the sweep can vary/);
		expect(checkSweepFor(spec, `${spec.sweepable[0].key}:1,2/0`)).toMatch(/seeds/);
		expect(checkMetricsFor(spec, 'nope')).toMatch(/not a metric/);
		expect(parseMetricsFor(spec, '')).toEqual(spec.defaultMetrics);
	});
});

const driftBase: DriftConfig = { ...driftConfig(defaults(driftSchema)), concept: 1, batches: 50, onset: 25, batchSize: 200, labelDelay: 1 };

describe('drift lab: detector evaluation in the worker (CPU backend)', () => {
	const api = createDriftApi();
	beforeAll(async () => {
		expect((await api.init('cpu')).active).toBe('cpu');
	});

	it('finds sudden concept drift after the onset (not before the label delay); a higher threshold never alarms sooner; no leak', async () => {
		const before = tf.memory().numTensors;
		const out = await api.sweep([
			{ id: 0, config: { ...driftBase, ddmLevel: 3, phLambda: 40 } },
			{ id: 1, config: { ...driftBase, ddmLevel: 6, phLambda: 300 } }
		]);
		expect(out.status).toBe('done');
		if (out.status !== 'done') return;
		expect(tf.memory().numTensors).toBe(before);
		const [low, high] = [0, 1].map((id) => out.result.find((r) => r.id === id)!.arms);
		for (const arms of [low, high]) expect(arms).toHaveLength(2);
		for (let d = 0; d < 2; d++) {
			expect(low[d].detected).toBe(1);
			expect(low[d].delay).toBeGreaterThanOrEqual(1);
			expect(low[d].delay).toBeLessThan(10);
			expect(high[d].delay).toBeGreaterThanOrEqual(low[d].delay);
			expect([0, 1]).toContain(low[d].falseAlarm);
			expect(high[d].falseAlarm).toBeLessThanOrEqual(low[d].falseAlarm);
		}
	});

	it('counts a drift never detected as beyond the budget, and feeds errors only once their labels arrive', () => {
		const c = { ...driftBase, batches: 30, onset: 20, referenceBatches: 8, labelDelay: 3 };
		// A perfect model before the onset, all wrong after it.
		const errors = Array.from({ length: c.batches }, (_, t) => new Uint8Array(200).fill(t >= c.onset ? 1 : 0));
		const alarms = alarmBatches('ddm', c, errors, 0.1);
		expect(alarms.length).toBeGreaterThan(0);
		expect(alarms[0].labelled).toBeGreaterThanOrEqual(c.onset);
		expect(alarms[0].raised - alarms[0].labelled).toBe(3);
		const calm = Array.from({ length: c.batches }, () => new Uint8Array(200));
		expect(alarmBatches('page-hinkley', c, calm, 0.1)).toEqual([]);
	});
});

describe('offline vs online lab: winners', () => {
	const model = (id: ModelResult['id'], auc: number, revenue: number, ctr: number): ModelResult =>
		({
			id,
			offline: { clickAuc: auc } as ModelResult['offline'],
			online: id === 'current' ? null : ({ revenue: { lift: revenue }, ctr: { lift: ctr } } as ModelResult['online'])
		}) as ModelResult;

	it('compares the best click AUC offline with the largest revenue and CTR lifts online, ignoring the control', () => {
		const m = pickMetrics([
			model('current', 0.99, 0, 0),
			model('click-naive', 0.8, 0.01, 0.1),
			model('click-debiased', 0.7, 0.05, 0.05),
			model('revenue', 0.6, 0.03, 0.02)
		]);
		expect(m).toEqual({ agreeRevenue: 0, agreeCtr: 1, forgone: 0.05 - 0.01 });
		expect(pickMetrics([model('click-naive', 0.8, 0.05, 0.1), model('revenue', 0.6, 0.03, 0.02)])).toEqual({ agreeRevenue: 1, agreeCtr: 1, forgone: 0 });
	});

	it('runs the whole pipeline per seed in the worker', async () => {
		const api = createOfflineOnlineApi();
		await api.init('cpu');
		const config = { ...ooConfig(defaults(offlineOnlineSchema)), users: 200, items: 60, logSessions: 800, days: 2, usersPerDay: 200 };
		const out = await api.sweep([{ id: 7, config }]);
		expect(out.status).toBe('done');
		if (out.status !== 'done') return;
		const [arm] = out.result[0].arms;
		expect(out.result[0].id).toBe(7);
		expect([0, 1]).toContain(arm.agreeRevenue);
		expect(arm.forgone).toBeGreaterThanOrEqual(0);
		expect(arm.agreeRevenue === 1 ? arm.forgone : 0).toBe(0);
	});
});

describe('arms are named by what does not vary', () => {
	it('a model whose loss is swept is named by its letter; a detector whose threshold is swept has no threshold in its name', async () => {
		const { imbalanceSweep } = await import('../../src/lib/labs/imbalance/sweep');
		const { imbalanceSchema } = await import('../../src/lib/labs/imbalance/params');
		const { driftSweep } = await import('../../src/lib/labs/drift/sweep');
		const { driftSchema } = await import('../../src/lib/labs/drift/params');
		const ip = { ...defaults(imbalanceSchema), loss: 'focal' as const, compare: 'bce' as const };
		expect(imbalanceSweep.arms(ip, ['gamma']).map((a) => a.label)).toEqual(['A: Focal loss', 'B: Binary cross-entropy']);
		expect(imbalanceSweep.arms(ip, ['gamma', 'loss']).map((a) => a.label)).toEqual(['A (loss or re-sampling as swept)', 'B: Binary cross-entropy']);
		const dp = defaults(driftSchema);
		expect(driftSweep.arms(dp, ['phl', 'ddmk']).map((a) => a.label)).toEqual(['DDM', 'Page–Hinkley']);
		expect(driftSweep.arms(dp, ['phl'])[0].label).toMatch(/^DDM \(k = /);
	});
});

describe('the computed sentence', () => {
	const runs = [0, 1, 2, 3, 4, 5].flatMap((r) => [0, 1].map((point) => ({ point, value: point ? 'b' : 'a', replicate: r, seed: r })));
	it('names the fastest arm and says whether the seeds separate it from the next, seed by seed; counts what never got there', () => {
		// Arm 0 reaches the target at 10–17 steps at both values; arm 1 at 40–47 at 'a' and never at 'b'.
		const runs8 = [0, 1, 2, 3, 4, 5, 6, 7].flatMap((r) => [0, 1].map((point) => ({ point, value: point ? 'b' : 'a', replicate: r, seed: r })));
		const results = runs8.map((r) => [10 + r.replicate, r.point ? Infinity : 40 + r.replicate]);
		const s = summarise(['a', 'b'], runs8, results, 2, 8, { kind: 'time' });
		expect(s[1].arms[1]).toMatchObject({ center: Infinity, censored: 8, n: 8 });
		const text = verdict({ label: 'Steps to target', kind: 'time', unit: 'step' }, s, ['Standard', 'Raw'], 'lr', String);
		expect(text).toContain('Standard: median 13.5 steps, 95% CI 10 to 17 at every value;');
		expect(text).toContain(
			'Raw: median 43.5 steps, 95% CI 40 to 47 at lr = a → not reached by half or more of 8 seeds at lr = b (later at the last value, beyond the seed-to-seed noise: the run at the last value got there first in 0 seeds, the one at the first in 8, p = 0.0078)'
		);
		expect(text).toContain(
			'compared seed by seed (sign test on which of a seed’s two runs got there first — a run that never did counts as the later, ties are dropped)'
		);
		expect(text).toContain(
			'Fastest at each value (against the runner-up, seed by seed: the same test, Holm-adjusted over the 2 values) — lr = a to b: Standard, clear of Raw.'
		);
		// With 6 seeds a sign test's smallest p is 1/32: not enough for two values Holm-adjusted, and the sentence says so.
		const six = summarise(
			['a', 'b'],
			runs,
			runs.map((r) => [10 + r.replicate, r.point ? Infinity : 40 + r.replicate]),
			2,
			6,
			{ kind: 'time' }
		);
		expect(verdict({ label: 'Steps', kind: 'time', unit: 'step' }, six, ['Standard', 'Raw'], 'lr', String)).toContain(
			'lr = a to b: Standard, not distinguishable from Raw with these seeds.'
		);
	});
	it('says once when an arm repeats the same runs at every value (a one-shot arm against fine-tuning epochs)', () => {
		const results = runs.map((r) => [0.6 + r.replicate / 100, 0.6 + (r.point + 1) * (r.replicate / 50), 0.5]);
		const s = summarise(['a', 'b'], runs, results, 3, 6, { kind: 'mean', bounds: [0, 1] });
		const text = verdict({ label: 'Accuracy', kind: 'mean' }, s, ['One-shot', 'Fine-tuned', 'Baseline'], 'epochs', String);
		expect(text).toContain('One-shot: 0.625, 95% CI 0.605 to 0.645 at every value (identical runs: epochs does not affect this arm here);');
		expect(text).toContain('Fine-tuned: 0.65, 95% CI 0.611 to 0.689 at epochs = a → 0.7, 95% CI 0.621 to 0.779 at epochs = b');
		expect(text).not.toContain('One-shot: 0.625, 95% CI 0.605 to 0.645 at epochs = a');
		expect(text).toContain('(higher at the last value, beyond the seed-to-seed noise: last − first = 0.05 on average over 6 seeds, p = 0.022)');
		expect(text).toContain(
			'Highest at each value (against the runner-up, seed by seed: the same test, Holm-adjusted over the 2 values) — epochs = a to b: Fine-tuned, clear of One-shot.'
		);
	});
	it('names the best and worst combination of a two-setting sweep (Bonferroni over the pairs), and counts where a simultaneous A − B excludes 0', () => {
		// 2 × 2 combinations, row-major; arm A rises along both settings, arm B is flat and lower.
		const grid = [0, 1, 2, 3].flatMap((point) => [0, 1, 2, 3, 4, 5].map((r) => ({ point, value: String(point), replicate: r, seed: r })));
		const results = grid.map((g) => [0.5 + 0.1 * g.point + g.replicate / 1000, 0.5 + g.replicate / 1000]);
		const s = summarise(['a', 'b', 'c', 'd'], grid, results, 2, 6, { kind: 'mean', bounds: [0, 1] });
		const text = verdictGrid({ label: 'Accuracy', kind: 'mean' }, s, ['A', 'B'], 2, (i, j) => `x = ${i}, y = ${j}`);
		expect(text).toContain('A: best at x = 1, y = 1 (0.802, 95% CI 0.801 to 0.804)');
		expect(text).toContain('worst at x = 0, y = 0 (0.502, 95% CI 0.501 to 0.504); the seeds separate them (p < 0.001, needs p ≤ 0.0083)');
		expect(text).toContain('Best against worst seed by seed (paired t-test), Bonferroni over the 6 pairs of combinations.');
		expect(text).toContain('B: 0.502, 95% CI 0.501 to 0.504 at every combination.');
		expect(text).toContain('at every combination');
		expect(text).toContain(
			'Paired A − B, simultaneous 95% intervals over the 4 combinations (Bonferroni: each at 98.75%): the interval excludes 0 in 3 of 4 combinations (A higher in 3, B higher in 0).'
		);
	});
	it('gives a share with its count and Wilson interval for one arm', () => {
		const results = runs.map((r) => [r.point && r.replicate < 3 ? 1 : 0]);
		const s = summarise(['a', 'b'], runs, results, 1, 6, { kind: 'proportion', bounds: [0, 1] });
		const text = verdict({ label: 'False alarms', kind: 'proportion' }, s, ['DDM'], 'k', String);
		expect(text).toBe(
			'False alarms over 6 seeds — 0% (0 of 6), 95% CI 0% to 39% at k = a → 50% (3 of 6), 95% CI 19% to 81% at k = b (not distinguishable with these seeds: changed in 3 of 6 seeds (3 up, 0 down), p = 0.25). The same seeds run at every value, so the first and last values are compared seed by seed (exact McNemar test).'
		);
	});
});

describe('compression lab: pruning sweep in the worker (CPU backend)', () => {
	it('prunes one trained model four ways per sparsity; at 0 one-shot pruning changes nothing; the same run gives the same numbers; no leak', async () => {
		const { createCompressionApi } = await import('../../src/lib/labs/compression/worker/api');
		const { forgetTrained } = await import('../../src/lib/labs/compression/worker/sweep');
		const { compressionSchema, toConfig } = await import('../../src/lib/labs/compression/params');
		const api = createCompressionApi();
		await api.init('cpu');
		const before = tf.memory().numTensors;
		const config = { ...toConfig(defaults(compressionSchema)), width: 16, depth: 2, nTrain: 1000 };
		const req = (id: number, sparsity: number) => ({ id, config, epochs: 3, sparsity, fineTuneEpochs: 1 });
		const out = await api.sweep([req(0, 0), req(1, 0.9)]);
		expect(out.status).toBe('done');
		if (out.status !== 'done') return;
		const [zero, ninety] = [0, 1].map((id) => out.result.find((r) => r.id === id)!.arms);
		expect(zero).toHaveLength(4);
		// Arms: unstructured one-shot, fine-tuned, structured one-shot, fine-tuned.
		expect(zero[0].drop).toBe(0);
		expect(zero[2].drop).toBe(0);
		for (const arm of [...zero, ...ninety]) {
			expect(arm.accuracy).toBeGreaterThan(0.3);
			expect(arm.accuracy).toBeLessThanOrEqual(1);
		}
		// Removing 90% of the neurons one-shot costs accuracy; fine-tuning wins some of it back.
		expect(ninety[2].drop).toBeGreaterThan(0);
		// The trained model is shared by the runs of a seed, and a run repeats exactly.
		const again = await api.sweep([req(1, 0.9)]);
		expect(again.status === 'done' && again.result[0].arms).toEqual(ninety);
		forgetTrained();
		expect(tf.memory().numTensors).toBe(before);
	});
});
