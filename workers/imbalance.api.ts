/**
 * The class-imbalance lab's worker logic: builds the seeded dataset and split, trains two MLPs side by side on
 * their losses, and reports snapshots (losses, test scores, decision surface, ROC/PR) while training.
 * Imported directly by Node tests; workers/imbalance.worker.ts only exposes it with Comlink.
 */
import * as tf from '@tensorflow/tfjs-core';
import { classCounts, columnExtent, subset, type Dataset } from '$lib/data/dataset';
import { makeImbalanceData } from '$lib/data/imbalance';
import { createRng, type Rng } from '$lib/data/rng';
import { resample, stratifiedSplit } from '$lib/data/split';
import { averagePrecision, prCurve, rocAuc, rocCurve } from '$lib/metrics/classification';
import { downsampleCurve } from '$lib/metrics/downsample';
import { classBalancedWeights, focalLoss, weightedBinaryCrossEntropy } from '$lib/ml/losses';
import { initBackend } from './lib/backend';
import type { BackendChoice, BackendReport } from './lib/backend-types';
import { Mlp } from './lib/mlp';
import { Exclusive, throttle } from './lib/run-control';
import { disposeDevice, evaluateLoss, toDevice, trainEpoch, trainSamples, type DeviceData, type LossFn } from './lib/train';
import type { GridSpec, ImbalanceConfig, ImbalanceProgress, ImbalanceSetup, ModelConfig, ModelSnapshot, TrainOutcome } from './imbalance.types';

const GRID = 60;
const MAX_MAJORITY_SHOWN = 1500;

interface Trainee {
	config: ModelConfig;
	model: Mlp;
	optimizer: tf.Optimizer;
	loss: LossFn;
	train: DeviceData;
	rng: Rng;
	weights: [number, number];
	/** Class counts after re-sampling: what this model actually trains on. */
	counts: [number, number];
}

interface LabState {
	config: ImbalanceConfig;
	trainees: Trainee[];
	test: DeviceData;
	testLabels: Uint8Array;
	grid: tf.Tensor2D;
	epoch: number;
	history: ImbalanceProgress['history'];
}

export function lossFor(config: ImbalanceConfig, model: ModelConfig, counts: [number, number]): { loss: LossFn; weights: [number, number] } {
	switch (model.loss) {
		case 'bce':
			return { loss: (y, p) => focalLoss(y, p, { gamma: 0, alpha: null }), weights: [1, 1] };
		case 'weighted': {
			const n = counts[0] + counts[1];
			const w: [number, number] = [n / (2 * counts[0]), n / (2 * counts[1])];
			return { loss: (y, p) => weightedBinaryCrossEntropy(y, p, w), weights: w };
		}
		case 'class-balanced': {
			const w = classBalancedWeights(counts, config.beta) as [number, number];
			return { loss: (y, p) => weightedBinaryCrossEntropy(y, p, w), weights: w };
		}
		case 'focal': {
			const a = config.alpha;
			return { loss: (y, p) => focalLoss(y, p, { gamma: config.gamma, alpha: a }), weights: a === null ? [1, 1] : [1 - a, a] };
		}
	}
}

function gridSpec(data: Dataset): GridSpec {
	const [x0, x1] = columnExtent(data, 0);
	const [y0, y1] = columnExtent(data, 1);
	const px = 0.08 * (x1 - x0 || 1);
	const py = 0.08 * (y1 - y0 || 1);
	return { x0: x0 - px, x1: x1 + px, y0: y0 - py, y1: y1 + py, nx: GRID, ny: GRID };
}

function gridPoints(g: GridSpec): Float32Array {
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

export function createImbalanceApi() {
	const runs = new Exclusive();
	let state: LabState | null = null;
	let backend: BackendReport | null = null;

	function disposeState(): void {
		if (!state) return;
		for (const t of state.trainees) {
			t.model.dispose();
			t.optimizer.dispose();
			disposeDevice(t.train);
		}
		disposeDevice(state.test);
		state.grid.dispose();
		state = null;
	}

	async function snapshot(s: LabState, trainLosses: number[]): Promise<ModelSnapshot[]> {
		const out: ModelSnapshot[] = [];
		for (let m = 0; m < s.trainees.length; m++) {
			const t = s.trainees[m];
			const testScores = await t.model.predictArray(s.test.x);
			const grid = await t.model.predictArray(s.grid);
			const testLoss = await evaluateLoss(t.model, s.test, t.loss);
			const roc = rocCurve(s.testLabels, testScores);
			const pr = prCurve(s.testLabels, testScores);
			out.push({
				trainLoss: trainLosses[m],
				testLoss,
				testScores,
				grid,
				rocAuc: rocAuc(s.testLabels, testScores),
				averagePrecision: averagePrecision(s.testLabels, testScores),
				roc: downsampleCurve(roc.fpr, roc.tpr),
				pr: downsampleCurve(pr.recall, pr.precision)
			});
		}
		return out;
	}

	return {
		async init(choice: BackendChoice): Promise<BackendReport> {
			backend = await initBackend(choice);
			return backend;
		},

		backend(): BackendReport | null {
			return backend;
		},

		/** Build data and fresh models. Cancels any training in progress first. */
		async setup(config: ImbalanceConfig): Promise<ImbalanceSetup> {
			await runs.stop();
			disposeState();
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
					counts
				};
			});
			state = {
				config,
				trainees,
				test: toDevice(split.test.x, split.test.y, 2),
				testLabels: split.test.y,
				grid: tf.tensor2d(gridPoints(g), [g.nx * g.ny, 2]),
				epoch: 0,
				history: []
			};
			return {
				notice: data.notice,
				counts: { train: trainCounts, test: classCounts(split.test.y), trained: trainees.map((t) => t.counts) },
				classWeights: trainees.map((t) => t.weights),
				points: displayPoints(split.train, rng.fork('display')),
				testLabels: split.test.y,
				grid: g,
				parameters: trainees[0].model.parameterCount
			};
		},

		/** Snapshot of the current (untrained or partly trained) models without training. */
		async peek(): Promise<ImbalanceProgress> {
			if (!state) throw new Error('Call setup() before peek().');
			const s = state;
			const losses = await Promise.all(s.trainees.map((t) => evaluateLoss(t.model, t.train, t.loss)));
			return { epoch: s.epoch, models: await snapshot(s, losses), history: s.history.slice(), samplesPerSecond: 0 };
		},

		/**
		 * Train up to `epochs` more epochs, reporting progress at most every `reportMs`. A later setup(), train()
		 * or cancel() supersedes this call, which then resolves with status 'cancelled' at the next checkpoint.
		 */
		async train(epochs: number, onProgress?: (p: ImbalanceProgress) => void, reportMs = 120): Promise<TrainOutcome> {
			if (!state) throw new Error('Call setup() before train().');
			if (!Number.isInteger(epochs) || epochs < 1) throw new RangeError(`epochs must be a whole number ≥ 1 (got ${epochs}).`);
			const shouldReport = throttle(reportMs);
			return runs.run<TrainOutcome>(
				async (ticket) => {
					// The state as it is when this job starts (a setup() queued before it has replaced it).
					const s = state;
					if (!s) throw new Error('Call setup() before train().');
					for (let e = 0; e < epochs; e++) {
						const t0 = performance.now();
						let samples = 0;
						const trainLosses: number[] = [];
						for (const t of s.trainees) {
							trainLosses.push(
								await trainEpoch(t.model, t.optimizer, t.train, t.loss, { batchSize: s.config.batchSize, rng: t.rng, ticket })
							);
							samples += t.train.n;
						}
						s.epoch++;
						const last = e === epochs - 1;
						const testLosses = await Promise.all(s.trainees.map((t) => evaluateLoss(t.model, s.test, t.loss)));
						s.history.push({ epoch: s.epoch, train: trainLosses, test: testLosses });
						if (onProgress && shouldReport(last)) {
							const models = await snapshot(s, trainLosses);
							onProgress({ epoch: s.epoch, models, history: s.history.slice(), samplesPerSecond: samples / ((performance.now() - t0) / 1000) });
						}
					}
					return { status: 'done', epoch: s.epoch };
				},
				() => ({ status: 'cancelled', epoch: state?.epoch ?? 0 })
			);
		},

		cancel(): void {
			runs.cancel();
		},

		/**
		 * Training throughput of the lab's model (one MLP, its loss, batch size) on the current backend: trains for
		 * about `ms` milliseconds after a warm-up and returns samples per second. Uses the data from the last setup().
		 */
		async benchmark(ms = 2000): Promise<{ samplesPerSecond: number; samples: number; seconds: number }> {
			if (!state) throw new Error('Call setup() before benchmark().');
			return runs.run(
				async (ticket) => {
					const s = state;
					if (!s) throw new Error('Call setup() before benchmark().');
					const t = s.trainees[0];
					const opts = { batchSize: s.config.batchSize, rng: t.rng, ticket };
					await trainSamples(t.model, t.optimizer, t.train, t.loss, { ...opts, deadline: performance.now() + Math.min(500, ms / 4) });
					const t0 = performance.now();
					let samples = 0;
					while (performance.now() - t0 < ms) {
						samples += (await trainSamples(t.model, t.optimizer, t.train, t.loss, { ...opts, deadline: t0 + ms })).samples;
					}
					const seconds = (performance.now() - t0) / 1000;
					return { samplesPerSecond: samples / seconds, samples, seconds };
				},
				() => {
					throw new Error('The benchmark was superseded by another request.');
				}
			);
		},

		async dispose(): Promise<void> {
			await runs.stop();
			disposeState();
		},

		numTensors(): number {
			return tf.memory().numTensors;
		}
	};
}

export type ImbalanceApi = ReturnType<typeof createImbalanceApi>;
