/**
 * A small multilayer perceptron for binary classification on TF.js core ops (no tfjs-layers), with seeded
 * Glorot-uniform initialisation so the same seed gives the same starting weights on every backend.
 * hidden = [] gives logistic regression.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '$lib/data/rng';

export type Activation = 'tanh' | 'relu';

export interface MlpSpec {
	inputs: number;
	hidden: number[];
	activation: Activation;
}

export interface DenseWeights {
	/** Row-major [fanIn, fanOut]. */
	kernel: Float32Array;
	bias: Float32Array;
	fanIn: number;
	fanOut: number;
}

/** A trainable variable initialised from `init`, which is then freed (tf.variable keeps its own reference). */
function toVariable(init: tf.Tensor): tf.Variable {
	const v = tf.variable(init, true, undefined, 'float32');
	init.dispose();
	return v;
}

export class Mlp {
	readonly spec: MlpSpec;
	readonly kernels: tf.Variable[] = [];
	readonly biases: tf.Variable[] = [];

	constructor(spec: MlpSpec, rng: Rng | DenseWeights[]) {
		this.spec = spec;
		const sizes = [spec.inputs, ...spec.hidden, 1];
		for (let l = 0; l < sizes.length - 1; l++) {
			const fanIn = sizes[l];
			const fanOut = sizes[l + 1];
			let kernel: Float32Array;
			let bias: Float32Array;
			if (Array.isArray(rng)) {
				kernel = rng[l].kernel;
				bias = rng[l].bias;
			} else {
				const limit = Math.sqrt(6 / (fanIn + fanOut));
				kernel = Float32Array.from({ length: fanIn * fanOut }, () => (2 * rng.next() - 1) * limit);
				bias = new Float32Array(fanOut);
			}
			this.kernels.push(toVariable(tf.tensor2d(kernel, [fanIn, fanOut])));
			this.biases.push(toVariable(tf.tensor1d(bias)));
		}
	}

	get variables(): tf.Variable[] {
		return [...this.kernels, ...this.biases];
	}

	get parameterCount(): number {
		return this.variables.reduce((s, v) => s + v.size, 0);
	}

	/** Logits, shape [n]. Call inside tf.tidy. */
	logits(x: tf.Tensor2D): tf.Tensor1D {
		let h: tf.Tensor2D = x;
		const last = this.kernels.length - 1;
		for (let l = 0; l <= last; l++) {
			const z = tf.add(tf.matMul(h, this.kernels[l]), this.biases[l]) as tf.Tensor2D;
			h = l === last ? z : this.spec.activation === 'relu' ? tf.relu(z) : tf.tanh(z);
		}
		return tf.reshape(h, [-1]) as tf.Tensor1D;
	}

	/** Probabilities, shape [n]. Call inside tf.tidy. */
	predict(x: tf.Tensor2D): tf.Tensor1D {
		return tf.sigmoid(this.logits(x));
	}

	/** Probabilities for a whole array, computed in chunks, read back from the device. */
	async predictArray(x: tf.Tensor2D, chunk = 8192): Promise<Float32Array> {
		const n = x.shape[0];
		const out = new Float32Array(n);
		for (let start = 0; start < n; start += chunk) {
			const size = Math.min(chunk, n - start);
			const p = tf.tidy(() => this.predict(tf.slice(x, [start, 0], [size, -1])));
			out.set(await p.data(), start);
			p.dispose();
		}
		return out;
	}

	async getWeights(): Promise<DenseWeights[]> {
		const out: DenseWeights[] = [];
		for (let l = 0; l < this.kernels.length; l++) {
			const [fanIn, fanOut] = this.kernels[l].shape;
			out.push({ kernel: (await this.kernels[l].data()) as Float32Array, bias: (await this.biases[l].data()) as Float32Array, fanIn, fanOut });
		}
		return out;
	}

	setWeights(weights: DenseWeights[]): void {
		weights.forEach((w, l) => {
			tf.tidy(() => {
				this.kernels[l].assign(tf.tensor2d(w.kernel, [w.fanIn, w.fanOut]));
				this.biases[l].assign(tf.tensor1d(w.bias));
			});
		});
	}

	dispose(): void {
		tf.dispose(this.variables);
	}
}
