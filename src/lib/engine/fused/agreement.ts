/**
 * Does the active backend's fused kernel train as the JS step does (the step the unit tests match against TF.js op by
 * op)? Trains four models at once (focal + Adam, weighted BCE + momentum, BCE from logits + SGD, squared error of the
 * linear output + Adam; 2-16-16-1 tanh)
 * from the same weights on the same batches, on the backend and in JS, and reports the largest relative differences.
 * For the browser tests of the WebGPU and WASM kernels, which Node cannot run.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '$lib/data/rng';
import { runBatches, type FusedState } from './fused-step';
import { engineStep, FUSED_TRAIN, registerFusedTrain, tfAdam } from './kernel';
import { parameterCount, type EngineSpec, type EngineStep } from './spec';

interface GpuErrorScopes {
	pushErrorScope(filter: 'validation'): void;
	popErrorScope(): Promise<{ message: string } | null>;
}

export interface Agreement {
	backend: string;
	step: EngineStep | null;
	steps: number;
	/** Largest relative difference of a batch loss, and of the weights (max |Δ| over max |w|), after `steps` steps. */
	lossErr: number;
	weightErr: number;
	/** Tensors and backend buffers left over after the check (0 unless something leaks). */
	leaked: number;
}

/**
 * Relative error of a vector: max |a − b| over max |b|. (Per element it would be dominated by weights near 0, where
 * float32 rounding of sums that cancel decides the last digits; Adam's normalised steps carry that noise along.)
 */
export function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
	let diff = 0;
	let scale = 0;
	for (let i = 0; i < a.length; i++) {
		diff = Math.max(diff, Math.abs(a[i] - b[i]));
		scale = Math.max(scale, Math.abs(b[i]));
	}
	return diff / scale;
}

export async function engineAgreement(epochs = 10): Promise<Agreement> {
	registerFusedTrain();
	const step = engineStep();
	const backend = tf.getBackend();
	if (!step) return { backend, step, steps: 0, lossErr: NaN, weightErr: NaN, leaked: 0 };
	const before = tf.memory().numTensors + tf.engine().backend.numDataIds();
	const spec: EngineSpec = {
		sizes: [2, 16, 16, 1],
		activation: 'tanh',
		models: [
			{ loss: { kind: 'clipped', weights: [0.25, 0.75], gamma: 2 }, optimizer: tfAdam(0.02) },
			{ loss: { kind: 'clipped', weights: [0.6, 2.5], gamma: 0 }, optimizer: { kind: 'momentum', lr: 0.02, momentum: 0.9 } },
			{ loss: { kind: 'logits' }, optimizer: { kind: 'sgd', lr: 0.05 } },
			{ loss: { kind: 'squared' }, optimizer: tfAdam(0.01) }
		]
	};
	const K = spec.models.length;
	const P = parameterCount(spec.sizes);
	const rng = createRng(17);
	const n = 640;
	const x = new Float32Array(2 * n);
	const y = new Float32Array(n);
	for (let i = 0; i < n; i++) {
		y[i] = rng.next() < 0.2 ? 1 : 0;
		x[2 * i] = rng.normal(y[i] ? 1 : -0.5, 1);
		x[2 * i + 1] = rng.normal(y[i] ? 0.5 : 0, 1);
	}
	const js: FusedState = {
		params: Float32Array.from({ length: K * P }, () => rng.normal(0, 0.4)),
		m: new Float32Array(K * P),
		v: new Float32Array(K * P),
		acc: Float32Array.from(spec.models.flatMap((m) => (m.optimizer.kind === 'adam' ? [m.optimizer.beta1, m.optimizer.beta2] : [0, 0])))
	};
	let state = {
		params: tf.tensor2d(js.params.slice(), [K, P]),
		m: tf.tensor2d(js.m.slice(), [K, P]),
		v: tf.tensor2d(js.v.slice(), [K, P]),
		acc: tf.tensor2d(js.acc.slice(), [K, 2])
	};
	const xT = tf.tensor2d(x, [n, 2]);
	const yT = tf.tensor1d(y);
	let lossErr = 0;
	const batch = 64;
	try {
		for (let e = 0; e < epochs; e++) {
			// Each model's rows in its own order, 10 batches of 64 each; the models' batches interleaved.
			const idx = new Int32Array(K * n);
			const table: number[] = [];
			for (let k = 0; k < K; k++) {
				const order = Array.from({ length: n }, (_, i) => i);
				for (let i = n - 1; i > 0; i--) {
					const j = Math.floor(rng.next() * (i + 1));
					[order[i], order[j]] = [order[j], order[i]];
				}
				idx.set(order, k * n);
			}
			for (let s = 0; s < n / batch; s++) for (let k = 0; k < K; k++) table.push(k, k * n + s * batch, batch, 1);
			const batches = Int32Array.from(table);
			const ref = runBatches(spec, js, { x, y, idx, batches });
			const idxT = tf.tensor1d(idx, 'int32');
			const tableT = tf.tensor1d(batches, 'int32');
			// On WebGPU, a shader or binding the device rejects is reported here in words (not as zeros).
			const device = (tf.backend() as unknown as { device?: GpuErrorScopes }).device;
			device?.pushErrorScope('validation');
			const out = tf
				.engine()
				.runKernel(
					FUSED_TRAIN,
					{ x: xT, y: yT, idx: idxT, batches: tableT, ...state },
					{ spec: spec as unknown as tf.NamedAttrMap[string], maxBatch: batch }
				) as tf.Tensor[];
			tf.dispose([idxT, tableT, state.params, state.m, state.v, state.acc]);
			state = { params: out[0] as tf.Tensor2D, m: out[1] as tf.Tensor2D, v: out[2] as tf.Tensor2D, acc: out[3] as tf.Tensor2D };
			const each = await out[5].data();
			const error = await device?.popErrorScope();
			if (error) throw new Error(`The GPU rejected the training program: ${error.message}`);
			tf.dispose([out[4], out[5]]);
			ref.batchLosses.forEach((l, i) => (lossErr = Math.max(lossErr, Math.abs(each[i] - l) / Math.abs(l))));
		}
		const weights = await state.params.data();
		tf.dispose([xT, yT, state.params, state.m, state.v, state.acc]);
		const leaked = tf.memory().numTensors + tf.engine().backend.numDataIds() - before;
		return { backend, step, steps: epochs * (n / batch), lossErr, weightErr: relErr(weights, js.params), leaked };
	} catch (e) {
		tf.dispose([xT, yT, state.params, state.m, state.v, state.acc]);
		throw e;
	}
}
