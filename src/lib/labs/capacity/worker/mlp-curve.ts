/**
 * The capacity lab's trained network: a 1-hidden-layer ReLU MLP d → w → 1 with a linear output, trained on the
 * squared error by full-batch Adam on the training set of the random-features curve (same seed, same set-up:
 * model.ts, data.ts), for each width w. Each width's seeds train together on the fused engine (its 'squared' loss,
 * src/lib/engine/fused), op by op where the backend has no fused kernel. Parameters 12w + 1 at d = 10, so the
 * interpolation threshold (parameters ≈ n = 40) sits near w ≈ 3.
 *
 * Measured (tests/unit/capacity-mlp-measure.test.ts, the default set-up, 4000 steps, lr 0.01, seeds 1–5; test MSE
 * as the lab's, E[(ŷ − y)²] on a fresh noisy label): mean test MSE 0.51 (w = 1), 0.55 (2), 1.32 (3), 1.99 (4), 1.06
 * (6), 0.98 (8), 0.60 (12), 0.51 (16), 0.46 (32), 0.41 (128); train MSE 0.035 at w = 3, 0.024 at w = 4, below 1e-3
 * from w = 6. Per seed the largest test error is at w = 3 or 4 in 4 of 5 seeds (w = 8 in the fifth). The engine and
 * the op-by-op path give the same table to 3 digits; the engine (JS step, Node) takes 0.2–1.6 s per width for five
 * seeds up to w = 32, op by op 5–11 s. At the page's defaults (DEFAULT_MLP, the lab's 20 replicates mixSeed(1, r)):
 * geometric-mean test MSE 0.31 (w = 1), 0.42 (2), 0.82 (3), 1.07 (4), 0.71 (6), 0.56 (8), 0.47 (12), 0.42 (16),
 * 0.39 (32); largest at w = 3 or 4 in 16 of 20 seeds; 19.6 s in Node (JS step), so the page trains the first
 * NETWORK_SEEDS (network.ts) of them.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '../../../data/rng';
import { engineAvailable, tfAdam } from '../../../engine/fused/kernel';
import { FusedTrainer } from '../../../engine/fused/trainer';
import { Mlp } from '../../../engine/mlp';
import { checkpoint, type Ticket } from '../../../engine/run-control';
import { disposeDevice, toDevice, trainEpoch } from '../../../engine/train';
import type { Curve, CurvePoint } from '../curve';
import { trainingSet, type TrainingSet } from '../data';
import { setUpModel, type ModelOptions, type ModelSetup } from '../model';
import { DEFAULT_MLP, type MlpCurveOptions } from '../network';

export { DEFAULT_MLP, type MlpCurveOptions };

/** Steps between cancellation checkpoints. */
const CHUNK = 250;

interface Problem {
	setup: ModelSetup;
	train: TrainingSet;
}

function mse(model: Mlp, x: Float64Array, target: ArrayLike<number>, dim: number): number {
	const rows = target.length;
	const pred = tf.tidy(() => model.logits(tf.tensor2d(Float32Array.from(x), [rows, dim])).dataSync());
	let s = 0;
	for (let i = 0; i < rows; i++) s += (pred[i] - target[i]) ** 2;
	return s / rows;
}

async function trainWidth(
	problems: Problem[],
	width: number,
	seeds: number[],
	o: MlpCurveOptions,
	ticket: Ticket,
	onStep: (steps: number) => void
): Promise<Mlp[]> {
	const dim = problems[0].setup.inputs.dim;
	const nets = seeds.map((s) => new Mlp({ inputs: dim, hidden: [width], activation: 'relu' }, createRng(s).fork(`mlp-${width}`)));
	const data = problems.map((p) => ({ x: Float32Array.from(p.train.x), y: Float32Array.from(p.train.y) }));
	try {
		if (engineAvailable()) {
			const models = seeds.map(() => ({ loss: { kind: 'squared' as const }, optimizer: tfAdam(o.lr) }));
			const trainer = await FusedTrainer.create({ sizes: [dim, width, 1], activation: 'relu', models }, nets, data);
			try {
				for (let done = 0; done < o.steps; done += CHUNK) {
					await trainer.fullBatchSteps(
						Math.min(CHUNK, o.steps - done),
						seeds.map((_, k) => k)
					);
					onStep(Math.min(CHUNK, o.steps - done));
					await checkpoint(ticket);
				}
				trainer.sync();
			} finally {
				trainer.dispose();
			}
		} else {
			const loss = (y: tf.Tensor, z: tf.Tensor) => tf.mean(tf.square(tf.sub(z, y))) as tf.Scalar;
			for (let k = 0; k < nets.length; k++) {
				const device = toDevice(data[k].x, data[k].y, dim);
				const opt = tf.train.adam(o.lr);
				const rng = createRng(seeds[k]).fork('mlp-order');
				try {
					for (let s = 0; s < o.steps; s++) {
						await trainEpoch(nets[k], opt, device, loss, { batchSize: data[k].y.length, rng, ticket, output: 'linear' });
						if ((s + 1) % CHUNK === 0) onStep(CHUNK / nets.length);
					}
				} finally {
					opt.dispose();
					disposeDevice(device);
				}
			}
		}
		return nets;
	} catch (e) {
		nets.forEach((n) => n.dispose());
		throw e;
	}
}

/**
 * One Curve per seed: x = width, train and test MSE (test as the random-features curve's: mean (ŷ − f)² + σ² over
 * the test set), betaNorm and condition NaN. `onProgress` gets the share of steps done. Throws Cancelled when the
 * ticket goes stale.
 */
export async function mlpCurve(
	options: ModelOptions & { n: number },
	seeds: number[],
	o: MlpCurveOptions,
	ticket: Ticket,
	onProgress?: (done: number) => void
): Promise<Curve[]> {
	if (seeds.length < 1) throw new RangeError('Give at least one seed.');
	if (!(o.steps >= 1 && Number.isInteger(o.steps))) throw new RangeError(`The number of steps must be a whole number ≥ 1 (got ${o.steps}).`);
	if (!(o.lr > 0)) throw new RangeError(`The learning rate must be positive (got ${o.lr}).`);
	o.widths.forEach((w, i) => {
		if (!Number.isInteger(w) || w < 1 || (i > 0 && w <= o.widths[i - 1]))
			throw new RangeError(`Widths must be increasing whole numbers ≥ 1 (got ${o.widths.join(', ')}).`);
	});
	const problems = seeds.map((seed) => {
		const setup = setUpModel(options, seed);
		return { setup, train: trainingSet(setup.target, options.n, setup.sigma, setup.rng.fork('train'), setup.inputs) };
	});
	const dim = problems[0].setup.inputs.dim;
	const points: CurvePoint[][] = seeds.map(() => []);
	// Work grows with the width: weight each width's steps by w + 1 for the progress share.
	const total = o.widths.reduce((s, w) => s + (w + 1) * o.steps, 0);
	let done = 0;
	for (const width of o.widths) {
		const nets = await trainWidth(problems, width, seeds, o, ticket, (steps) => {
			done += (width + 1) * steps;
			onProgress?.(Math.min(1, done / total));
		});
		problems.forEach((p, k) => {
			const { setup, train } = p;
			points[k].push({
				x: width,
				trainMse: mse(nets[k], train.x, train.y, dim),
				testMse: mse(nets[k], setup.testX, setup.testF, dim) + setup.sigma * setup.sigma,
				betaNorm: NaN,
				condition: NaN
			});
		});
		nets.forEach((n) => n.dispose());
	}
	return points.map((pts) => {
		let best = pts[0];
		for (const q of pts) if (q.testMse > best.testMse) best = q;
		return { points: pts, peakAt: best.x };
	});
}
