/**
 * Fine-tuning a compressed model: a copy of the weights trains with Adam at half the learning rate; with a target
 * sparsity it is pruned gradually on the way (polynomial decay, Zhu & Gupta 2017; masks updated at the start of
 * each epoch, as TF-MOT updates them every N steps) and ends exactly at that sparsity.
 */
import * as tf from '@tensorflow/tfjs-core';
import { magnitudePrune, polynomialDecaySparsity } from '$lib/ml/compression';
import { Mlp, type DenseWeights } from '../../../engine/mlp';
import type { Ticket } from '../../../engine/run-control';
import { trainEpoch } from '../../../engine/train';
import { bce, specOf, type ModelState } from './model';

export async function fineTune(s: ModelState, start: DenseWeights[], epochs: number, sparsity: number | null, ticket: Ticket): Promise<DenseWeights[]> {
	const model = new Mlp(specOf(start), start);
	const opt = tf.train.adam(s.config.lr * 0.5);
	const stepsPerEpoch = Math.ceil(s.train.n / s.config.batchSize);
	const schedule = {
		initialSparsity: 0,
		finalSparsity: sparsity ?? 0,
		beginStep: 0,
		endStep: Math.max(1, Math.floor(0.75 * epochs * stepsPerEpoch)),
		power: 3
	};
	let masks: tf.Tensor[] = [];
	const applyMasks = () => tf.tidy(() => model.kernels.forEach((k, i) => masks[i] && k.assign(tf.mul(k, masks[i]))));
	try {
		for (let e = 0; e < epochs; e++) {
			if (sparsity !== null) {
				const target = polynomialDecaySparsity(schedule, e * stepsPerEpoch);
				const weights = await model.getWeights();
				tf.dispose(masks);
				masks = weights.map((w) =>
					tf.tensor2d(
						Float32Array.from(magnitudePrune(w.kernel, target), (v) => (v !== 0 ? 1 : 0)),
						[w.fanIn, w.fanOut]
					)
				);
				applyMasks();
			}
			await trainEpoch(model, opt, s.train, bce, {
				batchSize: s.config.batchSize,
				rng: s.rng.fork(`ft${e}`),
				ticket,
				afterStep: sparsity !== null ? applyMasks : undefined
			});
		}
		const out = await model.getWeights();
		return sparsity === null ? out : out.map((w) => ({ ...w, kernel: magnitudePrune(w.kernel, sparsity) }));
	} finally {
		tf.dispose(masks);
		opt.dispose();
		model.dispose();
	}
}
