/**
 * The imbalance lab's state in the worker: the seeded data and split, one trainee per model (its re-sampled
 * training data on the device, loss, optimizer and batch order) with the same initial weights, the test set and
 * the decision-surface grid. Built by `buildState`, freed by `disposeState`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { classCounts, columnExtent, subset, type Dataset } from '$lib/data/dataset';
import { makeImbalanceData } from '$lib/data/imbalance';
import { createRng, type Rng } from '$lib/data/rng';
import { resample, stratifiedSplit } from '$lib/data/split';
import { Mlp } from '../lib/mlp';
import { disposeDevice, toDevice, type DeviceData, type LossFn } from '../lib/train';
import { lossFor } from './losses';
import type { FusedTrainer } from '../lib/engine/trainer';
import type { EngineLoss } from '../lib/engine/spec';
import type { GridSpec, ImbalanceConfig, ImbalanceProgress, ImbalanceSetup, ModelConfig } from '../imbalance.types';

const GRID = 60;
const MAX_MAJORITY_SHOWN = 1500;

export interface Trainee {
	config: ModelConfig;
	model: Mlp;
	optimizer: tf.Optimizer;
	loss: LossFn;
	train: DeviceData;
	rng: Rng;
	weights: [number, number];
	/** Class counts after re-sampling: what this model actually trains on. */
	counts: [number, number];
	/** The same loss for the fused engine. */
	engineLoss: EngineLoss;
	/** The re-sampled training rows on the host, for the fused engine. */
	host: { x: Float32Array; y: Uint8Array };
}

export interface LabState {
	config: ImbalanceConfig;
	trainees: Trainee[];
	/** The fused training engine for both models, on backends that have it (made at the first epoch). */
	engine: FusedTrainer | null;
	test: DeviceData;
	/** The test rows on the host, for the fused engine's test losses. */
	testHost: { x: Float32Array; y: Uint8Array };
	testLabels: Uint8Array;
	grid: tf.Tensor2D;
	/** Where the grid's points are (its nx × ny cells). */
	gridSpec: GridSpec;
	epoch: number;
	history: ImbalanceProgress['history'];
}

export function gridSpec(data: Dataset): GridSpec {
	const [x0, x1] = columnExtent(data, 0);
	const [y0, y1] = columnExtent(data, 1);
	const px = 0.08 * (x1 - x0 || 1);
	const py = 0.08 * (y1 - y0 || 1);
	return { x0: x0 - px, x1: x1 + px, y0: y0 - py, y1: y1 + py, nx: GRID, ny: GRID };
}

export function gridPoints(g: GridSpec): Float32Array {
	const pts = new Float32Array(g.nx * g.ny * 2);
	for (let r = 0; r < g.ny; r++) {
		for (let c = 0; c < g.nx; c++) {
			const k = r * g.nx + c;
			pts[2 * k] = g.x0 + ((c + 0.5) / g.nx) * (g.x1 - g.x0);
			pts[2 * k + 1] = g.y0 + ((r + 0.5) / g.ny) * (g.y1 - g.y0);
		}
	}
	return pts;
}

function displayPoints(data: Dataset, rng: Rng): ImbalanceSetup['points'] {
	const majority: number[] = [];
	const minority: number[] = [];
	for (let i = 0; i < data.n; i++) (data.y[i] ? minority : majority).push(i);
	const shownMajority = majority.length > MAX_MAJORITY_SHOWN ? rng.shuffle(majority).slice(0, MAX_MAJORITY_SHOWN) : majority;
	// Majority first so the minority is drawn on top.
	const shown = subset(data, [...shownMajority.sort((a, b) => a - b), ...minority]);
	return { x: shown.x, y: shown.y, shown: shown.n, total: data.n };
}

export function validateConfig(c: ImbalanceConfig): void {
	if (!(c.lr > 0 && c.lr <= 10)) throw new RangeError(`The learning rate must be in (0, 10] (got ${c.lr}).`);
	if (!Number.isInteger(c.batchSize) || c.batchSize < 1) throw new RangeError(`The batch size must be a whole number ≥ 1 (got ${c.batchSize}).`);
	if (!(c.beta >= 0 && c.beta < 1)) throw new RangeError(`β must be in [0, 1) (got ${c.beta}).`);
	if (!(c.gamma >= 0 && c.gamma <= 10)) throw new RangeError(`γ must be in [0, 10] (got ${c.gamma}).`);
	if (c.alpha !== null && !(c.alpha > 0 && c.alpha < 1)) throw new RangeError(`α must be in (0, 1) (got ${c.alpha}).`);
}

/** Build data and fresh models for `config`; also returns what the page shows about them. */
export function buildState(config: ImbalanceConfig): { state: LabState; setup: ImbalanceSetup } {
	validateConfig(config);
	const rng = createRng(config.seed);
	const data = makeImbalanceData({ n: config.n, ratio: config.ratio, overlap: config.overlap }, rng.fork('data'));
	const split = stratifiedSplit(data, 0.3, rng.fork('split'));
	const trainCounts = classCounts(split.train.y);
	const g = gridSpec(data);
	const trainees: Trainee[] = config.models.map((mc, m) => {
		const trained = resample(split.train, mc.resampling, rng.fork(`resample-${m}`));
		const counts = classCounts(trained.y);
		const { loss, weights } = lossFor(config, mc, counts);
		return {
			config: mc,
			// Same initial weights for both models: only the loss and the sampling differ.
			model: new Mlp({ inputs: 2, hidden: config.hidden, activation: 'tanh' }, rng.fork('init')),
			optimizer: tf.train.adam(config.lr),
			loss,
			train: toDevice(trained.x, trained.y, 2),
			rng: rng.fork(`batches-${m}`),
			weights,
			counts,
			engineLoss: { kind: 'clipped', weights, gamma: mc.loss === 'focal' ? config.gamma : 0 },
			host: { x: trained.x, y: trained.y }
		};
	});
	const state: LabState = {
		config,
		trainees,
		engine: null,
		test: toDevice(split.test.x, split.test.y, 2),
		testHost: { x: split.test.x, y: split.test.y },
		testLabels: split.test.y,
		grid: tf.tensor2d(gridPoints(g), [g.nx * g.ny, 2]),
		gridSpec: g,
		epoch: 0,
		history: []
	};
	const setup: ImbalanceSetup = {
		minorityRaised: data.minorityRaised,
		counts: { train: trainCounts, test: classCounts(split.test.y), trained: trainees.map((t) => t.counts) },
		classWeights: trainees.map((t) => t.weights),
		points: displayPoints(split.train, rng.fork('display')),
		testLabels: split.test.y,
		grid: g,
		parameters: trainees[0].model.parameterCount
	};
	return { state, setup };
}

export function disposeState(s: LabState): void {
	s.engine?.dispose();
	for (const t of s.trainees) {
		t.model.dispose();
		t.optimizer.dispose();
		disposeDevice(t.train);
	}
	disposeDevice(s.test);
	s.grid.dispose();
}
