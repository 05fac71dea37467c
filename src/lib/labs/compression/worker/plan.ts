/**
 * Which variants a compression request builds, in order (../known.ts lists them: float32, float16, every int8/4/2
 * quantization, one-shot unstructured and structured pruning, and — when fine-tuning is on — both prunings
 * fine-tuned, and — with distillation on — a student on labels alone and a distilled one). Each plan says what the variant is (for the page to name it) and how to build it.
 */
import type { DenseWeights } from '../../../engine/mlp';
import type { CompressSpec, VariantSpec } from '../types';
import { variantSpecs } from '../known';
import { baseline, halfPrecision, quantized, sparseVariant, structured, studentVariant, unstructured, type ModelVariant } from './variants';

export interface VariantPlan {
	spec: VariantSpec;
	build: () => Promise<ModelVariant>;
}

type Tune = (start: DenseWeights[], sparsity: number | null) => Promise<DenseWeights[]>;
/** Trains the student a spec describes (labels alone, or distilled) and returns its weights. */
type Teach = (spec: VariantSpec) => Promise<DenseWeights[]>;

const NO_STUDENTS: Teach = () => Promise.reject(new Error('This request trains no students.'));

function builder(base: DenseWeights[], spec: VariantSpec, tune: Tune, teach: Teach): () => Promise<ModelVariant> {
	const sparsity = spec.sparsity ?? 0;
	switch (spec.kind) {
		case 'baseline':
			return async () => baseline(base);
		case 'float16':
			return async () => halfPrecision(base);
		case 'quantized':
			return async () => quantized(base, spec.bits, !!spec.symmetric, !!spec.perChannel);
		case 'unstructured':
			return spec.fineTuned ? async () => sparseVariant(base, await tune(base, sparsity)) : async () => unstructured(base, sparsity);
		case 'structured':
			return spec.fineTuned
				? async () => {
						const small = structured(base, sparsity);
						return { ...small, layers: await tune(small.layers, null) };
					}
				: async () => structured(base, sparsity);
		case 'student':
		case 'distilled':
			return async () => studentVariant(await teach(spec));
	}
}

/**
 * `tune(start, sparsity)` fine-tunes weights (pruning gradually to `sparsity` when it is not null); `teach(spec)`
 * trains a student (needed when `cs.distill` is set).
 */
export function planVariants(base: DenseWeights[], cs: CompressSpec, tune: Tune, teach: Teach = NO_STUDENTS): VariantPlan[] {
	return variantSpecs(cs).map((spec) => ({ spec, build: builder(base, spec, tune, teach) }));
}
