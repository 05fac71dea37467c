/** Every setting of the compression lab, as URL parameters, and its presets. */
import { param, type Values } from '$lib/url/schema';
import { BACKEND_CHOICES } from '$lib/engine/backend-types';
import type { CompressionConfig, CompressSpec, DistillSpec } from '$lib/labs/compression/types';
import { checkMetricsFor, checkSweepFor, type SweepAxes } from '$lib/sweep/lab-sweep';
import { compressionAxes } from './sweep-axes';

/** What the `sweep` and `metrics` parameters are checked against (./sweep.ts describes the rest of the lab's sweeps). */
const sweepAxes: SweepAxes = { ...compressionAxes, schema: () => compressionSchema };

export const compressionSchema = {
	width: param.int(256, 8, 1024),
	depth: param.int(2, 1, 4),
	features: param.int(16, 4, 128),
	ntrain: param.int(6000, 1000, 30000),
	epochs: param.int(12, 1, 100),
	lr: param.number(0.005, 0.0001, 0.1),
	seed: param.int(9, 0, 4294967295),
	/** Share of labels flipped at random (training and test). */
	noise: param.number(0.05, 0, 0.45),
	sparsity: param.number(0.5, 0, 0.95),
	finetune: param.bool(true),
	ftepochs: param.int(3, 1, 20),
	/** Knowledge distillation: two students of width `sw` (labels alone, and on soft targets at T = `temp`, weight `hard` on the labels). */
	distill: param.bool(true),
	sw: param.int(8, 1, 256),
	temp: param.number(4, 0.5, 20),
	hard: param.number(0.1, 0, 1),
	/** Share of the training rows the students see (for as many steps as the teacher trains). */
	srows: param.number(1, 0.01, 1),
	runs: param.int(25, 5, 200),
	large: param.int(2048, 64, 16384),
	hist: param.enum('q4-asym-tensor', [
		'fp16',
		'q8-sym-tensor',
		'q8-asym-tensor',
		'q4-sym-tensor',
		'q4-asym-tensor',
		'q2-sym-tensor',
		'q2-asym-tensor',
		'q4-asym-ch',
		'prune',
		'prune-ft'
	] as const),
	backend: param.enum('auto', BACKEND_CHOICES),
	/** What a sweep compares: the four prunings, or the distilled student against the student on labels alone. */
	study: param.enum('prune', ['prune', 'distill'] as const),
	/** A sweep over one setting with seed replicates ($lib/sweep/plan.ts), and the metrics it shows. */
	sweep: param.text('', 200, (raw) => checkSweepFor(sweepAxes, raw)),
	metrics: param.text('', 100, (raw) => checkMetricsFor(sweepAxes, raw))
};

export type CompressionParams = Values<typeof compressionSchema>;

export function toConfig(p: CompressionParams): CompressionConfig {
	return { seed: p.seed, width: p.width, depth: p.depth, features: p.features, nTrain: p.ntrain, lr: p.lr, batchSize: 64, flip: p.noise };
}

export function toDistill(p: CompressionParams): DistillSpec {
	return { width: p.sw, temperature: p.temp, hardWeight: p.hard, ...(p.srows < 1 ? { share: p.srows } : {}) };
}

export function toSpec(p: CompressionParams): CompressSpec {
	const spec: CompressSpec = { sparsity: p.sparsity, fineTune: p.finetune, fineTuneEpochs: p.ftepochs, largeBatch: p.large, runs: p.runs };
	if (p.distill) spec.distill = toDistill(p);
	return spec;
}

/**
 * The distillation presets' teacher: 8 features, 256 units, 12,000 rows with 10% of the labels flipped, 8 epochs;
 * students at T = 4, λ = 0.1. Measured in Node (CPU backend, fused engine for the teacher;
 * tests/unit/compression-distill-measure.test.ts) on seeds 1–9, test accuracy:
 * - 16-unit students on 3% of the rows: teacher 84.2%, student 75.1%, distilled 81.8% (means); the gain 6.7 points,
 *   95% t-interval 5.7 to 7.7 over the 9 per-seed differences; the share of the gap closed 0.55–0.88 per seed.
 * - 4-unit students on every row: teacher 84.2%, student 81.5%, distilled 80.8%; the gain −0.75 points, 95%
 *   t-interval −1.44 to −0.06; negative in all 9 seeds (a capacity gap: soft targets do not add units).
 * The labels claim no more than these runs showed; a browser may train the teacher on another path (other numbers).
 */
export const DISTILL_TEACHER = { width: 256, depth: 1, features: 8, ntrain: 12000, epochs: 8, noise: 0.1, distill: true, temp: 4, hard: 0.1 } as const;

export const PRESETS = [
	{ id: 'small', label: 'Small model: everything is fast', values: { width: 64, depth: 2, epochs: 15 } },
	{ id: 'big', label: 'Wide model: latency you can measure', values: { width: 1024, depth: 2, epochs: 6, large: 4096 } },
	{ id: 'aggressive', label: 'Aggressive pruning (90%)', values: { sparsity: 0.9, finetune: true, ftepochs: 5 } },
	{ id: 'two-bit', label: 'Look at 2-bit weights', values: { hist: 'q2-asym-tensor' } },
	{
		id: 'distill-pays',
		label: 'Distillation that pays: 16-unit students on 3% of the rows (in Node, 9 seeds: it closed 55–88% of the gap)',
		values: { ...DISTILL_TEACHER, sw: 16, srows: 0.03 }
	},
	{
		id: 'distill-no-gain',
		label: 'Distillation that does not: 4-unit students on every row (in Node, 9 seeds: it closed none of the gap)',
		values: { ...DISTILL_TEACHER, sw: 4, srows: 1 }
	}
] as const satisfies ReadonlyArray<{ id: string; label: string; values: Partial<CompressionParams> }>;
