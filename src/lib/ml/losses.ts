/**
 * Losses for imbalanced binary classification, as TF.js ops (run in workers and in Node tests on the CPU backend).
 *
 * - focalLoss (Lin, Goyal, Girshick, He & Dollár, "Focal Loss for Dense Object Detection", ICCV 2017):
 *   p clipped to [1e−7, 1 − 1e−7]; p_t = y ? p : 1 − p; α_t = y ? α : 1 − α (α = null: no weighting);
 *   FL = mean(−α_t (1 − p_t)^γ ln p_t). γ = 0 with α = null is binary cross-entropy.
 * - weightedBinaryCrossEntropy: mean(−w_y ln p_t), the per-class weights w_0, w_1 given.
 * - classBalancedWeights (Cui, Jia, Lin, Song & Belongie, "Class-Balanced Loss Based on Effective Number of
 *   Samples", CVPR 2019): w_c = (1 − β)/(1 − β^{n_c}), normalised so the weights sum to the number of classes.
 *   β = 0 gives equal weights; β → 1 approaches inverse-frequency weighting.
 */
import * as tf from '@tensorflow/tfjs-core';
import { assertCount, assertInRange } from '../stats/validate';

export const PROB_EPS = 1e-7;

export interface FocalOptions {
	gamma?: number;
	alpha?: number | null;
}

function checkFocal(gamma: number, alpha: number | null): void {
	assertInRange('gamma', gamma, 0, 100);
	if (alpha !== null) assertInRange('alpha', alpha, 0, 1);
}

export function focalLoss(yTrue: tf.Tensor, yPred: tf.Tensor, options: FocalOptions = {}): tf.Scalar {
	const { gamma = 2, alpha = 0.25 } = options;
	checkFocal(gamma, alpha);
	if (yTrue.size !== yPred.size) throw new RangeError(`yTrue and yPred must have the same size (got ${yTrue.size} and ${yPred.size}).`);
	return tf.tidy(() => {
		const y = tf.reshape(tf.cast(yTrue, 'float32'), yPred.shape);
		const p = tf.clipByValue(yPred, PROB_EPS, 1 - PROB_EPS);
		const pt = tf.add(tf.mul(y, p), tf.mul(tf.sub(1, y), tf.sub(1, p)));
		let loss = tf.neg(tf.log(pt));
		if (gamma !== 0) loss = tf.mul(tf.pow(tf.sub(1, pt), gamma), loss);
		if (alpha !== null) {
			const alphaT = tf.add(tf.mul(y, alpha), tf.mul(tf.sub(1, y), 1 - alpha));
			loss = tf.mul(alphaT, loss);
		}
		return tf.mean(loss) as tf.Scalar;
	});
}

export function weightedBinaryCrossEntropy(yTrue: tf.Tensor, yPred: tf.Tensor, weights: [number, number]): tf.Scalar {
	const [w0, w1] = weights;
	assertInRange('weights[0]', w0, 0, 1e9);
	assertInRange('weights[1]', w1, 0, 1e9);
	return tf.tidy(() => {
		const y = tf.reshape(tf.cast(yTrue, 'float32'), yPred.shape);
		const p = tf.clipByValue(yPred, PROB_EPS, 1 - PROB_EPS);
		const pt = tf.add(tf.mul(y, p), tf.mul(tf.sub(1, y), tf.sub(1, p)));
		const w = tf.add(tf.mul(y, w1), tf.mul(tf.sub(1, y), w0));
		return tf.mean(tf.mul(w, tf.neg(tf.log(pt)))) as tf.Scalar;
	});
}

export function classBalancedWeights(counts: number[], beta: number): number[] {
	if (!Array.isArray(counts) || counts.length === 0) throw new RangeError('counts is empty: give one count per class.');
	counts.forEach((c, i) => {
		assertCount(`counts[${i}]`, c);
		if (c === 0) throw new RangeError(`Class ${i} has no samples, so its effective number is 0 and its weight undefined.`);
	});
	assertInRange('beta', beta, 0, 1, 'hi');
	const raw = counts.map((n) => (beta === 0 ? 1 : (1 - beta) / -Math.expm1(n * Math.log(beta))));
	const sum = raw.reduce((a, b) => a + b, 0);
	return raw.map((w) => (w * counts.length) / sum);
}
