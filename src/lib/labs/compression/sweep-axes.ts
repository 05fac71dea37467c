/**
 * The compression lab's sweep axes: the settings a sweep may vary and the metrics it reports, as plain data. The URL
 * schema (./params.ts) checks its `sweep` and `metrics` parameters against them, and the sweep description (./sweep.ts),
 * which builds on that schema, spreads them in. Kept apart from both so that neither imports the other.
 */
import type { SweepMetric } from '$lib/sweep/lab-sweep';

export const compressionAxes = {
	sweepable: [
		{ key: 'sparsity', label: 'Sparsity (share of weights or neurons removed)' },
		{ key: 'ftepochs', label: 'Fine-tuning epochs' },
		{ key: 'width', label: 'Hidden width' },
		{ key: 'depth', label: 'Hidden layers' },
		{ key: 'epochs', label: 'Training epochs' },
		{ key: 'ntrain', label: 'Training rows' },
		{ key: 'noise', label: 'Label noise (share flipped)' },
		{ key: 'sw', label: 'Student width (distillation)' },
		{ key: 'temp', label: 'Temperature T (distillation)' },
		{ key: 'hard', label: 'Hard-label weight λ (distillation)' },
		{ key: 'srows', label: 'Share of the training rows the students see' }
	] as const,
	metrics: [
		{ id: 'accuracy', label: 'Test accuracy', short: 'Accuracy', kind: 'mean', bounds: [0, 1], note: 'At threshold 0.5, on the seed’s test split.' },
		{
			id: 'drop',
			label: 'Accuracy lost against the uncompressed model',
			short: 'Accuracy lost',
			kind: 'mean',
			better: 'lower',
			note: 'The uncompressed model’s (the teacher’s) test accuracy minus the pruned model’s or the student’s, seed by seed (negative: it scored higher).'
		},
		{ id: 'auc', label: 'Test ROC AUC', short: 'ROC AUC', kind: 'mean', bounds: [0, 1], note: 'Ranking quality, independent of the threshold.' }
	] satisfies SweepMetric[],
	defaultMetrics: ['accuracy']
};
