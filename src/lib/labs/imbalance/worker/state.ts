/**
 * The imbalance lab's state in the worker: the seeded data and split, one trainee per model (its re-sampled
 * training data on the device, loss, optimizer and batch order) with the same initial weights, the test set and
 * the decision-surface grid. Built by `buildState`, freed by `disposeState`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { classCounts, columnExtent, subset, type Dataset } from '$lib/data/dataset';
import { makeImbalanceData } from '$lib/labs/imbalance/worker/generate';
import { createRng, type Rng } from '$lib/data/rng';
import { resample, stratifiedSplit, type Split } from '$lib/data/split';
import { Mlp } from '../../../engine/mlp';
import { disposeDevice, toDevice, type DeviceData, type LossFn } from '../../../engine/train';
import { lossFor } from './losses';
import type { FusedTrainer } from '../../../engine/fused/trainer';
import type { EngineLoss } from '../../../engine/fused/spec';
import type { GridSpec, ImbalanceConfig, ImbalanceProgress, ImbalanceSetup, ModelConfig } from '../types';
import { applyStandardizer, principalComponents, standardizer, type Encoded, type OwnSpec } from './own-data';

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
	/** Model inputs per row (2 for the synthetic data; the user's encoded columns otherwise). */
	inputs: number;
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

/**
 * Points to draw, in the surface's coordinates: a seeded subsample of at most MAX_MAJORITY_SHOWN majority points and
 * every minority point (own data: at most MAX_MAJORITY_SHOWN of each class; the page says how many).
 */
function displayPoints(data: Dataset, rng: Rng, project: (d: Dataset) => Float32Array, capMinority: boolean): ImbalanceSetup['points'] {
	const majority: number[] = [];
	const minority: number[] = [];
	for (let i = 0; i < data.n; i++) (data.y[i] ? minority : majority).push(i);
	const cap = (idx: number[], r: Rng) =>
		idx.length > MAX_MAJORITY_SHOWN
			? r
					.shuffle(idx)
					.slice(0, MAX_MAJORITY_SHOWN)
					.sort((a, b) => a - b)
			: idx;
	const shownMajority = cap(majority, rng);
	const shownMinority = capMinority ? cap(minority, rng.fork('minority')) : minority;
	// Majority first so the minority is drawn on top.
	const shown = subset(data, [...shownMajority, ...shownMinority]);
	return { x: project(shown), y: shown.y, shown: shown.n, total: data.n, allMinority: shownMinority.length === minority.length };
}

/** Where the decision surface is drawn: its grid (in the plotted coordinates) and the same points as model inputs. */
interface SurfaceView {
	grid: GridSpec;
	/** nx·ny rows of model inputs. */
	inputs: Float32Array;
	/** Rows of model inputs → their plotted (x, y) pairs. */
	project: (d: Dataset) => Float32Array;
	axes: [string, string];
	note: string | null;
}

/** The user's data: standardise (fitted on the training split), and the surface over two features or two components. */
function ownView(split: { train: Dataset; test: Dataset }, own: Encoded, spec: OwnSpec, seed: number): { train: Dataset; test: Dataset; view: SurfaceView } {
	const st = spec.standardize ? standardizer(split.train, own.numeric) : null;
	const train = st ? applyStandardizer(split.train, st) : split.train;
	const test = st ? applyStandardizer(split.test, st) : split.test;
	const d = train.d;
	let project: (x: Dataset) => Float32Array;
	let toInputs: (u: number, v: number, out: Float32Array, at: number) => void;
	let axes: [string, string];
	let note: string | null;
	if (spec.surface.kind === 'features') {
		const a = own.names.indexOf(spec.surface.x);
		const b = own.names.indexOf(spec.surface.y);
		// The other inputs at their training medians (as the model sees them).
		const base = new Float32Array(d);
		const col = new Float32Array(train.n);
		for (let j = 0; j < d; j++) {
			for (let i = 0; i < train.n; i++) col[i] = train.x[i * d + j];
			col.sort();
			base[j] = train.n % 2 ? col[(train.n - 1) / 2] : (col[train.n / 2 - 1] + col[train.n / 2]) / 2;
		}
		const scale = (j: number, v: number) => (st ? (v - st.mean[j]) / st.sd[j] : v);
		const unscale = (j: number, v: number) => (st ? v * st.sd[j] + st.mean[j] : v);
		project = (x) => {
			const out = new Float32Array(x.n * 2);
			for (let i = 0; i < x.n; i++) {
				out[2 * i] = unscale(a, x.x[i * d + a]);
				out[2 * i + 1] = unscale(b, x.x[i * d + b]);
			}
			return out;
		};
		toInputs = (u, v, out, at) => {
			out.set(base, at);
			out[at + a] = scale(a, u);
			out[at + b] = scale(b, v);
		};
		axes = [spec.surface.x, spec.surface.y];
		note = d > 2 ? `The other ${d - 2} inputs are held at their training medians.` : null;
	} else {
		const pca = principalComponents(train, seed);
		const [v1, v2] = pca.vectors;
		project = (x) => {
			const out = new Float32Array(x.n * 2);
			for (let i = 0; i < x.n; i++) {
				let s1 = 0;
				let s2 = 0;
				for (let j = 0; j < d; j++) {
					const c = x.x[i * d + j] - pca.mean[j];
					s1 += c * v1[j];
					s2 += c * v2[j];
				}
				out[2 * i] = s1;
				out[2 * i + 1] = s2;
			}
			return out;
		};
		toInputs = (u, v, out, at) => {
			for (let j = 0; j < d; j++) out[at + j] = pca.mean[j] + u * v1[j] + v * v2[j];
		};
		const share = (k: number) => Math.round((100 * pca.variance[k]) / (pca.total || 1));
		axes = [`PC1 (${share(0)}% of the variance)`, `PC2 (${share(1)}%)`];
		note = `The plane of the first two principal components of the training inputs${spec.standardize ? ' (standardised)' : ''}; ${d > 2 ? 'points off the plane are drawn at their projection.' : ''}`;
	}
	const pts = project(train);
	// The same padded extent and cell centres as the synthetic plane, over the plotted coordinates.
	const grid = gridSpec({ x: pts, y: train.y, n: train.n, d: 2 });
	const plane = gridPoints(grid);
	const inputs = new Float32Array(grid.nx * grid.ny * d);
	for (let k = 0; k < grid.nx * grid.ny; k++) toInputs(plane[2 * k], plane[2 * k + 1], inputs, k * d);
	return { train, test, view: { grid, inputs, project, axes, note } };
}

export function validateConfig(c: ImbalanceConfig): void {
	if (!(c.lr > 0 && c.lr <= 10)) throw new RangeError(`The learning rate must be in (0, 10] (got ${c.lr}).`);
	if (!Number.isInteger(c.batchSize) || c.batchSize < 1) throw new RangeError(`The batch size must be a whole number ≥ 1 (got ${c.batchSize}).`);
	if (!(c.beta >= 0 && c.beta < 1)) throw new RangeError(`β must be in [0, 1) (got ${c.beta}).`);
	if (!(c.gamma >= 0 && c.gamma <= 10)) throw new RangeError(`γ must be in [0, 10] (got ${c.gamma}).`);
	if (c.alpha !== null && !(c.alpha > 0 && c.alpha < 1)) throw new RangeError(`α must be in (0, 1) (got ${c.alpha}).`);
}

/**
 * Build data and fresh models for `config`; also returns what the page shows about them. With `own` (the user's
 * table, encoded), the data is theirs: the same split, models and training as the synthetic data. `split` replaces
 * the seeded 70/30 split (cross-validation's folds); everything else is seeded as without it.
 */
export function buildState(config: ImbalanceConfig, own: Encoded | null = null, split?: Split): { state: LabState; setup: ImbalanceSetup } {
	validateConfig(config);
	if (config.own && !own) throw new Error('The imported file is no longer loaded: pick it again.');
	const rng = createRng(config.seed);
	const synthetic = own || split ? null : makeImbalanceData({ n: config.n, ratio: config.ratio, overlap: config.overlap }, rng.fork('data'));
	const data = own ? own.data : (split?.train ?? synthetic!);
	split ??= stratifiedSplit(data, 0.3, rng.fork('split'));
	let prepared: { train: Dataset; test: Dataset; view: SurfaceView };
	if (own && config.own) prepared = ownView(split, own, config.own, config.seed);
	else {
		const g = gridSpec(data);
		prepared = { train: split.train, test: split.test, view: { grid: g, inputs: gridPoints(g), project: (x) => x.x, axes: ['x1', 'x2'], note: null } };
	}
	const { train, test, view } = prepared;
	const d = data.d;
	const trainCounts = classCounts(train.y);
	const trainees: Trainee[] = config.models.map((mc, m) => {
		const trained = resample(train, mc.resampling, rng.fork(`resample-${m}`));
		const counts = classCounts(trained.y);
		const { loss, weights } = lossFor(config, mc, counts);
		return {
			config: mc,
			// Same initial weights for both models: only the loss and the sampling differ.
			model: new Mlp({ inputs: d, hidden: config.hidden, activation: 'tanh' }, rng.fork('init')),
			optimizer: tf.train.adam(config.lr),
			loss,
			train: toDevice(trained.x, trained.y, d),
			rng: rng.fork(`batches-${m}`),
			weights,
			counts,
			engineLoss: { kind: 'clipped', weights, gamma: mc.loss === 'focal' ? config.gamma : 0 },
			host: { x: trained.x, y: trained.y }
		};
	});
	const state: LabState = {
		config,
		inputs: d,
		trainees,
		engine: null,
		test: toDevice(test.x, test.y, d),
		testHost: { x: test.x, y: test.y },
		testLabels: test.y,
		grid: tf.tensor2d(view.inputs, [view.grid.nx * view.grid.ny, d]),
		gridSpec: view.grid,
		epoch: 0,
		history: []
	};
	const setup: ImbalanceSetup = {
		minorityRaised: synthetic?.minorityRaised ?? null,
		counts: { train: trainCounts, test: classCounts(test.y), trained: trainees.map((t) => t.counts) },
		classWeights: trainees.map((t) => t.weights),
		points: displayPoints(train, rng.fork('display'), view.project, !!own),
		testLabels: test.y,
		grid: view.grid,
		parameters: trainees[0].model.parameterCount,
		axes: view.axes,
		own:
			own && config.own
				? {
						rows: own.data.n,
						inputs: own.names,
						dropped: own.dropped,
						surface: config.own.surface.kind,
						surfaceNote: view.note,
						positive: config.own.positive,
						negative: own.negative
					}
				: null
	};
	return { state, setup };
}

/** The synthetic data `config` describes (as buildState makes it), e.g. to download. */
export function syntheticData(config: ImbalanceConfig): Dataset {
	return makeImbalanceData({ n: config.n, ratio: config.ratio, overlap: config.overlap }, createRng(config.seed).fork('data'));
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
