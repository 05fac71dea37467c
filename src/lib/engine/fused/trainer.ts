/**
 * Trains K small MLPs at once with the fused kernel (`MdlFusedTrain`): the models' parameters and optimizer state
 * live in four tensors, each model has its own data, batch order, loss, optimizer and learning rate. An epoch draws
 * each model's seeded permutation exactly as the op-by-op path does (`trainSamples` in ../train.ts), so a seed gives
 * the same batches; the batches of all models are run in chunks of one kernel call each, with a cancellation
 * checkpoint (and a progress report) between chunks. `sync()` copies the trained weights into the models' `Mlp`s
 * for prediction.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '$lib/data/rng';
import type { Mlp } from '../mlp';
import { checkpoint, type Ticket } from '../run-control';
import { permutation } from '../train';
import { FUSED_TRAIN, registerFusedTrain } from './kernel';
import { layerOffsets, parameterCount, validateSpec, type EngineSpec } from './spec';

export interface ModelData {
	/** Row-major n × d inputs and n labels. */
	x: Float32Array;
	y: Uint8Array | Float32Array;
}

export interface EpochOptions {
	batchSize: number;
	ticket: Ticket;
	/** Target milliseconds of work per kernel call (between checkpoints). */
	msPerCall?: number;
	/** Called after each kernel call with the samples trained so far in this epoch (all models). */
	onCheckpoint?: (samples: number) => void;
	/** Stop after the kernel call that passes this time (for benchmarks). */
	deadline?: number;
}

export class FusedTrainer {
	readonly spec: EngineSpec;
	readonly models: Mlp[];
	/** Rows of each model's data, and where they start in the shared input tensor. */
	readonly rows: number[];
	private readonly starts: number[];
	private readonly x: tf.Tensor2D;
	private readonly y: tf.Tensor1D;
	private params: tf.Tensor2D;
	private m: tf.Tensor2D;
	private v: tf.Tensor2D;
	private acc: tf.Tensor2D;
	private chunk = 8;
	/** Rows of the shared evaluation set (e.g. the test set), after every model's training rows. */
	private readonly evalStart: number;
	private readonly evalRows: number;

	private constructor(spec: EngineSpec, models: Mlp[], data: ModelData[], initial: Float32Array, evaluation: ModelData | null) {
		this.spec = spec;
		this.models = models;
		const d = spec.sizes[0];
		this.rows = data.map((m) => m.y.length);
		this.starts = [];
		let total = 0;
		for (const n of this.rows) {
			this.starts.push(total);
			total += n;
		}
		this.evalStart = total;
		this.evalRows = evaluation?.y.length ?? 0;
		const sets = evaluation ? [...data, evaluation] : data;
		const x = new Float32Array((total + this.evalRows) * d);
		const y = new Float32Array(total + this.evalRows);
		sets.forEach((m, k) => {
			if (m.y.length === 0) throw new RangeError(k < data.length ? `Model ${k} has no training rows.` : 'The evaluation set has no rows.');
			if (m.x.length !== m.y.length * d) throw new RangeError(`Model ${k}'s inputs have ${m.x.length} values for ${m.y.length} rows of ${d}.`);
			const at = k < data.length ? this.starts[k] : this.evalStart;
			x.set(m.x, at * d);
			y.set(m.y, at);
		});
		const K = spec.models.length;
		const P = parameterCount(spec.sizes);
		this.x = tf.tensor2d(x, [total + this.evalRows, d]);
		this.y = tf.tensor1d(y);
		this.params = tf.tensor2d(initial, [K, P]);
		this.m = tf.zeros([K, P]);
		this.v = tf.zeros([K, P]);
		const acc = new Float32Array(2 * K);
		spec.models.forEach((mc, k) => {
			if (mc.optimizer.kind === 'adam') {
				acc[2 * k] = mc.optimizer.beta1;
				acc[2 * k + 1] = mc.optimizer.beta2;
			}
		});
		this.acc = tf.tensor2d(acc, [K, 2]);
	}

	/**
	 * K models (`models`, same architecture as `spec.sizes`), each with its data, starting from their current weights;
	 * `evaluation`, a dataset every model's loss can be measured on without training (`evaluationLosses`).
	 */
	static async create(spec: EngineSpec, models: Mlp[], data: ModelData[], evaluation: ModelData | null = null): Promise<FusedTrainer> {
		validateSpec(spec);
		registerFusedTrain();
		if (models.length !== spec.models.length || data.length !== spec.models.length) throw new RangeError('One model and one dataset per trained model.');
		const P = parameterCount(spec.sizes);
		const layers = layerOffsets(spec.sizes);
		const initial = new Float32Array(models.length * P);
		for (let k = 0; k < models.length; k++) {
			const weights = await models[k].getWeights();
			if (weights.length !== layers.length) throw new RangeError(`Model ${k} has ${weights.length} layers, the spec ${layers.length}.`);
			weights.forEach((w, l) => {
				initial.set(w.kernel, k * P + layers[l].kernel);
				initial.set(w.bias, k * P + layers[l].bias);
			});
		}
		return new FusedTrainer(spec, models, data, initial, evaluation);
	}

	/**
	 * Run these batches (model, sample indices within its data; `update: false` only computes the loss) in one kernel
	 * call; returns each model's sum of trained batches' losses, and every batch's loss.
	 */
	private call(batches: Array<{ model: number; indices: Int32Array; update?: boolean }>): { sums: tf.Tensor1D; each: tf.Tensor1D } {
		let total = 0;
		for (const b of batches) total += b.indices.length;
		const idx = new Int32Array(total);
		const table = new Int32Array(4 * batches.length);
		let at = 0;
		batches.forEach((b, i) => {
			const offset = this.starts[b.model];
			for (let j = 0; j < b.indices.length; j++) idx[at + j] = b.indices[j] + offset;
			table[4 * i] = b.model;
			table[4 * i + 1] = at;
			table[4 * i + 2] = b.indices.length;
			table[4 * i + 3] = b.update === false ? 0 : 1;
			at += b.indices.length;
		});
		const idxT = tf.tensor1d(idx, 'int32');
		const tableT = tf.tensor1d(table, 'int32');
		try {
			const [params, m, v, acc, sums, each] = tf
				.engine()
				.runKernel(
					FUSED_TRAIN,
					{ x: this.x, y: this.y, idx: idxT, batches: tableT, params: this.params, m: this.m, v: this.v, acc: this.acc },
					{ spec: this.spec as unknown as tf.NamedAttrMap[string], maxBatch: Math.max(...batches.map((b) => b.indices.length)) }
				) as tf.Tensor[];
			tf.dispose([this.params, this.m, this.v, this.acc]);
			this.params = params as tf.Tensor2D;
			this.m = m as tf.Tensor2D;
			this.v = v as tf.Tensor2D;
			this.acc = acc as tf.Tensor2D;
			return { sums: sums as tf.Tensor1D, each: each as tf.Tensor1D };
		} finally {
			tf.dispose([idxT, tableT]);
		}
	}

	/**
	 * One pass over each model's data in mini-batches of `batchSize`, in the order of a permutation drawn from that
	 * model's `rngs[k]` (as `trainSamples` draws it). Returns each model's mean batch loss and the samples trained.
	 */
	async epoch(rngs: Rng[], options: EpochOptions): Promise<{ losses: number[]; samples: number }> {
		const { batchSize, ticket, msPerCall = 15, onCheckpoint, deadline } = options;
		if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`The batch size must be a whole number ≥ 1 (got ${batchSize}).`);
		const K = this.models.length;
		const orders = this.rows.map((n, k) => permutation(n, rngs[k]));
		// Interleave the models' batches: each model's order is kept, which is all that matters for its training.
		const queue: Array<{ model: number; indices: Int32Array }> = [];
		const perModel = this.rows.map((n) => Math.ceil(n / batchSize));
		const most = Math.max(0, ...perModel);
		for (let i = 0; i < most; i++) {
			for (let k = 0; k < K; k++) {
				if (i < perModel[k]) queue.push({ model: k, indices: orders[k].subarray(i * batchSize, Math.min(this.rows[k], (i + 1) * batchSize)) });
			}
		}
		const sums = new Float64Array(K);
		const counts = new Int32Array(K);
		let samples = 0;
		for (let at = 0; at < queue.length;) {
			const part = queue.slice(at, at + this.chunk);
			const t0 = performance.now();
			const { sums: losses, each } = this.call(part);
			const values = await losses.data();
			tf.dispose([losses, each]);
			const ms = performance.now() - t0;
			// Aim each call at msPerCall: long enough to amortise the call, short enough to stay responsive.
			this.chunk = Math.max(1, Math.min(4096, Math.round(this.chunk * Math.min(2, Math.max(0.5, msPerCall / Math.max(ms, 0.05))))));
			for (let k = 0; k < K; k++) sums[k] += values[k];
			for (const b of part) {
				counts[b.model]++;
				samples += b.indices.length;
			}
			at += part.length;
			onCheckpoint?.(samples);
			await checkpoint(ticket);
			if (deadline !== undefined && performance.now() > deadline) break;
		}
		return { losses: Array.from(sums, (s, k) => (counts[k] ? s / counts[k] : NaN)), samples };
	}

	/**
	 * `steps` full-batch steps of the chosen models (the scaling lab's lockstep training), in one kernel call. Returns,
	 * for each chosen model, its loss before each step and after the last (steps + 1 values).
	 */
	async fullBatchSteps(steps: number, models: number[]): Promise<number[][]> {
		const all = this.rows.map((n) => Int32Array.from({ length: n }, (_, i) => i));
		const batches: Array<{ model: number; indices: Int32Array; update?: boolean }> = [];
		for (let s = 0; s <= steps; s++) for (const k of models) batches.push({ model: k, indices: all[k], update: s < steps });
		const { sums, each } = this.call(batches);
		const values = await each.data();
		tf.dispose([sums, each]);
		return models.map((_, i) => Array.from({ length: steps + 1 }, (_, s) => values[s * models.length + i]));
	}

	/** Each model's mean loss on the evaluation set (its own loss, no training), as `evaluateLoss` measures it op by op. */
	async evaluationLosses(): Promise<number[]> {
		if (!this.evalRows) throw new Error('This trainer has no evaluation set.');
		const rows = Int32Array.from({ length: this.evalRows }, (_, i) => this.evalStart + i);
		// Indices are relative to a model's own rows: shift them back by the model's start.
		const batches = this.models.map((_, k) => ({ model: k, indices: rows.map((r) => r - this.starts[k]), update: false }));
		const { sums, each } = this.call(batches);
		const values = Array.from(await each.data());
		tf.dispose([sums, each]);
		return values;
	}

	/** Copy the trained weights into each model's `Mlp` (on the device). */
	sync(): void {
		const layers = layerOffsets(this.spec.sizes);
		tf.tidy(() => {
			this.models.forEach((model, k) => {
				const row = tf.reshape(tf.slice(this.params, [k, 0], [1, -1]), [-1]);
				layers.forEach((l, i) => {
					model.kernels[i].assign(tf.reshape(tf.slice(row, [l.kernel], [l.fanIn * l.fanOut]), [l.fanIn, l.fanOut]));
					model.biases[i].assign(tf.slice(row, [l.bias], [l.fanOut]));
				});
			});
		});
	}

	/** The flat parameters of every model (K × P), read back. */
	async parameters(): Promise<Float32Array> {
		return (await this.params.data()) as Float32Array;
	}

	dispose(): void {
		tf.dispose([this.x, this.y, this.params, this.m, this.v, this.acc]);
	}
}
