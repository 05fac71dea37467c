/**
 * The class-imbalance lab's sweep axes: the settings a sweep may vary and the metrics it reports, as plain data. The URL
 * schema (./params.ts) checks its `sweep` and `metrics` parameters against them, and the sweep description (./sweep.ts),
 * which builds on that schema, spreads them in. Kept apart from both so that neither imports the other.
 */
import type { SweepMetric } from '$lib/sweep/lab-sweep';

const PROB = '0 to 1';

export const imbalanceAxes = {
	// The threshold re-scores without training, and the seed is what replicates vary.
	sweepable: [
		{ key: 'gamma', label: 'Focal γ' },
		{ key: 'ratio', label: 'Imbalance ratio (majority per minority)' },
		{ key: 'overlap', label: 'Class overlap' },
		{ key: 'n', label: 'Sample size' },
		{ key: 'loss', label: 'Model A’s loss' },
		{ key: 'compare', label: 'Model B’s loss' },
		{ key: 'resample', label: 'Model A’s re-sampling' },
		{ key: 'lr', label: 'Learning rate' },
		{ key: 'epochs', label: 'Epochs' },
		{ key: 'batch', label: 'Batch size' }
	] as const,
	metrics: [
		{ id: 'ap', label: 'PR AUC (average precision)', short: 'PR AUC', kind: 'mean', bounds: [0, 1], note: PROB },
		{ id: 'recall', label: 'Minority recall', short: 'Recall', kind: 'mean', bounds: [0, 1], note: PROB },
		{
			id: 'precision',
			label: 'Minority precision',
			short: 'Precision',
			kind: 'mean',
			bounds: [0, 1],
			note: 'a run that predicts no minority has no precision and is left out'
		},
		{ id: 'f1', label: 'F1 (minority)', short: 'F1', kind: 'mean', bounds: [0, 1], note: PROB },
		{ id: 'rocAuc', label: 'ROC AUC', short: 'ROC AUC', kind: 'mean', bounds: [0, 1], note: PROB },
		{ id: 'accuracy', label: 'Accuracy', short: 'Accuracy', kind: 'mean', bounds: [0, 1], note: PROB }
	] satisfies SweepMetric[],
	defaultMetrics: ['ap', 'recall']
};
