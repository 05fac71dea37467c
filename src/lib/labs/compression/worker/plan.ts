/**
 * Which variants a compression request builds, in order: float32, float16, every int8/4/2 quantization (symmetric
 * or not, per tensor or per channel), one-shot unstructured and structured pruning, and — when fine-tuning is on —
 * both prunings fine-tuned. Each plan says what the variant is (for the page to name it) and how to build it.
 */
import type { DenseWeights } from '../../../engine/mlp';
import type { CompressSpec, VariantSpec } from '../types';
import { baseline, halfPrecision, quantized, sparseVariant, structured, unstructured, type ModelVariant } from './variants';

export interface VariantPlan {
	spec: VariantSpec;
	build: () => Promise<ModelVariant>;
}

/** `tune(start, sparsity)` fine-tunes weights (pruning gradually to `sparsity` when it is not null). */
export function planVariants(
	base: DenseWeights[],
	cs: CompressSpec,
	tune: (start: DenseWeights[], sparsity: number | null) => Promise<DenseWeights[]>
): VariantPlan[] {
	const plans: VariantPlan[] = [
		{ spec: { id: 'fp32', kind: 'baseline', bits: 32 }, build: async () => baseline(base) },
		{ spec: { id: 'fp16', kind: 'float16', bits: 16 }, build: async () => halfPrecision(base) }
	];
	for (const bits of [8, 4, 2]) {
		for (const symmetric of [true, false]) {
			for (const perChannel of [false, true]) {
				plans.push({
					spec: { id: `q${bits}-${symmetric ? 'sym' : 'asym'}-${perChannel ? 'ch' : 'tensor'}`, kind: 'quantized', bits, symmetric, perChannel },
					build: async () => quantized(base, bits, symmetric, perChannel)
				});
			}
		}
	}
	const sparsity = cs.sparsity;
	plans.push({ spec: { id: 'prune', kind: 'unstructured', bits: 32, sparsity, fineTuned: false }, build: async () => unstructured(base, sparsity) });
	plans.push({ spec: { id: 'neurons', kind: 'structured', bits: 32, sparsity, fineTuned: false }, build: async () => structured(base, sparsity) });
	if (cs.fineTune) {
		plans.push({
			spec: { id: 'prune-ft', kind: 'unstructured', bits: 32, sparsity, fineTuned: true },
			build: async () => sparseVariant(base, await tune(base, sparsity))
		});
		plans.push({
			spec: { id: 'neurons-ft', kind: 'structured', bits: 32, sparsity, fineTuned: true },
			build: async () => {
				const small = structured(base, sparsity);
				return { ...small, layers: await tune(small.layers, null) };
			}
		});
	}
	return plans;
}
