/**
 * The compression lab's facts for its lessons (lessons/types.ts): the numbers of a finished compression that a lesson
 * asks about and explains with — each variant's test accuracy, bytes as stored (the table's "Size (packed)"), share of
 * non-zero weights and layer widths (the table's cells), and the distillation reading the page words its sentence with
 * (./distill-text.ts). No latency: timings are this device's and noisy, so no lesson answer rests on one.
 */
import type { Facts } from '$lib/lessons/types';
import { readDistill } from './distill-text';
import type { CompressionSetup, CompressResult, VariantResult } from './types';

/** Multiply-adds of one prediction through dense layers of these widths (a dense kernel multiplies every entry). */
export function multiplyAdds(layers: number[]): number {
	return layers.slice(0, -1).reduce((s, w, i) => s + w * layers[i + 1], 0);
}

/**
 * How a one-seed difference in accuracy reads, in the words of the page's distillation sentence ("One seed is one run:
 * differences of a point or two can come from the seed alone"): beyond 2 points either way, or within them.
 */
export function oneRunReading(diff: number): 'ahead' | 'within' | 'behind' {
	return diff > 0.02 ? 'ahead' : diff < -0.02 ? 'behind' : 'within';
}

/** What a variant cost in test accuracy against float32 in this run: under a point (or a gain), 1–3 points, more. */
export function accuracyCost(baseline: number, variant: number): 'none' | 'some' | 'lots' {
	const drop = baseline - variant;
	return drop < 0.01 ? 'none' : drop <= 0.03 ? 'some' : 'lots';
}

/** The variants the lessons ask about, by the worker's ids (known.ts), and the facts' names for them. */
const NAMED = {
	Fp32: 'fp32',
	Fp16: 'fp16',
	Q8: 'q8-sym-tensor',
	Q4: 'q4-asym-tensor',
	Q2: 'q2-sym-tensor',
	Prune: 'prune',
	Neurons: 'neurons',
	PruneFt: 'prune-ft',
	NeuronsFt: 'neurons-ft',
	Student: 'student',
	Distilled: 'distilled'
} as const;

export function compressionFacts(r: CompressResult, setup: CompressionSetup, seed: number): Facts {
	const byId = new Map<string, VariantResult>(r.variants.map((v) => [v.id, v]));
	const fp32 = byId.get('fp32');
	const facts: Record<string, number | string | boolean> = {
		seed,
		testRows: setup.testSize,
		trainRows: setup.trainSize,
		sparsity: byId.get('prune')?.sparsity ?? NaN
	};
	for (const [name, id] of Object.entries(NAMED)) {
		const v = byId.get(id);
		facts[`has${name}`] = !!v;
		if (!v) continue;
		facts[`acc${name}`] = v.accuracy;
		facts[`bytes${name}`] = v.packedBytes;
		/** Bytes as stored, as a share of float32's (the table's "… of float32"). */
		facts[`sizeShare${name}`] = fp32 ? v.packedBytes / fp32.packedBytes : NaN;
		facts[`nonzero${name}`] = v.nonzero / v.total;
		facts[`layers${name}`] = v.layers.join('-');
		facts[`macs${name}`] = multiplyAdds(v.layers);
		facts[`cost${name}`] = fp32 ? accuracyCost(fp32.accuracy, v.accuracy) : 'none';
		if (v.storage.kind === 'csr') {
			facts[`sparseKernels${name}`] = v.storage.sparseKernels;
			facts[`kernels${name}`] = v.storage.kernels;
		}
	}
	const d = readDistill(r.variants);
	facts.hasDistill = !!d;
	if (d) {
		const student = byId.get('student')!;
		facts.studentWidth = student.studentWidth ?? NaN;
		facts.studentShare = student.studentShare ?? 1;
		facts.teacher = d.teacher;
		facts.student = d.student;
		facts.distilled = d.distilled;
		facts.gap = d.gap;
		facts.gain = d.gain;
		/** Share of the teacher–student gap closed (the sentence's), when there was a gap. */
		facts.hasGap = d.closed !== null;
		facts.closed = d.closed ?? 0;
		facts.distillReading = oneRunReading(d.gain);
	}
	return facts;
}
