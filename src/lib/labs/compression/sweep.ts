/**
 * The compression lab's sweeps: accuracy against sparsity for unstructured and structured pruning, one-shot and
 * fine-tuned, over seeds (each seed its own data, initial weights and trained model); or (`study=distill`) the
 * distilled student (arm A) against the same student trained on labels alone (arm B), whose paired difference A − B
 * over seeds — each seed's two students share data, teacher, initial weights and batches — is the distillation gain.
 */
import type { LabSweep } from '$lib/sweep/lab-sweep';
import type { CompressionSweepRequest } from '$lib/labs/compression/types';
import { compressionSchema, DISTILL_TEACHER, toConfig, toDistill, type CompressionParams } from './params';
import { compressionAxes } from './sweep-axes';
import { DEFAULT_KAPPA, runWork, studentWork, trainWork } from './sweep-cost';

const SMALL = { width: 64, depth: 2, features: 16, ntrain: 3000, epochs: 10, ftepochs: 2 } as const;
const DISTILL_ONLY = ['sw', 'temp', 'hard', 'srows'];
const PRUNE_ONLY = ['sparsity', 'ftepochs'];

export const compressionSweep: LabSweep<CompressionParams, CompressionSweepRequest> = {
	lab: 'compression',
	schema: () => compressionSchema,
	...compressionAxes,
	defaultSweep: 'sparsity:0,0.25,0.5,0.75,0.9/10',
	presets: [
		{
			id: 'sparsity',
			label: 'Accuracy vs sparsity: unstructured vs structured, one-shot vs fine-tuned (small model, 10 seeds)',
			settings: SMALL,
			sweep: 'sparsity:0,0.25,0.5,0.75,0.9/10',
			metrics: 'accuracy,drop'
		},
		{
			id: 'fine-tune',
			label: 'How much fine-tuning 90% sparsity needs (small model, 8 seeds)',
			settings: { ...SMALL, sparsity: 0.9 },
			sweep: 'ftepochs:1,2,4,8/8',
			metrics: 'accuracy,drop'
		},
		{
			id: 'distill-rows',
			label: 'Distilled vs labels-only student (16 units) as the students see fewer rows: the gain, paired by seed (5 seeds)',
			settings: { ...DISTILL_TEACHER, study: 'distill', sw: 16 },
			sweep: 'srows:0.03,0.1,0.3,1/5',
			metrics: 'accuracy,drop'
		},
		{
			id: 'distill-width',
			label: 'Distilled vs labels-only student over the student’s width, on every row (5 seeds)',
			settings: { ...DISTILL_TEACHER, study: 'distill', srows: 1 },
			sweep: 'sw:2,4,8,16/5',
			metrics: 'accuracy,drop'
		}
	],
	arms: (p, swept) =>
		p.study === 'distill'
			? [
					{
						label: swept.some((k) => DISTILL_ONLY.includes(k))
							? 'A: distilled student (as swept)'
							: `A: distilled student (${p.sw} units, T = ${p.temp}, λ = ${p.hard})`,
						tag: 'distilled'
					},
					{ label: `B: student, labels only${swept.includes('sw') ? '' : ` (${p.sw} units)`}`, tag: 'student' }
				]
			: [
					{ label: 'Unstructured, one-shot', tag: 'prune' },
					{ label: 'Unstructured, fine-tuned', tag: 'prune-ft' },
					{ label: 'Structured (neurons), one-shot', tag: 'neurons' },
					{ label: 'Structured (neurons), fine-tuned', tag: 'neurons-ft' }
				],
	request: (p, id) => ({
		id,
		config: toConfig(p),
		epochs: p.epochs,
		sparsity: p.sparsity,
		fineTuneEpochs: p.ftepochs,
		...(p.study === 'distill' ? { distill: toDistill(p) } : {})
	}),
	// The cost model is in ./sweep-cost.ts: a run's fine-tunings and evaluations, and each seed's training (shared by
	// its runs) counted with κ; the page passes measured rates (measuredSweep) and the speed in the same unit.
	cost: (p) => (p.study === 'distill' ? studentWork(p) : runWork(p)),
	shared: {
		key: (p) => JSON.stringify([p.seed, p.width, p.depth, p.features, p.ntrain, p.lr, p.epochs, p.noise]),
		cost: (p) => DEFAULT_KAPPA * trainWork(p)
	},
	viewOnly: ['backend', 'finetune', 'runs', 'large', 'hist', 'distill'],
	unused: (p, key) =>
		p.study !== 'distill' && DISTILL_ONLY.includes(key)
			? 'The student settings change only a distillation sweep: choose “distilled vs labels-only student” as what the sweep compares (or a distillation preset).'
			: p.study === 'distill' && PRUNE_ONLY.includes(key)
				? 'A distillation sweep trains no pruned models: sparsity and fine-tuning change nothing in it.'
				: null,
	pairedLabel: 'A − B'
};
