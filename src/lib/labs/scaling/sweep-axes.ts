/**
 * The feature scaling lab's sweep axes: the settings a sweep may vary and the metrics it reports, as plain data. The URL
 * schema (./params.ts) checks its `sweep` and `metrics` parameters against them, and the sweep description (./sweep.ts),
 * which builds on that schema, spreads them in. Kept apart from both so that neither imports the other.
 */
import type { SweepMetric } from '$lib/sweep/lab-sweep';

export const scalingAxes = {
	sweepable: [
		{ key: 'lr', label: 'Learning rate' },
		{ key: 'optimizer', label: 'Optimizer' },
		{ key: 'model', label: 'Model' },
		{ key: 'skew', label: 'Skew of the money features' },
		{ key: 'outliers', label: 'Share of outliers' },
		{ key: 'n', label: 'Sample size' },
		{ key: 'steps', label: 'Step budget' },
		{ key: 'target', label: 'Target (within this share of the best loss)' }
	] as const,
	metrics: [
		{
			id: 'steps',
			label: 'Steps to target',
			short: 'Steps',
			kind: 'time',
			unit: 'step',
			note: 'The target: training loss within the lab’s target share of the lowest loss this model can reach on the scaled features — one optimum for every affine scaling (the same model re-parametrised; raw features included), another for log1p, which changes the features (here it fits better). Logistic model: the exact optimum (Newton’s method); MLP: the lowest loss of a long reference fit (Adam, lr 0.01, 1,500 steps). A run that never gets there within the step budget, or diverges, counts as beyond the budget (drawn on the top line). The table above the charts measures against the best loss on screen instead.'
		},
		{ id: 'reached', label: 'Share of seeds reaching the target', short: 'Reached', kind: 'proportion', bounds: [0, 1], note: 'Within the step budget.' },
		{
			id: 'diverged',
			label: 'Share of seeds that diverged',
			short: 'Diverged',
			kind: 'proportion',
			bounds: [0, 1],
			better: 'lower',
			note: 'The loss became non-finite or rose tenfold.'
		},
		{ id: 'accuracy', label: 'Test accuracy', short: 'Accuracy', kind: 'mean', bounds: [0, 1], note: 'Runs that diverged have none and are left out.' }
	] satisfies SweepMetric[],
	defaultMetrics: ['steps', 'reached']
};
