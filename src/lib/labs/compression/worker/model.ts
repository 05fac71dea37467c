/**
 * The compression lab's model in the worker: seeded teacher data and split, an MLP with Adam, and its training
 * (epochs with progress inside each epoch), evaluation and a measured estimate of how long training will take.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng, type Rng } from '$lib/data/rng';
import { makeTeacherData } from '$lib/labs/compression/worker/teacher';
import { stratifiedSplit } from '$lib/data/split';
import { focalLoss } from '$lib/ml/losses';
import { rocAuc } from '$lib/metrics/classification';
import { Mlp, type DenseWeights } from '../../../engine/mlp';
import { NEVER_STALE, throttle, type Ticket } from '../../../engine/run-control';
import { disposeDevice, toDevice, trainEpoch, trainSamples, type DeviceData } from '../../../engine/train';
import { engineAvailable, tfAdam } from '../../../engine/fused/kernel';
import { FusedTrainer } from '../../../engine/fused/trainer';
import type { EngineSpec } from '../../../engine/fused/spec';
import type { ModelVariant } from './variants';
import type { CompressionConfig, CompressionProgress, CompressionSetup } from '../types';
import { layerWidths } from '../known';

export const bce = (y: tf.Tensor, p: tf.Tensor) => focalLoss(y, p, { gamma: 0, alpha: null });

export function validateCompression(c: CompressionConfig): void {
	if (!Number.isInteger(c.width) || c.width < 2 || c.width > 2048) throw new RangeError(`The layer width must be between 2 and 2,048 (got ${c.width}).`);
	if (!Number.isInteger(c.depth) || c.depth < 1 || c.depth > 6) throw new RangeError(`The number of hidden layers must be between 1 and 6 (got ${c.depth}).`);
	if (!(c.lr > 0 && c.lr <= 1)) throw new RangeError(`The learning rate must be in (0, 1] (got ${c.lr}).`);
}

export interface ModelState {
	config: CompressionConfig;
	model: Mlp;
	optimizer: tf.Optimizer;
	train: DeviceData;
	test: DeviceData;
	testY: Uint8Array;
	rng: Rng;
	epoch: number;
	history: CompressionProgress['history'];
	/** The variants of the last compression, by id, for export. */
	variants: Map<string, ModelVariant>;
	/** The training rows on the host, for the fused engine. */
	host: { x: Float32Array; y: Uint8Array };
	/** How this model trains here, chosen by timing both paths on it (null until the first training or estimate). */
	path: TrainPath | null;
	/** Measured samples per second of each path (0: not available on this backend). */
	rates: Record<TrainPath, number> | null;
	engine: FusedTrainer | null;
}

export type TrainPath = 'fused' | 'ops';

export function buildState(config: CompressionConfig): { state: ModelState; setup: CompressionSetup } {
	validateCompression(config);
	const rng = createRng(config.seed);
	const data = makeTeacherData({ n: Math.round(config.nTrain / 0.7), d: config.features, flip: config.flip ?? 0.05 }, rng.fork('data'));
	const split = stratifiedSplit(data, 0.3, rng.fork('split'));
	const model = new Mlp({ inputs: config.features, hidden: Array(config.depth).fill(config.width), activation: 'relu' }, rng.fork('init'));
	const state: ModelState = {
		config,
		model,
		optimizer: tf.train.adam(config.lr),
		train: toDevice(split.train.x, split.train.y, config.features),
		test: toDevice(split.test.x, split.test.y, config.features),
		testY: split.test.y,
		rng: rng.fork('batches'),
		epoch: 0,
		history: [],
		variants: new Map(),
		host: { x: split.train.x, y: split.train.y },
		path: null,
		rates: null,
		engine: null
	};
	const setup = {
		parameters: model.parameterCount,
		layers: layerWidths(config),
		trainSize: split.train.n,
		testSize: split.test.n
	};
	return { state, setup };
}

export function disposeState(s: ModelState): void {
	s.engine?.dispose();
	s.model.dispose();
	s.optimizer.dispose();
	disposeDevice(s.train);
	disposeDevice(s.test);
}

/** The architecture of a set of dense layers (ReLU hidden layers, sigmoid output). */
export function specOf(layers: DenseWeights[]) {
	return { inputs: layers[0].fanIn, hidden: layers.slice(0, -1).map((l) => l.fanOut), activation: 'relu' as const };
}

/** Test accuracy at threshold 0.5 and ROC AUC. */
export async function qualityOf(model: Mlp, s: ModelState): Promise<{ accuracy: number; auc: number }> {
	const p = await model.predictArray(s.test.x);
	let ok = 0;
	for (let i = 0; i < p.length; i++) ok += (p[i] >= 0.5 ? 1 : 0) === s.testY[i] ? 1 : 0;
	return { accuracy: ok / p.length, auc: rocAuc(s.testY, p) };
}

export function peek(s: ModelState): CompressionProgress {
	return { epoch: s.epoch, history: s.history.slice(), samplesPerSecond: 0 };
}

function engineSpec(s: ModelState): EngineSpec {
	return {
		sizes: [s.config.features, ...Array(s.config.depth).fill(s.config.width), 1],
		activation: 'relu',
		models: [{ loss: { kind: 'clipped', weights: [1, 1], gamma: 0 }, optimizer: tfAdam(s.config.lr) }]
	};
}

/**
 * Samples per second of each path on a copy of this model (a throwaway optimizer and batch order, so the run itself
 * is unchanged): one untimed step, then about `ms` of training. The fused engine (plain JS) wins for small models;
 * TF.js's kernels win for wide ones, where the arithmetic outweighs the launches — where depends on the backend and
 * the device, so it is measured, not assumed.
 */
async function measureRates(s: ModelState, ms: number): Promise<Record<TrainPath, number>> {
	const weights = await s.model.getWeights();
	const rate = async (run: (deadline: number) => Promise<number>) => {
		await run(0);
		const t0 = performance.now();
		const samples = await run(t0 + ms);
		return samples / Math.max(1e-3, (performance.now() - t0) / 1000);
	};
	const copy = new Mlp(specOf(weights), weights);
	const opt = tf.train.adam(s.config.lr);
	const opts = { batchSize: s.config.batchSize, ticket: NEVER_STALE };
	let ops: number;
	try {
		let seed = 1;
		ops = await rate(async (deadline) => (await trainSamples(copy, opt, s.train, bce, { ...opts, rng: createRng(seed++), deadline })).samples);
	} finally {
		opt.dispose();
		copy.dispose();
	}
	if (!engineAvailable()) return { ops, fused: 0 };
	const other = new Mlp(specOf(weights), weights);
	const engine = await FusedTrainer.create(engineSpec(s), [other], [s.host]);
	try {
		let seed = 1;
		const fused = await rate(async (deadline) => (await engine.epoch([createRng(seed++)], { ...opts, deadline })).samples);
		return { ops, fused };
	} finally {
		engine.dispose();
		other.dispose();
	}
}

const choosing = new WeakMap<ModelState, Promise<TrainPath>>();

/** Time both paths once per model and train on the faster from then on (an estimate and a training share it). */
export function choosePath(s: ModelState): Promise<TrainPath> {
	let chosen = choosing.get(s);
	if (!chosen) {
		chosen = (async () => {
			s.rates = await measureRates(s, 150);
			s.path = s.rates.fused > s.rates.ops ? 'fused' : 'ops';
			if (s.path === 'fused') s.engine = await FusedTrainer.create(engineSpec(s), [s.model], [s.host]);
			return s.path;
		})();
		choosing.set(s, chosen);
	}
	return chosen;
}

/**
 * Train on a fixed path instead of the faster measured one: the fused engine where the backend has it, else op by op
 * (sweeps: a run gives the same numbers wherever and whenever it is trained).
 */
export async function fixPath(s: ModelState): Promise<TrainPath> {
	const path: TrainPath = engineAvailable() ? 'fused' : 'ops';
	if (path === 'fused' && !s.engine) s.engine = await FusedTrainer.create(engineSpec(s), [s.model], [s.host]);
	s.path = path;
	choosing.set(s, Promise.resolve(path));
	return path;
}

/** Train `epochs` more epochs; progress at most every `reportMs`, within an epoch too (wide models take minutes per epoch). */
export async function trainEpochs(s: ModelState, epochs: number, ticket: Ticket, onProgress?: (p: CompressionProgress) => void, reportMs = 120): Promise<void> {
	const report = throttle(reportMs);
	const path = await choosePath(s);
	for (let e = 0; e < epochs; e++) {
		const t0 = performance.now();
		const partial = (samples: number) => {
			if (onProgress && report(false)) {
				const rate = samples / Math.max(1e-3, (performance.now() - t0) / 1000);
				onProgress({ epoch: s.epoch, partial: samples / s.train.n, history: s.history.slice(), samplesPerSecond: rate, path });
			}
		};
		const opts = { batchSize: s.config.batchSize, ticket, onCheckpoint: partial };
		let loss: number;
		if (s.engine) {
			try {
				loss = (await s.engine.epoch([s.rng], opts)).losses[0];
			} finally {
				// Paused mid-epoch too: the model holds what the engine has trained, as the op-by-op path would.
				s.engine.sync();
			}
		} else loss = await trainEpoch(s.model, s.optimizer, s.train, bce, { ...opts, rng: s.rng });
		s.epoch++;
		const { accuracy } = await qualityOf(s.model, s);
		s.history.push({ epoch: s.epoch, trainLoss: loss, testAccuracy: accuracy });
		if (onProgress && report(e === epochs - 1))
			onProgress({ epoch: s.epoch, history: s.history.slice(), samplesPerSecond: s.train.n / ((performance.now() - t0) / 1000), path });
	}
}

export interface TrainEstimate {
	ms: number;
	samplesPerSecond: number;
	path: TrainPath;
	/** Both paths' measured samples per second (fused 0 where the backend has no kernel). */
	rates: Record<TrainPath, number>;
}

/**
 * How long training the model for `epochs` epochs will take here, on the path it will train on: both paths are
 * timed on a copy (`choosePath`), and the faster one's samples per second extrapolated.
 */
export async function estimateTrainMs(s: ModelState, epochs: number): Promise<TrainEstimate> {
	const path = await choosePath(s);
	const rate = s.rates![path];
	return { ms: (epochs * s.train.n * 1000) / rate, samplesPerSecond: rate, path, rates: { ...s.rates! } };
}
