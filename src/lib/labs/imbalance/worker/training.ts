/** Training the imbalance lab's models side by side, their snapshots for the page, and the throughput benchmark. */
import { averagePrecision, prCurve, rocAuc, rocCurve } from '$lib/metrics/classification';
import { downsampleCurve } from '$lib/metrics/downsample';
import * as tf from '@tensorflow/tfjs-core';
import { throttle, type Ticket } from '../../../engine/run-control';
import { Mlp } from '../../../engine/mlp';
import { engineAvailable, engineStep, tfAdam } from '../../../engine/fused/kernel';
import type { EngineStep } from '../../../engine/fused/spec';
import { FusedTrainer } from '../../../engine/fused/trainer';
import type { EngineSpec } from '../../../engine/fused/spec';
import { evaluateLoss, trainEpoch, trainSamples } from '../../../engine/train';
import type { LabState } from './state';
import { contourBandsOnGrid, SURFACE_LEVELS } from '$lib/charts/contours';
import type { ImbalanceProgress, ModelSnapshot } from '../types';

/** Each model's test scores, decision surface, losses and curves, as the page shows them (test losses measured here if not given). */
export async function snapshot(s: LabState, trainLosses: number[], testLosses?: number[]): Promise<ModelSnapshot[]> {
	const out: ModelSnapshot[] = [];
	for (let m = 0; m < s.trainees.length; m++) {
		const t = s.trainees[m];
		const testScores = await t.model.predictArray(s.test.x);
		const grid = await t.model.predictArray(s.grid);
		const testLoss = testLosses ? testLosses[m] : await evaluateLoss(t.model, s.test, t.loss);
		const roc = rocCurve(s.testLabels, testScores);
		const pr = prCurve(s.testLabels, testScores);
		out.push({
			trainLoss: trainLosses[m],
			testLoss,
			testScores,
			grid,
			bands: contourBandsOnGrid(grid, SURFACE_LEVELS, s.gridSpec.nx, s.gridSpec.ny),
			rocAuc: rocAuc(s.testLabels, testScores),
			averagePrecision: averagePrecision(s.testLabels, testScores),
			roc: downsampleCurve(roc.fpr, roc.tpr),
			pr: downsampleCurve(pr.recall, pr.precision)
		});
	}
	return out;
}

/** The current state without training. */
export async function peek(s: LabState): Promise<ImbalanceProgress> {
	const losses = await Promise.all(s.trainees.map((t) => evaluateLoss(t.model, t.train, t.loss)));
	return { epoch: s.epoch, models: await snapshot(s, losses), history: s.history.slice(), samplesPerSecond: 0 };
}

/** The fused engine for the lab's models (null where the backend has no fused kernel: train op by op there). */
async function engineFor(s: LabState): Promise<FusedTrainer | null> {
	if (s.engine || !engineAvailable()) return s.engine;
	s.engine = await FusedTrainer.create(
		engineSpec(s, s.trainees),
		s.trainees.map((t) => t.model),
		s.trainees.map((t) => t.host),
		s.testHost
	);
	return s.engine;
}

function engineSpec(s: LabState, trainees: LabState['trainees']): EngineSpec {
	return {
		sizes: [s.inputs, ...s.config.hidden, 1],
		activation: 'tanh',
		models: trainees.map((t) => ({ loss: t.engineLoss, optimizer: tfAdam(s.config.lr) }))
	};
}

/** One epoch of every model: fused where the backend has the kernel, op by op otherwise. Returns each model's mean loss. */
async function epochOfAll(s: LabState, ticket: Ticket): Promise<number[]> {
	const engine = await engineFor(s);
	if (engine) {
		try {
			return (
				await engine.epoch(
					s.trainees.map((t) => t.rng),
					{ batchSize: s.config.batchSize, ticket }
				)
			).losses;
		} finally {
			// Paused mid-epoch too: the models show what the engine has trained, as the op-by-op path would.
			engine.sync();
		}
	}
	const losses: number[] = [];
	for (const t of s.trainees) losses.push(await trainEpoch(t.model, t.optimizer, t.train, t.loss, { batchSize: s.config.batchSize, rng: t.rng, ticket }));
	return losses;
}

/** Train every model `epochs` more epochs, reporting a snapshot at most every `reportMs` (and after the last). */
export async function trainEpochs(s: LabState, epochs: number, ticket: Ticket, onProgress?: (p: ImbalanceProgress) => void, reportMs = 120): Promise<void> {
	if (!Number.isInteger(epochs) || epochs < 1) throw new RangeError(`epochs must be a whole number ≥ 1 (got ${epochs}).`);
	const shouldReport = throttle(reportMs);
	for (let e = 0; e < epochs; e++) {
		const t0 = performance.now();
		let samples = 0;
		for (const t of s.trainees) samples += t.train.n;
		const trainLosses = await epochOfAll(s, ticket);
		s.epoch++;
		const testLosses = s.engine ? await s.engine.evaluationLosses() : await Promise.all(s.trainees.map((t) => evaluateLoss(t.model, s.test, t.loss)));
		s.history.push({ epoch: s.epoch, train: trainLosses, test: testLosses });
		if (onProgress && shouldReport(e === epochs - 1)) {
			const models = await snapshot(s, trainLosses, testLosses);
			onProgress({ epoch: s.epoch, models, history: s.history.slice(), samplesPerSecond: samples / ((performance.now() - t0) / 1000) });
		}
	}
}

export interface BenchmarkResult {
	samplesPerSecond: number;
	samples: number;
	seconds: number;
	path: 'fused' | 'ops';
	/** The fused kernel's step: WebAssembly SIMD or JS (null op by op). */
	step: EngineStep | null;
}

/**
 * Training throughput of the first model for about `ms` after a warm-up, in samples per second, on the lab's own
 * path (fused where the backend has the kernel) or, with `path: 'ops'`, op by op. Trains a copy: the lab's models
 * are unchanged.
 */
export async function benchmark(s: LabState, ms: number, ticket: Ticket, path: 'lab' | 'ops' = 'lab'): Promise<BenchmarkResult> {
	const t = s.trainees[0];
	const copy = new Mlp({ inputs: 2, hidden: s.config.hidden, activation: 'tanh' }, await t.model.getWeights());
	const rng = t.rng.fork('benchmark');
	const fused = path === 'lab' && engineAvailable();
	const engine = fused ? await FusedTrainer.create(engineSpec(s, [t]), [copy], [t.host]) : null;
	const optimizer = tf.train.adam(s.config.lr);
	const pass = async (deadline: number) =>
		engine
			? (await engine.epoch([rng], { batchSize: s.config.batchSize, ticket, deadline })).samples
			: (await trainSamples(copy, optimizer, t.train, t.loss, { batchSize: s.config.batchSize, rng, ticket, deadline })).samples;
	try {
		await pass(performance.now() + Math.min(500, ms / 4));
		const t0 = performance.now();
		let samples = 0;
		while (performance.now() - t0 < ms) samples += await pass(t0 + ms);
		const seconds = (performance.now() - t0) / 1000;
		return { samplesPerSecond: samples / seconds, samples, seconds, path: fused ? 'fused' : 'ops', step: fused ? engineStep() : null };
	} finally {
		engine?.dispose();
		optimizer.dispose();
		copy.dispose();
	}
}

/**
 * Aggregate throughput of K copies of the first model trained at once by the fused engine (each with its own batch
 * order) for about `ms`: samples per second over all K models, and per model. Null where the backend has no fused
 * kernel.
 */
export async function benchmarkMany(
	s: LabState,
	K: number,
	ms: number,
	ticket: Ticket
): Promise<{ K: number; samplesPerSecond: number; perModel: number } | null> {
	if (!Number.isInteger(K) || K < 1 || K > 64) throw new RangeError(`Train 1 to 64 models at once (got ${K}).`);
	if (!engineAvailable()) return null;
	const t = s.trainees[0];
	const weights = await t.model.getWeights();
	const copies = Array.from({ length: K }, () => new Mlp({ inputs: 2, hidden: s.config.hidden, activation: 'tanh' }, weights));
	const engine = await FusedTrainer.create(
		engineSpec(
			s,
			copies.map(() => t)
		),
		copies,
		copies.map(() => t.host)
	);
	const rngs = copies.map((_, k) => t.rng.fork(`many-${k}`));
	try {
		await engine.epoch(rngs, { batchSize: s.config.batchSize, ticket, deadline: performance.now() + Math.min(500, ms / 4) });
		const t0 = performance.now();
		let samples = 0;
		while (performance.now() - t0 < ms) samples += (await engine.epoch(rngs, { batchSize: s.config.batchSize, ticket, deadline: t0 + ms })).samples;
		const rate = samples / ((performance.now() - t0) / 1000);
		return { K, samplesPerSecond: rate, perModel: rate / K };
	} finally {
		engine.dispose();
		copies.forEach((c) => c.dispose());
	}
}
