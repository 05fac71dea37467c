import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { classBalancedWeights, focalLoss, weightedBinaryCrossEntropy } from '../../src/lib/ml/losses';
import { focalTerm } from '../../src/lib/ml/focal-curve';
import { expectAllClose, expectClose, loadFixtures } from './helpers';

const fx = loadFixtures().losses;

beforeAll(async () => {
	await tf.setBackend('cpu');
});

describe('focal loss (TF.js, CPU backend) vs numpy', () => {
	it('matches for γ ∈ {0, 0.5, 2, 5} and α ∈ {none, 0.25, 0.9}, with clipping at 0 and 1', () => {
		const y = tf.tensor1d(fx.labels, 'int32');
		const p = tf.tensor1d(fx.probs);
		for (const c of fx.focal) {
			const loss = focalLoss(y, p, { gamma: c.gamma, alpha: c.alpha });
			// float32 arithmetic inside TF.js: compare at float32 precision.
			expectClose(loss.dataSync()[0], c.loss, 2e-6, 1e-7, `γ=${c.gamma} α=${c.alpha}`);
			loss.dispose();
		}
		y.dispose();
		p.dispose();
	});
	it('γ = 0 with α = null is binary cross-entropy, and agrees with the plotting helper', () => {
		const y = tf.tensor1d(fx.labels, 'int32');
		const p = tf.tensor1d(fx.probs);
		const fl = focalLoss(y, p, { gamma: 0, alpha: null }).dataSync()[0];
		const bce = weightedBinaryCrossEntropy(y, p, [1, 1]).dataSync()[0];
		expectClose(fl, bce, 1e-6, 1e-7);
		tf.dispose([y, p]);
		// The plotting helper computes in float64; away from the clip bounds (where float32 rounds 1 − 1e-7) they agree.
		const inner = fx.probs.map((_: number, i: number) => i).filter((i: number) => fx.probs[i] > 1e-6 && fx.probs[i] < 1 - 1e-6);
		const yi = tf.tensor1d(
			inner.map((i: number) => fx.labels[i]),
			'int32'
		);
		const pi = tf.tensor1d(inner.map((i: number) => fx.probs[i]));
		const manual =
			inner.reduce((acc: number, i: number) => acc + focalTerm(fx.labels[i] ? fx.probs[i] : 1 - fx.probs[i], 2, fx.labels[i] ? 0.25 : 0.75), 0) / inner.length;
		expectClose(focalLoss(yi, pi).dataSync()[0], manual, 2e-6, 1e-7);
		tf.dispose([yi, pi]);
	});
	it('does not leak tensors', () => {
		const y = tf.tensor1d([0, 1, 1], 'int32');
		const p = tf.tensor1d([0.2, 0.7, 0.9]);
		const before = tf.memory().numTensors;
		for (let i = 0; i < 5; i++) {
			focalLoss(y, p).dispose();
			weightedBinaryCrossEntropy(y, p, [0.5, 5]).dispose();
		}
		expect(tf.memory().numTensors).toBe(before);
		tf.dispose([y, p]);
	});
	it('validates γ and α', () => {
		const y = tf.tensor1d([0, 1], 'int32');
		const p = tf.tensor1d([0.2, 0.7]);
		expect(() => focalLoss(y, p, { gamma: -1 })).toThrow(/gamma/);
		expect(() => focalLoss(y, p, { alpha: 1.5 })).toThrow(/alpha/);
		tf.dispose([y, p]);
	});
});

describe('class-balanced weights (Cui et al. 2019) vs numpy', () => {
	it('matches and sums to the number of classes', () => {
		for (const c of fx.classBalanced) {
			const w = classBalancedWeights(c.counts, c.beta);
			expectAllClose(w, c.weights, 1e-9, 1e-15, `counts=${c.counts} β=${c.beta}`);
			expectClose(
				w.reduce((a, b) => a + b, 0),
				c.counts.length,
				1e-12,
				0
			);
		}
	});
	it('β = 0 gives equal weights; missing classes and β = 1 are errors', () => {
		expect(classBalancedWeights([900, 100], 0)).toEqual([1, 1]);
		expect(() => classBalancedWeights([900, 0], 0.99)).toThrow(/no samples/);
		expect(() => classBalancedWeights([900, 10], 1)).toThrow(/beta/);
	});
});
