/**
 * Compressed versions of a trained MLP's weights (pure TypeScript; the worker evaluates and times them).
 * Kernels are compressed, biases stay float32 (they are few, and quantizing them costs accuracy for nothing).
 * - quantized: every kernel quantized with the core's quantize / quantizePerChannel (channels = output units), then
 *   dequantized: TF.js has no integer kernels (tfjs#611), so the model computes in float32 either way.
 * - float16: every kernel rounded to half precision.
 * - unstructured: each kernel magnitude-pruned to the sparsity (zeros stay in dense matrices).
 * - structured: a share of each hidden layer's neurons removed (smallest L2 norm of incoming weights); the next
 *   layer loses the matching rows, so the matrices really are smaller.
 */
import { magnitudePrune, packedSizeBytes, quantize, quantizePerChannel, toFloat16 } from '$lib/ml/compression';
import type { DenseWeights } from '../../../engine/mlp';
import type { Storage } from '../types';
import { keptNeurons } from '../known';

export type Encoding =
	| { kind: 'float32' }
	| { kind: 'float16' }
	| { kind: 'affine'; bits: number; symmetric: boolean; perChannel: boolean; tensors: Array<{ q: Int32Array; scale: number; zeroPoint: number } | null> };

export interface ModelVariant {
	layers: DenseWeights[];
	encoding: Encoding;
	/** Mean squared change of all kernel weights. */
	mse: number;
	packedBytes: number;
	storage: Storage;
}

const BIAS_BYTES = (layers: DenseWeights[]) => layers.reduce((s, l) => s + 4 * l.bias.length, 0);

function kernelMse(a: DenseWeights[], b: DenseWeights[]): number {
	let se = 0;
	let n = 0;
	a.forEach((l, i) => {
		for (let k = 0; k < l.kernel.length; k++) se += (l.kernel[k] - b[i].kernel[k]) ** 2;
		n += l.kernel.length;
	});
	return n ? se / n : 0;
}

export function float32Bytes(layers: DenseWeights[]): number {
	return layers.reduce((s, l) => s + 4 * (l.kernel.length + l.bias.length), 0);
}

export function baseline(layers: DenseWeights[]): ModelVariant {
	return { layers, encoding: { kind: 'float32' }, mse: 0, packedBytes: float32Bytes(layers), storage: { kind: 'float32' } };
}

/** A student trained from scratch (./distill.ts): dense float32, its own smaller layers (no kernel change to measure). */
export function studentVariant(layers: DenseWeights[]): ModelVariant {
	return { layers, encoding: { kind: 'float32' }, mse: NaN, packedBytes: float32Bytes(layers), storage: { kind: 'float32-student' } };
}

export function halfPrecision(layers: DenseWeights[]): ModelVariant {
	const out = layers.map((l) => ({ ...l, kernel: toFloat16(l.kernel).dequantized }));
	return {
		layers: out,
		encoding: { kind: 'float16' },
		mse: kernelMse(layers, out),
		packedBytes: layers.reduce((s, l) => s + 2 * l.kernel.length, 0) + BIAS_BYTES(layers),
		storage: { kind: 'float16' }
	};
}

export function quantized(layers: DenseWeights[], bits: number, symmetric: boolean, perChannel: boolean): ModelVariant {
	const tensors: Array<{ q: Int32Array; scale: number; zeroPoint: number } | null> = [];
	const out = layers.map((l) => {
		if (perChannel) {
			tensors.push(null);
			return { ...l, kernel: quantizePerChannel(l.kernel, l.fanIn, l.fanOut, { bits, symmetric }).dequantized };
		}
		const q = quantize(l.kernel, { bits, symmetric });
		tensors.push({ q: q.quantized, scale: q.scale, zeroPoint: q.zeroPoint });
		return { ...l, kernel: q.dequantized };
	});
	const packed = layers.reduce((s, l) => s + packedSizeBytes(l.kernel.length, bits, perChannel ? l.fanOut : 1), 0) + BIAS_BYTES(layers);
	return {
		layers: out,
		encoding: { kind: 'affine', bits, symmetric, perChannel, tensors },
		mse: kernelMse(layers, out),
		packedBytes: packed,
		storage: { kind: 'packed', bits, perChannel }
	};
}

/** Compressed sparse row storage of a kernel: float32 values, 16-bit column indices, 32-bit row pointers. */
export function csrBytes(kernel: Float32Array, rows: number): number {
	let nnz = 0;
	for (const v of kernel) if (v !== 0) nnz++;
	return nnz * (4 + 2) + (rows + 1) * 4;
}

export function unstructured(layers: DenseWeights[], sparsity: number): ModelVariant {
	const out = layers.map((l) => ({ ...l, kernel: magnitudePrune(l.kernel, sparsity) }));
	return sparseVariant(layers, out);
}

/** Storage of an already pruned model: CSR where it is smaller than dense float32, per kernel. */
export function sparseVariant(original: DenseWeights[], pruned: DenseWeights[]): ModelVariant {
	let bytes = BIAS_BYTES(pruned);
	let sparseKernels = 0;
	for (const l of pruned) {
		const csr = csrBytes(l.kernel, l.fanIn);
		const dense = 4 * l.kernel.length;
		if (csr < dense) sparseKernels++;
		bytes += Math.min(csr, dense);
	}
	return {
		layers: pruned,
		encoding: { kind: 'float32' },
		mse: kernelMse(original, pruned),
		packedBytes: bytes,
		storage: { kind: 'csr', sparseKernels, kernels: pruned.length }
	};
}

/** Indices of the `keep` neurons of a layer with the largest L2 norm of incoming weights, in order. */
export function strongestNeurons(l: DenseWeights, keep: number): number[] {
	const norms = Array.from({ length: l.fanOut }, (_, j) => {
		let s = 0;
		for (let i = 0; i < l.fanIn; i++) s += l.kernel[i * l.fanOut + j] ** 2;
		return { j, s };
	});
	norms.sort((a, b) => b.s - a.s || a.j - b.j);
	return norms
		.slice(0, keep)
		.map((n) => n.j)
		.sort((a, b) => a - b);
}

export function structured(layers: DenseWeights[], sparsity: number): ModelVariant {
	const out: DenseWeights[] = layers.map((l) => ({ ...l }));
	for (let h = 0; h < out.length - 1; h++) {
		const l = out[h];
		const keep = strongestNeurons(l, keptNeurons(l.fanOut, sparsity));
		const kernel = new Float32Array(l.fanIn * keep.length);
		for (let i = 0; i < l.fanIn; i++) keep.forEach((j, c) => (kernel[i * keep.length + c] = l.kernel[i * l.fanOut + j]));
		out[h] = { kernel, bias: Float32Array.from(keep, (j) => l.bias[j]), fanIn: l.fanIn, fanOut: keep.length };
		const next = out[h + 1];
		const nextKernel = new Float32Array(keep.length * next.fanOut);
		keep.forEach((j, r) => nextKernel.set(next.kernel.subarray(j * next.fanOut, (j + 1) * next.fanOut), r * next.fanOut));
		out[h + 1] = { ...next, kernel: nextKernel, fanIn: keep.length };
	}
	return { layers: out, encoding: { kind: 'float32' }, mse: NaN, packedBytes: float32Bytes(out), storage: { kind: 'float32-smaller' } };
}

export function widths(layers: DenseWeights[]): number[] {
	return [layers[0].fanIn, ...layers.map((l) => l.fanOut)];
}

export function countNonzero(layers: DenseWeights[]): { nonzero: number; total: number } {
	let nonzero = 0;
	let total = 0;
	for (const l of layers) {
		for (const v of l.kernel) if (v !== 0) nonzero++;
		for (const v of l.bias) if (v !== 0) nonzero++;
		total += l.kernel.length + l.bias.length;
	}
	return { nonzero, total };
}
