/**
 * The scaling lab's runs: the seeded tabular data and split, each scaler fitted on the training rows (and, for the
 * leakage comparison, one on all rows), and identical models trained on each scaling in lockstep with the same
 * optimizer and learning rate, full-batch, recording the loss after every step. A run whose loss becomes non-finite
 * or rises far above its starting value is marked diverged and stops.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { createRng } from '$lib/data/rng';
import { makeTabular } from '$lib/labs/scaling/worker/tabular';
import { fitScaler, SCALER_KINDS, type ScalerKind } from '$lib/features/scaling';
import { logLoss, rocAuc } from '$lib/metrics/classification';
import { Mlp } from '../../../engine/mlp';
import { Cancelled, checkpoint, throttle, type Ticket } from '../../../engine/run-control';
import { exploded, problem, surface } from './surface';
import { engineAvailable, tfAdam } from '../../../engine/fused/kernel';
import { FusedTrainer } from '../../../engine/fused/trainer';
import type { EngineOptimizer, EngineSpec } from '../../../engine/fused/spec';
import type { RunSpec, RunState, ScalingConfig, ScalingProgress, ScalingSetup, Surface, SurfaceRequest } from '../types';

/** Stable binary cross-entropy from logits: mean(max(z, 0) − z·y + ln(1 + e^−|z|)), unclipped so blow-ups show. */
function bceFromLogits(y: tf.Tensor, z: tf.Tensor): tf.Scalar {
	return tf.tidy(() => tf.mean(tf.add(tf.sub(tf.relu(z), tf.mul(z, y)), tf.log1p(tf.exp(tf.neg(tf.abs(z)))))) as tf.Scalar);
}

export function splitRows(rows: number[][], y: Uint8Array, seed: number): { train: number[]; test: number[] } {
	const idx = createRng(seed)
		.fork('split')
		.shuffle(Array.from({ length: rows.length }, (_, i) => i));
	const cut = Math.round(rows.length * 0.7);
	return { train: idx.slice(0, cut).sort((a, b) => a - b), test: idx.slice(cut).sort((a, b) => a - b) };
}

export function validateScaling(c: ScalingConfig): void {
	if (!(c.lr > 0 && c.lr <= 100)) throw new RangeError(`The learning rate must be in (0, 100] (got ${c.lr}).`);
	if (!['logistic', 'mlp'].includes(c.model)) throw new RangeError(`Unknown model '${c.model}'.`);
	if (!['sgd', 'momentum', 'adam'].includes(c.optimizer)) throw new RangeError(`Unknown optimizer '${c.optimizer}'.`);
}

function makeOptimizer(c: ScalingConfig): tf.Optimizer {
	if (c.optimizer === 'adam') return tf.train.adam(c.lr);
	if (c.optimizer === 'momentum') return tf.train.momentum(c.lr, 0.9);
	return tf.train.sgd(c.lr);
}

export interface Run {
	spec: RunSpec;
	model: Mlp;
	optimizer: tf.Optimizer;
	x: tf.Tensor2D;
	y: tf.Tensor1D;
	testX: tf.Tensor2D;
	state: RunState;
	/** The scaled training rows on the host, for the fused engine. */
	host: { x: Float32Array; y: Uint8Array };
}

export interface ScalingState {
	config: ScalingConfig;
	runs: Run[];
	testY: Uint8Array;
	step: number;
	/** The fused engine for every run, on backends that have it (made at the first step). */
	engine: FusedTrainer | null;
}

export function disposeState(s: ScalingState): void {
	s.engine?.dispose();
	for (const r of s.runs) {
		r.model.dispose();
		r.optimizer.dispose();
		tf.dispose([r.x, r.y, r.testX]);
	}
}

export async function evaluate(r: Run, testY: Uint8Array): Promise<RunState['test']> {
	if (r.state.divergedAt !== null) return null;
	const p = await r.model.predictArray(r.testX);
	if (!p.every(Number.isFinite)) return null;
	let correct = 0;
	for (let i = 0; i < p.length; i++) correct += (p[i] >= 0.5 ? 1 : 0) === testY[i] ? 1 : 0;
	const both = testY.some((v) => v === 1) && testY.some((v) => v === 0);
	return { loss: logLoss(testY, p), accuracy: correct / p.length, auc: both ? rocAuc(testY, p) : NaN };
}

export function snapshot(s: ScalingState): ScalingProgress['runs'] {
	return s.runs.map((r) => ({ ...r.state, loss: r.state.loss.slice() }));
}

/** Data, scalers and one model per scaling (same initial weights), with the loss before any step. */
export async function buildState(config: ScalingConfig): Promise<{ state: ScalingState; setup: ScalingSetup }> {
	validateScaling(config);
	const rng = createRng(config.seed);
	const data = makeTabular({ n: config.n, skew: config.skew, outliers: config.outliers }, rng.fork('data'));
	const { train, test } = splitRows(data.rows, data.y, config.seed);
	const trainRows = train.map((i) => data.rows[i]);
	const testRows = test.map((i) => data.rows[i]);
	const trainY = Uint8Array.from(train, (i) => data.y[i]);
	const testY = Uint8Array.from(test, (i) => data.y[i]);
	const specs: RunSpec[] = SCALER_KINDS.map((k) => ({ id: k, scaler: k, leaky: false }));
	if (config.leak) specs.push({ id: 'standard-leaky', scaler: 'standard', leaky: true });
	const hidden = config.model === 'mlp' ? [16] : [];
	const init = rng.fork('init');
	const initWeights = new Mlp({ inputs: 4, hidden, activation: 'tanh' }, init);
	const weights = await initWeights.getWeights();
	initWeights.dispose();
	const params: ScalingSetup['params'] = {};
	const testMeans: ScalingSetup['testMeans'] = {};
	const built: Run[] = specs.map((spec) => {
		const scaler = fitScaler(spec.scaler, spec.leaky ? data.rows : trainRows);
		const xs = scaler.transform(trainRows);
		const ts = scaler.transform(testRows);
		params[spec.id] = scaler.params;
		testMeans[spec.id] = [0, 1, 2, 3].map((j) => ts.reduce((s, r) => s + r[j], 0) / ts.length);
		return {
			spec,
			model: new Mlp({ inputs: 4, hidden, activation: 'tanh' }, weights),
			optimizer: makeOptimizer(config),
			x: tf.tensor2d(xs.flat(), [xs.length, 4]),
			y: tf.tensor1d(Float32Array.from(trainY)),
			testX: tf.tensor2d(ts.flat(), [ts.length, 4]),
			state: { id: spec.id, loss: [], divergedAt: null, test: null },
			host: { x: Float32Array.from(xs.flat()), y: trainY }
		};
	});
	for (const r of built) {
		const l = tf.tidy(() => bceFromLogits(r.y, r.model.logits(r.x)));
		r.state.loss.push((await l.data())[0]);
		l.dispose();
	}
	const state: ScalingState = { config, runs: built, testY, step: 0, engine: null };
	for (const r of built) r.state.test = await evaluate(r, testY);
	let pos = 0;
	for (const v of data.y) pos += v;
	const setup: ScalingSetup = {
		runs: specs,
		sample: trainRows.slice(0, 3000),
		trainSize: train.length,
		testSize: test.length,
		positiveRate: pos / data.y.length,
		params,
		testMeans
	};
	return { state, setup };
}

function engineOptimizer(c: ScalingConfig): EngineOptimizer {
	if (c.optimizer === 'adam') return tfAdam(c.lr);
	if (c.optimizer === 'momentum') return { kind: 'momentum', lr: c.lr, momentum: 0.9 };
	return { kind: 'sgd', lr: c.lr };
}

/** The fused engine for every run (null where the backend has no fused kernel: train op by op there). */
async function engineFor(s: ScalingState): Promise<FusedTrainer | null> {
	if (s.engine || !engineAvailable()) return s.engine;
	const spec: EngineSpec = {
		sizes: [4, ...(s.config.model === 'mlp' ? [16] : []), 1],
		activation: 'tanh',
		models: s.runs.map(() => ({ loss: { kind: 'logits' }, optimizer: engineOptimizer(s.config) }))
	};
	s.engine = await FusedTrainer.create(
		spec,
		s.runs.map((r) => r.model),
		s.runs.map((r) => r.host)
	);
	return s.engine;
}

/** Record the loss after a step; a run whose loss explodes is marked diverged at that step and stops. */
function record(r: Run, step: number, loss: number): void {
	if (r.state.divergedAt !== null) return;
	if (exploded(loss, r.state.loss[0])) r.state.divergedAt = step;
	else r.state.loss.push(loss);
}

/** Train every run `steps` more full-batch steps, reporting at most every `reportMs` (and after the last step). */
export async function trainSteps(s: ScalingState, steps: number, ticket: Ticket, onProgress?: (p: ScalingProgress) => void, reportMs = 120): Promise<void> {
	if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`steps must be a whole number ≥ 1 (got ${steps}).`);
	const report = throttle(reportMs);
	const t0 = performance.now();
	const start = s.step;
	const engine = await engineFor(s);
	const finish = async () => {
		engine?.sync();
		for (const r of s.runs) r.state.test = await evaluate(r, s.testY);
	};
	let chunk = 4;
	try {
		for (let k = 0; k < steps;) {
			let n = 1;
			if (engine) {
				// Several steps of every live run in one kernel call, sized to ~15 ms.
				n = Math.min(chunk, steps - k);
				const live = s.runs.map((r, i) => (r.state.divergedAt === null ? i : -1)).filter((i) => i >= 0);
				const c0 = performance.now();
				const losses = live.length ? await engine.fullBatchSteps(n, live) : [];
				chunk = Math.max(1, Math.min(1000, Math.round(chunk * Math.min(2, Math.max(0.5, 15 / Math.max(0.05, performance.now() - c0))))));
				live.forEach((ri, i) => {
					for (let j = 1; j <= n; j++) record(s.runs[ri], s.step + j, losses[i][j]);
				});
				s.step += n;
			} else {
				for (const r of s.runs) {
					if (r.state.divergedAt === null) r.optimizer.minimize(() => bceFromLogits(r.y, r.model.logits(r.x)), false, r.model.variables);
				}
				s.step++;
				// Record the full-batch loss after the step.
				for (const r of s.runs) {
					if (r.state.divergedAt !== null) continue;
					const l = tf.tidy(() => bceFromLogits(r.y, r.model.logits(r.x)));
					const v = (await l.data())[0];
					l.dispose();
					record(r, s.step, v);
				}
			}
			k += n;
			const last = k >= steps;
			if (last || (onProgress && report())) {
				if (last) await finish();
				onProgress?.({ step: s.step, runs: snapshot(s), stepsPerSecond: (s.step - start) / ((performance.now() - t0) / 1000) });
			}
			await checkpoint(ticket);
		}
	} catch (e) {
		// Paused mid-run: report the test metrics of where it stopped.
		if (e instanceof Cancelled) {
			await finish();
			onProgress?.({ step: s.step, runs: snapshot(s), stepsPerSecond: 0 });
		}
		throw e;
	}
}

/** Loss surfaces of the two-weight model on raw features and on the chosen scaling. */
export function surfaces(req: SurfaceRequest): Surface[] {
	if (req.a === req.b) throw new RangeError('Choose two different features for the loss surface.');
	if (!(req.lr > 0)) throw new RangeError(`The learning rate must be positive (got ${req.lr}).`);
	const rng = createRng(req.seed);
	const data = makeTabular({ n: req.n, skew: req.skew, outliers: req.outliers }, rng.fork('data'));
	const { train } = splitRows(data.rows, data.y, req.seed);
	const use = train.slice(0, 1000);
	const rows = use.map((i) => data.rows[i]);
	const y = Uint8Array.from(use, (i) => data.y[i]);
	const kinds: ScalerKind[] = req.scaler === 'none' ? ['none'] : ['none', req.scaler];
	return kinds.map((k) => surface(problem(fitScaler(k, rows).transform(rows), y, req.a, req.b), k, req.lr, req.steps));
}
