/**
 * Measuring compressed variants: test accuracy and AUC, size (packed, and as exported to TF.js), sparsity, the
 * change of the kernels, latency at batch 1 and at a large batch on the current backend, and a histogram of the
 * largest kernel's weights on edges shared by every variant.
 */
import * as tf from '@tensorflow/tfjs-core';
import { histogramCounts } from '$lib/stats/histogram';
import { Mlp, type DenseWeights } from '../../../engine/mlp';
import type { Ticket } from '../../../engine/run-control';
import { measureLatency } from './latency';
import { countNonzero, widths, type ModelVariant } from './variants';
import { exportEncoding, exportTfjs } from './export';
import { qualityOf, specOf, type ModelState } from './model';
import type { CompressResult, CompressSpec, PartialVariant, VariantResult, VariantSpec } from '../types';
import { MAX_LARGE_BATCH } from '../known';

const HIST_BINS = 80;

/** Inputs for timing: one test row, and the test rows tiled to the large batch (at most 16,384). */
export function latencyInputs(s: ModelState, largeBatch: number): { x1: tf.Tensor2D; xLarge: tf.Tensor2D; largeBatch: number } {
	const n = Math.min(largeBatch, MAX_LARGE_BATCH);
	const xLarge = tf.tidy(() => tf.slice(tf.tile(s.test.x, [Math.ceil(n / s.test.n), 1]), [0, 0], [n, -1]) as tf.Tensor2D);
	const x1 = tf.tidy(() => tf.slice(s.test.x, [0, 0], [1, -1]) as tf.Tensor2D);
	return { x1, xLarge, largeBatch: n };
}

/** Shared histogram edges: symmetric around 0, just past the largest |weight| of the base model's largest kernel. */
export function histogramFrame(base: DenseWeights[]): CompressResult['histogram'] {
	const layer = base.reduce((best, l, i) => (l.kernel.length > base[best].kernel.length ? i : best), 0);
	let lim = 0;
	for (const w of base[layer].kernel) lim = Math.max(lim, Math.abs(w));
	lim = lim * 1.02 || 1;
	const edges = Array.from({ length: HIST_BINS + 1 }, (_, i) => -lim + (2 * lim * i) / HIST_BINS);
	return { layer, edges, counts: {} };
}

/**
 * Measure one built variant of the `base` weights; adds its weight histogram to `histogram` when it has the base
 * model's shape. `onPartial` hears the variant once its accuracy and sizes are known, and again with its batch-1
 * latency: the host-side counts (export, non-zero, histogram) come before the timing, which is unchanged.
 */
export async function measureVariant(
	s: ModelState,
	spec: VariantSpec,
	v: ModelVariant,
	base: DenseWeights[],
	inputs: { x1: tf.Tensor2D; xLarge: tf.Tensor2D },
	cs: CompressSpec,
	histogram: CompressResult['histogram'],
	ticket: Ticket,
	onPartial?: (p: PartialVariant) => void
): Promise<VariantResult> {
	const model = new Mlp(specOf(v.layers), v.layers);
	try {
		const quality = await qualityOf(model, s);
		const exported = exportTfjs(v.layers, v.encoding);
		const nz = countNonzero(v.layers);
		const { layer, edges } = histogram;
		if (v.layers.length === base.length && v.layers[layer].kernel.length === base[layer].kernel.length) {
			histogram.counts[spec.id] = histogramCounts(v.layers[layer].kernel, edges[0], edges[edges.length - 1], edges.length - 1);
		}
		const measured: PartialVariant = {
			...spec,
			...quality,
			packedBytes: v.packedBytes,
			storage: v.storage,
			exportBytes: exported.weights.byteLength + new TextEncoder().encode(exported.modelJson).length,
			exportEncoding: exportEncoding(v.encoding),
			nonzero: nz.nonzero,
			total: nz.total,
			mse: Number.isFinite(v.mse) ? v.mse : NaN,
			layers: widths(v.layers)
		};
		onPartial?.(measured);
		const latency1 = await measureLatency(model, inputs.x1, cs.runs, 5, ticket);
		onPartial?.({ ...measured, latency1 });
		const latencyN = await measureLatency(model, inputs.xLarge, Math.max(3, Math.round(cs.runs / 2)), 3, ticket);
		return { ...measured, latency1, latencyN };
	} finally {
		model.dispose();
	}
}
