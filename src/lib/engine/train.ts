/**
 * Mini-batch training of an Mlp for one epoch, cancellable between batches. Data live on the device for the
 * whole run (uploaded once); each epoch draws a seeded permutation and gathers batches from it. Batch losses are
 * summed on the device and read back only at checkpoints, so GPU backends are not stalled every step.
 */
import * as tf from '@tensorflow/tfjs-core';
// tfjs-core alone registers no gradient functions; training needs them all.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import type { Rng } from '$lib/data/rng';
import type { Mlp } from './mlp';
import { checkpoint, type Ticket } from './run-control';

export type LossFn = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Scalar;

export interface DeviceData {
	x: tf.Tensor2D;
	y: tf.Tensor1D;
	n: number;
}

export function toDevice(x: Float32Array, y: Uint8Array | Float32Array, d: number): DeviceData {
	const n = y.length;
	return { x: tf.tensor2d(x, [n, d]), y: tf.tensor1d(Float32Array.from(y)), n };
}

export function disposeDevice(data: DeviceData | null | undefined): void {
	if (data) tf.dispose([data.x, data.y]);
}

export interface EpochOptions {
	batchSize: number;
	rng: Rng;
	ticket: Ticket;
	/** Yield to the event loop (and check for cancellation) after this many batches, or this many ms of work. */
	batchesPerCheckpoint?: number;
	msPerCheckpoint?: number;
	/** Called after each optimizer step (e.g. to re-apply a pruning mask). */
	afterStep?: () => void;
	/** Stop early (after at least one batch) once performance.now() passes this time; for benchmarks. */
	deadline?: number;
	/** Called at each checkpoint with the samples trained so far in this pass (for progress within an epoch). */
	onCheckpoint?: (samples: number) => void;
	/** What the loss receives: the sigmoid probability (default) or the linear output itself (the engine's 'squared' loss). */
	output?: Output;
}

/** The network's output a loss reads: its sigmoid probability or its linear output (the logit). */
export type Output = 'probability' | 'linear';

function outputOf(model: Mlp, x: tf.Tensor2D, output: Output = 'probability'): tf.Tensor1D {
	return output === 'linear' ? model.logits(x) : model.predict(x);
}

export interface EpochResult {
	loss: number;
	samples: number;
}

/** An epoch's order of n rows: 0…n−1 shuffled by `rng` (the fused engine draws the same, so a seed gives the same batches). */
export function permutation(n: number, rng: Rng): Int32Array {
	const order = new Int32Array(n);
	for (let i = 0; i < n; i++) order[i] = i;
	rng.shuffle(order);
	return order;
}

/** Train one epoch; returns the mean training loss. Throws Cancelled if the ticket goes stale. */
export async function trainEpoch(model: Mlp, optimizer: tf.Optimizer, data: DeviceData, loss: LossFn, options: EpochOptions): Promise<number> {
	return (await trainSamples(model, optimizer, data, loss, options)).loss;
}

/** One pass over the data (or until the deadline): mean loss and the number of samples trained on. */
export async function trainSamples(model: Mlp, optimizer: tf.Optimizer, data: DeviceData, loss: LossFn, options: EpochOptions): Promise<EpochResult> {
	const { batchSize, rng, ticket, batchesPerCheckpoint = 8, msPerCheckpoint = 30, afterStep, deadline, onCheckpoint, output } = options;
	const perm = tf.tensor1d(permutation(data.n, rng), 'int32');
	let total = tf.scalar(0);
	let batches = 0;
	let samples = 0;
	let sinceCheckpoint = 0;
	let lastCheckpoint = performance.now();
	try {
		for (let start = 0; start < data.n; start += batchSize) {
			const size = Math.min(batchSize, data.n - start);
			const step = optimizer.minimize(
				() => {
					const idx = tf.slice(perm, [start], [size]);
					const xb = tf.gather(data.x, idx) as tf.Tensor2D;
					const yb = tf.gather(data.y, idx);
					return loss(yb, outputOf(model, xb, output));
				},
				true,
				model.variables
			);
			afterStep?.();
			const next = tf.add(total, step!);
			tf.dispose([total, step!]);
			total = next as tf.Scalar;
			batches++;
			samples += size;
			sinceCheckpoint++;
			if (sinceCheckpoint >= batchesPerCheckpoint || performance.now() - lastCheckpoint > msPerCheckpoint) {
				await total.data(); // let the device catch up before queueing more work
				onCheckpoint?.(samples);
				await checkpoint(ticket);
				sinceCheckpoint = 0;
				lastCheckpoint = performance.now();
			}
			if (deadline !== undefined && performance.now() > deadline) break;
		}
		const sum = (await total.data())[0];
		return { loss: sum / batches, samples };
	} finally {
		tf.dispose([perm, total]);
	}
}

/** Mean loss on a dataset without training. */
export async function evaluateLoss(model: Mlp, data: DeviceData, loss: LossFn, output?: Output): Promise<number> {
	const t = tf.tidy(() => loss(data.y, outputOf(model, data.x, output)));
	const v = (await t.data())[0];
	t.dispose();
	return v;
}
