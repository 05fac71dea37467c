/**
 * The compression lab's model in the worker: seeded teacher data and split, an MLP with Adam, and its training
 * (epochs with progress inside each epoch), evaluation and a measured estimate of how long training will take.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng, type Rng } from '$lib/data/rng';
import { makeTeacherData } from '$lib/data/teacher';
import { stratifiedSplit } from '$lib/data/split';
import { focalLoss } from '$lib/ml/losses';
import { rocAuc } from '$lib/metrics/classification';
import { Mlp, type DenseWeights } from '../lib/mlp';
import { NEVER_STALE, throttle, type Ticket } from '../lib/run-control';
import { disposeDevice, toDevice, trainEpoch, trainSamples, type DeviceData } from '../lib/train';
import type { ModelVariant } from './variants';
import type { CompressionConfig, CompressionProgress, CompressionSetup } from '../compression.types';

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
}

export function buildState(config: CompressionConfig): { state: ModelState; setup: CompressionSetup } {
	validateCompression(config);
	const rng = createRng(config.seed);
	const data = makeTeacherData({ n: Math.round(config.nTrain / 0.7), d: config.features, flip: 0.05 }, rng.fork('data'));
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
		variants: new Map()
	};
	const setup = {
		parameters: model.parameterCount,
		layers: [config.features, ...Array(config.depth).fill(config.width), 1],
		trainSize: split.train.n,
		testSize: split.test.n
	};
	return { state, setup };
}

export function disposeState(s: ModelState): void {
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

/** Train `epochs` more epochs; progress at most every `reportMs`, within an epoch too (wide models take minutes per epoch). */
export async function trainEpochs(s: ModelState, epochs: number, ticket: Ticket, onProgress?: (p: CompressionProgress) => void, reportMs = 120): Promise<void> {
	const report = throttle(reportMs);
	for (let e = 0; e < epochs; e++) {
		const t0 = performance.now();
		const partial = (samples: number) => {
			if (onProgress && report(false)) {
				const rate = samples / Math.max(1e-3, (performance.now() - t0) / 1000);
				onProgress({ epoch: s.epoch, partial: samples / s.train.n, history: s.history.slice(), samplesPerSecond: rate });
			}
		};
		const loss = await trainEpoch(s.model, s.optimizer, s.train, bce, { batchSize: s.config.batchSize, rng: s.rng, ticket, onCheckpoint: partial });
		s.epoch++;
		const { accuracy } = await qualityOf(s.model, s);
		s.history.push({ epoch: s.epoch, trainLoss: loss, testAccuracy: accuracy });
		if (onProgress && report(e === epochs - 1))
			onProgress({ epoch: s.epoch, history: s.history.slice(), samplesPerSecond: s.train.n / ((performance.now() - t0) / 1000) });
	}
}

/**
 * How long training the model for `epochs` epochs will take here: a copy of the model trains one untimed step, then
 * about 200 ms on the real data (a throwaway shuffle and optimizer, so the run itself is unchanged), and the
 * measured samples per second are extrapolated.
 */
export async function estimateTrainMs(s: ModelState, epochs: number): Promise<{ ms: number; samplesPerSecond: number }> {
	const weights = await s.model.getWeights();
	const copy = new Mlp(specOf(weights), weights);
	const opt = tf.train.adam(s.config.lr);
	try {
		const opts = { batchSize: s.config.batchSize, ticket: NEVER_STALE };
		// One untimed step first: the first step of a fresh optimizer compiles kernels and allocates.
		await trainSamples(copy, opt, s.train, bce, { ...opts, rng: createRng(1), deadline: 0 });
		const t0 = performance.now();
		const { samples } = await trainSamples(copy, opt, s.train, bce, { ...opts, rng: createRng(2), deadline: t0 + 200 });
		const rate = samples / Math.max(1e-3, (performance.now() - t0) / 1000);
		return { ms: (epochs * s.train.n * 1000) / rate, samplesPerSecond: rate };
	} finally {
		opt.dispose();
		copy.dispose();
	}
}
