/**
 * What the compression lab knows before any weight is trained (pure; the page and the worker share it): the layer
 * widths of a configuration, the variants a compression request builds (in the order the worker builds them), and
 * each variant's sizes — bytes as stored, bytes of the TF.js export where its manifest holds no weight-dependent
 * numbers, weights in all, layer widths — which follow from the widths and the request alone.
 * The worker's measured values are the same numbers (tests/unit/compression-progress.test.ts checks it). One
 * assumption: a weight kept by magnitude pruning is not exactly 0.0 after training (float weights trained by Adam
 * from random values), so a pruned kernel holds exactly n − round(sparsity·n) non-zero weights.
 */
import { packedSizeBytes, roundHalfEven } from '$lib/ml/compression';
import { biasEntry, layersModelJson, plainKernelEntry, type LayerShape } from './tfjs-json';
import type { CompressionConfig, CompressSpec, ExportEncoding, Storage, VariantSpec } from './types';

type Request = Pick<CompressSpec, 'sparsity' | 'fineTune' | 'distill'>;

/** Rows of the large-batch latency test at most (measure.ts tiles the test rows up to it). */
export const MAX_LARGE_BATCH = 16384;

/** Input, hidden and output widths of the lab's MLP. */
export function layerWidths(c: Pick<CompressionConfig, 'features' | 'width' | 'depth'>): number[] {
	return [c.features, ...Array<number>(c.depth).fill(c.width), 1];
}

export function shapesOf(widths: number[]): LayerShape[] {
	return widths.slice(0, -1).map((fanIn, i) => ({ fanIn, fanOut: widths[i + 1] }));
}

/** Weights and biases of an MLP with these widths. */
export function parameterCount(widths: number[]): number {
	return shapesOf(widths).reduce((s, l) => s + (l.fanIn + 1) * l.fanOut, 0);
}

/** Neurons a hidden layer keeps under structured pruning (at least one). */
export function keptNeurons(fanOut: number, sparsity: number): number {
	return Math.max(1, Math.round((1 - sparsity) * fanOut));
}

/** Widths after structured pruning: every hidden layer keeps its strongest neurons. */
export function structuredWidths(widths: number[], sparsity: number): number[] {
	return widths.map((w, i) => (i === 0 || i === widths.length - 1 ? w : keptNeurons(w, sparsity)));
}

/** Widths of a student: the teacher's input, depth and output, every hidden layer `width` wide. */
export function studentWidths(widths: number[], width: number): number[] {
	return widths.map((w, i) => (i === 0 || i === widths.length - 1 ? w : width));
}

/**
 * The variants a request builds, in order: float32, float16, every int8/4/2 quantization (symmetric or not, per tensor
 * or per channel), one-shot unstructured and structured pruning, with fine-tuning on both fine-tuned, and with
 * distillation on the student trained on labels alone, then the distilled student.
 */
export function variantSpecs(cs: Request): VariantSpec[] {
	const specs: VariantSpec[] = [
		{ id: 'fp32', kind: 'baseline', bits: 32 },
		{ id: 'fp16', kind: 'float16', bits: 16 }
	];
	for (const bits of [8, 4, 2]) {
		for (const symmetric of [true, false]) {
			for (const perChannel of [false, true]) {
				specs.push({ id: `q${bits}-${symmetric ? 'sym' : 'asym'}-${perChannel ? 'ch' : 'tensor'}`, kind: 'quantized', bits, symmetric, perChannel });
			}
		}
	}
	const sparsity = cs.sparsity;
	specs.push({ id: 'prune', kind: 'unstructured', bits: 32, sparsity, fineTuned: false });
	specs.push({ id: 'neurons', kind: 'structured', bits: 32, sparsity, fineTuned: false });
	if (cs.fineTune) {
		specs.push({ id: 'prune-ft', kind: 'unstructured', bits: 32, sparsity, fineTuned: true });
		specs.push({ id: 'neurons-ft', kind: 'structured', bits: 32, sparsity, fineTuned: true });
	}
	if (cs.distill) {
		const { width, temperature, hardWeight, share } = cs.distill;
		const rows = share !== undefined && share < 1 ? { studentShare: share } : {};
		specs.push({ id: 'student', kind: 'student', bits: 32, studentWidth: width, ...rows });
		specs.push({ id: 'distilled', kind: 'distilled', bits: 32, studentWidth: width, temperature, hardWeight, ...rows });
	}
	return specs;
}

/** How the TF.js export stores a variant's kernels (worker/export.ts). */
export function exportEncodingOf(spec: VariantSpec): ExportEncoding {
	if (spec.kind === 'float16') return { kind: 'float16' };
	if (spec.kind === 'quantized') return { kind: 'affine', bits: spec.bits, perChannel: !!spec.perChannel };
	return { kind: 'float32' };
}

/** A variant's numbers that do not depend on the trained weights. */
export interface KnownVariant extends VariantSpec {
	packedBytes: number;
	storage: Storage;
	/** Bytes of the TF.js export; null where its manifest holds numbers of the weights (per-tensor scale and min). */
	exportBytes: number | null;
	exportEncoding: ExportEncoding;
	/** Weights and biases in all. */
	total: number;
	layers: number[];
}

/** Bytes of an export whose kernels are stored as plain float32 or float16 (no weight-dependent numbers in model.json). */
function plainExportBytes(widths: number[], kind: 'float32' | 'float16'): number {
	const shapes = shapesOf(widths);
	const json = layersModelJson(
		shapes,
		shapes.flatMap((l, i) => [plainKernelEntry(l, i, kind), biasEntry(l, i)])
	);
	const bin = shapes.reduce((s, l) => s + (kind === 'float16' ? 2 : 4) * l.fanIn * l.fanOut + 4 * l.fanOut, 0);
	return bin + new TextEncoder().encode(json).length;
}

const biasBytes = (shapes: LayerShape[]) => shapes.reduce((s, l) => s + 4 * l.fanOut, 0);

function storedBytes(widths: number[], spec: VariantSpec): { packedBytes: number; storage: Storage } {
	const shapes = shapesOf(widths);
	const float32 = shapes.reduce((s, l) => s + 4 * (l.fanIn + 1) * l.fanOut, 0);
	switch (spec.kind) {
		case 'baseline':
			return { packedBytes: float32, storage: { kind: 'float32' } };
		case 'float16':
			return { packedBytes: shapes.reduce((s, l) => s + 2 * l.fanIn * l.fanOut, 0) + biasBytes(shapes), storage: { kind: 'float16' } };
		case 'quantized': {
			const perChannel = !!spec.perChannel;
			const kernels = shapes.reduce((s, l) => s + packedSizeBytes(l.fanIn * l.fanOut, spec.bits, perChannel ? l.fanOut : 1), 0);
			return { packedBytes: kernels + biasBytes(shapes), storage: { kind: 'packed', bits: spec.bits, perChannel } };
		}
		case 'unstructured': {
			// CSR (float32 values, 16-bit column indices, 32-bit row pointers) where it is smaller than dense (variants.ts).
			let bytes = biasBytes(shapes);
			let sparseKernels = 0;
			for (const l of shapes) {
				const n = l.fanIn * l.fanOut;
				const csr = (n - roundHalfEven((spec.sparsity ?? 0) * n)) * (4 + 2) + (l.fanIn + 1) * 4;
				if (csr < 4 * n) sparseKernels++;
				bytes += Math.min(csr, 4 * n);
			}
			return { packedBytes: bytes, storage: { kind: 'csr', sparseKernels, kernels: shapes.length } };
		}
		case 'structured':
			return { packedBytes: float32, storage: { kind: 'float32-smaller' } };
		case 'student':
		case 'distilled':
			return { packedBytes: float32, storage: { kind: 'float32-student' } };
	}
}

/** Everything about a variant of a model with these widths that is known before training. */
export function knownVariant(widths: number[], spec: VariantSpec): KnownVariant {
	const layers =
		spec.kind === 'structured'
			? structuredWidths(widths, spec.sparsity ?? 0)
			: spec.kind === 'student' || spec.kind === 'distilled'
				? studentWidths(widths, spec.studentWidth ?? 1)
				: widths;
	const exportEncoding = exportEncodingOf(spec);
	const plain = exportEncoding.kind === 'float16' ? 'float16' : exportEncoding.kind === 'float32' || exportEncoding.perChannel ? 'float32' : null;
	return {
		...spec,
		...storedBytes(layers, spec),
		exportBytes: plain ? plainExportBytes(layers, plain) : null,
		exportEncoding,
		total: parameterCount(layers),
		layers
	};
}

/** Every variant of a request, in the order the worker builds them, with what is known before training. */
export function knownVariants(widths: number[], cs: Request): KnownVariant[] {
	return variantSpecs(cs).map((spec) => knownVariant(widths, spec));
}
