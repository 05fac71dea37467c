/**
 * Inference latency of a model on the current TF.js backend, as a user would see it: each run predicts and awaits
 * the result read back from the device (GPU work is asynchronous until then). Warm-up runs first (shader compilation,
 * JIT); then the median and the 95th percentile of the timed runs.
 * Browsers coarsen performance.now() (to 0.1 ms where pages are not cross-origin isolated), so each timed sample
 * runs `reps` predictions back to back — enough to span at least MIN_SAMPLE_MS, calibrated during warm-up — and
 * records the time per prediction.
 */
export const MIN_SAMPLE_MS = 2;
import * as tf from '@tensorflow/tfjs-core';
import type { Mlp } from '../../../engine/mlp';
import { checkpoint, type Ticket } from '../../../engine/run-control';
import type { Latency } from '../types';

export function percentile(sorted: number[], q: number): number {
	if (!sorted.length) return NaN;
	const pos = (sorted.length - 1) * q;
	const lo = Math.floor(pos);
	const hi = Math.min(lo + 1, sorted.length - 1);
	return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

async function once(model: Mlp, x: tf.Tensor2D): Promise<void> {
	const y = tf.tidy(() => model.predict(x));
	await y.data();
	y.dispose();
}

export async function measureLatency(model: Mlp, x: tf.Tensor2D, runs: number, warmup: number, ticket: Ticket): Promise<Latency> {
	for (let i = 0; i < warmup; i++) await once(model, x);
	// Calibrate on a few more runs, after warm-up effects are gone.
	const c0 = performance.now();
	for (let i = 0; i < 3; i++) await once(model, x);
	const per = Math.max((performance.now() - c0) / 3, 1e-3);
	const reps = Math.min(1000, Math.max(1, Math.ceil(MIN_SAMPLE_MS / per)));
	const times: number[] = [];
	for (let i = 0; i < runs; i++) {
		const t0 = performance.now();
		for (let r = 0; r < reps; r++) await once(model, x);
		times.push((performance.now() - t0) / reps);
		if (i % 5 === 4) await checkpoint(ticket);
	}
	times.sort((a, b) => a - b);
	return { median: percentile(times, 0.5), p95: percentile(times, 0.95), runs, reps };
}
